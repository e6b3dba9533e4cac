import type { RequestPage } from '@affilia/shared/schemas/radiations';
import { beforeAll, describe, expect, it } from 'vitest';
import { employerWorld, type EmployerWorld } from '../../../test/employer-world';
import { createAffiliationRequest, createMember } from '../../../test/factories';
import { useTestApp, type Browser } from '../../../test/helper';

// The test clock: 2026-03-02T09:00Z (a minute later for each radiation).
const t = useTestApp();
let admin: Browser;
let regional: Browser;
let other: Browser;
let company: EmployerWorld['company'];
let lyon: EmployerWorld['lyon'];
let paris: EmployerWorld['paris'];
const ids: Record<string, string> = {};

async function page(b: Browser, query = '') {
  const res = await b.get(`/api/requests${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<RequestPage>();
}

beforeAll(async () => {
  const db = t.ctx.db;
  const w = await employerWorld(t, { name: 'Immobilière du Rhône', ip: 30 });
  ({ company, lyon, paris, admin, restricted: regional, other } = w);
  const { contract, adminUser } = w;
  // An affiliation request of Lyon (sent on 1 February) and one of Paris (1 March, noon).
  ids.affiliationLyon = (
    await createAffiliationRequest(db, t.ctx.cipher, {
      establishment: lyon,
      contract,
      createdBy: adminUser,
      lastName: 'Aubert',
      sentAt: '2026-02-01T09:00:00.000Z',
    })
  ).id;
  ids.affiliationParis = (
    await createAffiliationRequest(db, t.ctx.cipher, {
      establishment: paris,
      contract,
      createdBy: adminUser,
      lastName: 'Perrin',
      sentAt: '2026-03-01T12:00:00.000Z',
    })
  ).id;
  // Two members radiated through the API (today, 2 March): one in Lyon, one in Paris.
  for (const [key, establishment, lastName] of [
    ['radiationLyon', lyon, 'Bernard'],
    ['radiationParis', paris, 'Zola'],
  ] as const) {
    t.clock.advance(60_000);
    const m = await createMember(db, t.ctx.cipher, {
      establishment,
      nir13: key === 'radiationLyon' ? '1850675000101' : '1850675000202',
      lastName,
      coverages: [{ contract, effectiveDate: '2025-01-01' }],
    });
    ids[`member.${key}`] = m.id;
    const res = await admin.post('/api/radiations', {
      memberId: m.id,
      contractEndDate: '2026-03-31',
      motif: 'demission',
      unemploymentRights: false,
      employmentPeriods: [{ start: '2025-01-01', end: '2026-03-31' }],
      contactAddress: '3 place Bellecour, 69002 Lyon',
    });
    expect(res.statusCode, res.body).toBe(201);
    ids[key] = res.json<{ radiations: { id: string }[] }>().radiations[0]!.id;
  }
});

describe('GET /api/requests', () => {
  it('lists both types in one page, the latest change first, with each type’s fields and actions', async () => {
    const p = await page(admin);
    expect(p.total).toBe(4);
    expect(p.items.map((r) => r.id)).toEqual([
      ids.radiationParis,
      ids.radiationLyon,
      ids.affiliationParis,
      ids.affiliationLyon,
    ]);
    const radiation = p.items[0]!;
    expect(radiation).toMatchObject({
      type: 'radiation',
      status: 'sent',
      lastName: 'Zola',
      memberId: ids['member.radiationParis'],
      contractEndDate: '2026-03-31',
      motif: 'demission',
      canCancel: true,
      establishment: { id: paris.id, name: paris.name },
      company: { id: company.id, siren: company.siren },
    });
    const affiliation = p.items[2]!;
    expect(affiliation).toMatchObject({
      type: 'affiliation',
      status: 'sent',
      mode: 'email',
      lastName: 'Perrin',
      reminderCount: 0,
      canRemind: true,
      canCancel: true,
    });
    // Sent yesterday at noon: the next reminder is allowed 24 hours after.
    expect(affiliation.type === 'affiliation' && affiliation.nextReminderAt).toBe(
      '2026-03-02T12:00:00.000Z',
    );
  });

  it('filters by type, typed status, establishment, SIREN, name or NIR, and dates', async () => {
    const idsOf = async (query: string) => (await page(admin, query)).items.map((r) => r.id);
    expect(await idsOf('?type=affiliation&sort=name&order=asc')).toEqual([
      ids.affiliationLyon,
      ids.affiliationParis,
    ]);
    expect(await idsOf('?status=radiation.sent&sort=name&order=asc')).toEqual([
      ids.radiationLyon,
      ids.radiationParis,
    ]);
    expect(await idsOf('?status=radiation.processed')).toEqual([]);
    expect(await idsOf('?status=affiliation.sent&establishmentId=' + paris.id)).toEqual([
      ids.affiliationParis,
    ]);
    expect(await idsOf(`?establishmentId=${lyon.id}&sort=created_at&order=asc`)).toEqual([
      ids.affiliationLyon,
      ids.radiationLyon,
    ]);
    expect(await idsOf(`?siren=${company.siren}`)).toHaveLength(4);
    expect(await idsOf('?siren=999999999')).toEqual([]);
    expect(await idsOf('?q=zol')).toEqual([ids.radiationParis]);
    expect(await idsOf('?q=1850675000101')).toEqual([ids.radiationLyon]);
    expect(await idsOf('?from=2026-03-01&to=2026-03-01')).toEqual([ids.affiliationParis]);
    expect(await idsOf('?from=2026-03-02&type=radiation&sort=name&order=desc')).toEqual([
      ids.radiationParis,
      ids.radiationLyon,
    ]);
  });

  it('pages the union', async () => {
    const first = await page(admin, '?pageSize=25&page=1&sort=name&order=asc');
    expect(first.items.map((r) => r.lastName)).toEqual(['Aubert', 'Bernard', 'Perrin', 'Zola']);
    expect((await page(admin, '?page=2')).items).toEqual([]);
  });

  it('shows a restricted user their establishments only, another company nothing', async () => {
    const mine = await page(regional);
    expect(mine.total).toBe(2);
    expect(mine.items.map((r) => r.id).sort()).toEqual(
      [ids.affiliationParis, ids.radiationParis].sort(),
    );
    expect(await page(other)).toMatchObject({ total: 0, items: [] });
  });
});

describe('the changes of members in « Suivi des demandes » (issue 20)', () => {
  it('lists a change as a request of its own type, filtered by type and typed status', async () => {
    const contract = await t.ctx.db
      .selectFrom('contracts')
      .select('id')
      .where('company_id', '=', company.id)
      .executeTakeFirstOrThrow();
    const m = await createMember(t.ctx.db, t.ctx.cipher, {
      establishment: lyon,
      nir13: '1850675000303',
      lastName: 'Option',
      coverages: [{ contract, effectiveDate: '2024-01-01' }],
    });
    t.clock.advance(60_000);
    const res = await admin.post(`/api/members/${m.id}/changes`, {
      kind: 'option',
      effectiveDate: '2026-04-01',
      optionCode: 'option1',
    });
    expect(res.statusCode, res.body).toBe(201);
    const [latest] = (await page(admin)).items;
    expect(latest).toMatchObject({
      type: 'option',
      status: 'sent',
      lastName: 'Option',
      memberId: m.id,
      effectiveDate: '2026-04-01',
      canCancel: true,
      establishment: { id: lyon.id },
    });
    const idsOf = async (query: string) => (await page(admin, query)).items.map((r) => r.id);
    expect(await idsOf('?type=option')).toEqual([latest!.id]);
    expect(await idsOf('?status=option.sent')).toEqual([latest!.id]);
    expect(await idsOf('?status=option.validated')).toEqual([]);
    expect(await idsOf('?type=beneficiary')).toEqual([]);
    // Outside the perimeter: another company sees nothing of it.
    expect((await page(other, '?type=option')).items).toEqual([]);
  });
});
