import type { Dashboard, MemberDetail, MemberPage } from '@affilia/shared/schemas/members';
import { beforeAll, describe, expect, it } from 'vitest';
import { employerWorld } from '../../../test/employer-world';
import { createMember } from '../../../test/factories';
import { useTestApp, type Browser } from '../../../test/helper';
import { newId } from '../../lib/ids';
import { moveRadiation } from '../radiations/radiations.repository';
import { refreshLatestCoverage } from './members.repository';

/*
 * Departures on « Mes salariés », a member's page and the home page (issue 18). Today is
 * 2026-03-02 on the test clock.
 *   Lyon: LEROY (radiated, processed: employee coverage ended 2026-02-27, portability to
 *         2026-03-20 — ends within 30 days), MOREL (processed, portability to 2026-12-31),
 *         ROUX (radiation returned to the employer), FABRE (covered, nothing)
 *   Paris: PETIT (processed, portability to 2026-03-10: outside a Lyon-only user's perimeter)
 */
const t = useTestApp();
let admin: Browser;
let regional: Browser;
let other: Browser;
const ids: Record<string, string> = {};
const radiationIds: Record<string, string> = {};

beforeAll(async () => {
  const db = t.ctx.db;
  const w = await employerWorld(t, { name: 'Gamma Conseil', ip: 40, restrictedTo: 'lyon' });
  ({ admin, restricted: regional, other } = w);
  const { lyon, paris, contract } = w;

  let nir = 0;
  const add = async (key: string, establishment: typeof lyon, lastName: string) => {
    const m = await createMember(db, t.ctx.cipher, {
      establishment,
      nir13: `18506755${String(++nir).padStart(5, '0')}`,
      lastName,
      coverages: [{ contract, effectiveDate: '2025-08-01' }],
    });
    ids[key] = m.id;
  };
  await add('leroy', lyon, 'Leroy');
  await add('morel', lyon, 'Morel');
  await add('roux', lyon, 'Roux');
  await add('fabre', lyon, 'Fabre');
  await add('petit', paris, 'Petit');

  const radiate = async (key: string) => {
    const res = await admin.post('/api/radiations', {
      memberId: ids[key],
      contractEndDate: '2026-02-27',
      motif: 'fin_cdd',
      unemploymentRights: true,
      employmentPeriods: [{ start: '2025-08-01', end: '2026-02-27' }],
      contactAddress: '2 rue Mercière, 69002 Lyon',
    });
    expect(res.statusCode, res.body).toBe(201);
    radiationIds[key] = res.json<{ radiations: { id: string }[] }>().radiations[0]!.id;
    return radiationIds[key];
  };
  const at = t.clock.now().toISOString();
  /** The insurer's processing, as the back office leaves it. */
  const processed = async (key: string, portabilityEnd: string) => {
    const id = await radiate(key);
    await moveRadiation(db, {
      id,
      from: 'sent',
      to: 'processed',
      actor: { kind: 'staff', userId: null },
      at,
      changes: { processed_at: at, portability_end_date: portabilityEnd },
    });
    await db
      .updateTable('coverages')
      .set({ end_date: '2026-02-27' })
      .where('member_id', '=', ids[key]!)
      .execute();
    await db
      .insertInto('coverages')
      .values({
        id: newId(),
        member_id: ids[key]!,
        contract_id: contract.id,
        option_code: 'base',
        effective_date: '2026-02-28',
        end_date: portabilityEnd,
        affiliation_request_id: null,
        kind: 'portability',
        radiation_id: id,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await db
      .updateTable('members')
      .set({ portability_end_date: portabilityEnd })
      .where('id', '=', ids[key]!)
      .execute();
    await refreshLatestCoverage(db, [ids[key]!]);
  };
  await processed('leroy', '2026-03-20');
  await processed('morel', '2026-12-31');
  await processed('petit', '2026-03-10');
  const returned = await radiate('roux');
  await moveRadiation(db, {
    id: returned,
    from: 'sent',
    to: 'returned',
    actor: { kind: 'staff', userId: null },
    reason: 'Motif à préciser',
    at,
    changes: { returned_at: at, return_reason: 'Motif à préciser' },
  });
});

async function list(b: Browser, query: string) {
  const res = await b.get(`/api/members${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<MemberPage>();
}

describe('portability on « Mes salariés »', () => {
  it('filters « En portabilité » (portability ending today or later) with its end date on each row', async () => {
    const page = await list(admin, '?portability=active');
    expect(page.items.map((m) => [m.lastName, m.portabilityEndDate])).toEqual([
      ['Leroy', '2026-03-20'],
      ['Morel', '2026-12-31'],
      ['Petit', '2026-03-10'],
    ]);
    expect((await list(regional, '?portability=active')).items.map((m) => m.lastName)).toEqual([
      'Leroy',
      'Morel',
    ]);
    expect((await list(other, '?portability=active')).total).toBe(0);
    const all = await list(admin, '');
    expect(all.items.find((m) => m.lastName === 'Fabre')?.portabilityEndDate).toBeNull();
  });

  it('keeps the latest coverage on the employee coverage, never the portability one', async () => {
    const page = await list(admin, '?portability=active');
    expect(page.items[0]!.contract).toMatchObject({
      effectiveDate: '2025-08-01',
      endDate: '2026-02-27',
      status: 'ended',
    });
  });

  it('shows on a member’s page their radiations, the portability and each coverage’s kind', async () => {
    const res = await admin.get(`/api/members/${ids.leroy}`);
    expect(res.statusCode, res.body).toBe(200);
    const detail = res.json<MemberDetail>();
    expect(detail.portabilityEndDate).toBe('2026-03-20');
    expect(detail.portability).toEqual({
      radiationId: radiationIds.leroy,
      start: '2026-02-28',
      end: '2026-03-20',
      newJobDate: null,
    });
    expect(detail.radiations).toEqual([
      expect.objectContaining({
        id: radiationIds.leroy,
        status: 'processed',
        contractEndDate: '2026-02-27',
        motif: 'fin_cdd',
      }),
    ]);
    expect(detail.coverages.map((c) => c.kind).sort()).toEqual(['employee', 'portability']);
    const plain = (await admin.get(`/api/members/${ids.fabre}`)).json<MemberDetail>();
    expect(plain).toMatchObject({ portabilityEndDate: null, portability: null, radiations: [] });
  });
});

describe('the home page’s pending actions', () => {
  it('counts the portabilities ending within 30 days and the radiations returned, in the perimeter', async () => {
    const res = await admin.get('/api/dashboard');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Dashboard>().pending).toMatchObject({
      portabilityEndingSoon: 2,
      radiationsReturned: 1,
    });
    const lyonOnly = (await regional.get('/api/dashboard')).json<Dashboard>();
    expect(lyonOnly.pending).toMatchObject({ portabilityEndingSoon: 1, radiationsReturned: 1 });
    const elsewhere = (await other.get('/api/dashboard')).json<Dashboard>();
    expect(elsewhere.pending).toMatchObject({ portabilityEndingSoon: 0, radiationsReturned: 0 });
  });
});
