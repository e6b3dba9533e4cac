import { beforeAll, describe, expect, it } from 'vitest';
import { employerWorld } from '../../../test/employer-world';
import { createMember } from '../../../test/factories';
import { useTestApp, type Browser } from '../../../test/helper';
import { extractPdfText } from '../../../test/pdf-text';

/*
 * A member's certificates (issue 20). Today is 2026-03-02 on the test clock.
 *   Lyon: NGUYỄN Łukasz (covered since 2025-08-01, two beneficiaries, one of them removed last
 *         year), ANCIEN (coverage ended 2025-12-31), FUTUR (covered from 2026-04-01)
 */
const t = useTestApp();
let admin: Browser;
let restricted: Browser;
let other: Browser;
const ids: Record<string, string> = {};

beforeAll(async () => {
  const db = t.ctx.db;
  const w = await employerWorld(t, { name: 'Delta Santé', ip: 60 });
  ({ admin, restricted, other } = w);
  const add = async (
    key: string,
    lastName: string,
    firstName: string,
    from: string,
    to?: string,
  ) => {
    const m = await createMember(db, t.ctx.cipher, {
      establishment: w.lyon,
      nir13: `1850675${String(Object.keys(ids).length + 1).padStart(6, '0')}`,
      lastName,
      firstName,
      coverages: [{ contract: w.contract, effectiveDate: from, endDate: to ?? null }],
    });
    ids[key] = m.id;
  };
  await add('nguyen', 'Nguyễn', 'Łukasz', '2025-08-01');
  await add('ancien', 'Ancien', 'Paul', '2024-01-01', '2025-12-31');
  await add('futur', 'Futur', 'Zoé', '2026-04-01');
  const at = t.clock.now().toISOString();
  const beneficiary = (
    id: string,
    firstName: string,
    type: 'child' | 'spouse',
    end: string | null,
  ) => ({
    id,
    member_id: ids.nguyen!,
    type,
    last_name: 'Иванова',
    first_name: firstName,
    birth_date: type === 'child' ? '2020-05-04' : '1988-02-10',
    nir_encrypted: null,
    attached_to_nir_encrypted: null,
    start_date: '2025-08-01',
    end_date: end,
    added_by_change_id: null,
    ended_by_change_id: null,
    created_at: at,
    updated_at: at,
  });
  await db
    .insertInto('member_beneficiaries')
    .values([
      beneficiary('b-child', 'Дарья', 'child', null),
      beneficiary('b-spouse', 'Ṣọlá', 'spouse', null),
      beneficiary('b-gone', 'Partie', 'spouse', '2025-12-31'),
    ])
    .execute();
});

const url = (key: string, kind: string) => `/api/members/${ids[key]}/certificates/${kind}`;

describe('GET /api/members/:memberId/certificates/:kind', () => {
  it('writes the « Attestation d’affiliation »: member, employer, contract, option, date d’effet, beneficiaries', async () => {
    const res = await admin.get(url('nguyen', 'affiliation'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain('attachment');
    expect(res.headers['cache-control']).toBe('private, no-store');
    const text = (await extractPdfText(res.rawPayload)).join('\n');
    expect(text).toContain('Attestation d’affiliation');
    expect(text).toContain('Łukasz Nguyễn');
    expect(text).toContain('Delta Santé');
    expect(text).toContain('01/08/2025');
    // Non-Latin names print and copy intact; a beneficiary removed last year is not listed.
    expect(text).toContain('Иванова Дарья');
    expect(text).toContain('Иванова Ṣọlá');
    expect(text).not.toContain('Partie');
    expect(text).toContain('Enfant');
  });

  it('writes the « Carte de tiers payant » for the calendar year, with every person covered', async () => {
    const res = await admin.get(url('nguyen', 'third_party_payment'));
    expect(res.statusCode, res.body).toBe(200);
    const text = (await extractPdfText(res.rawPayload)).join('\n');
    expect(text).toContain('Carte de tiers payant');
    expect(text).toContain('Valable du 01/01/2026 au 31/12/2026');
    expect(text).toContain('Nguyễn Łukasz');
    expect(text).toContain('Иванова Дарья');
  });

  it('gives a new hire’s card from their first day', async () => {
    const res = await admin.get(url('futur', 'third_party_payment'));
    expect(res.statusCode, res.body).toBe(200);
    const text = (await extractPdfText(res.rawPayload)).join('\n');
    expect(text).toContain('Valable du 01/04/2026 au 31/12/2026');
  });

  it('refuses a member whose cover has ended, with a stable code', async () => {
    const res = await admin.get(url('ancien', 'affiliation'));
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: { code: 'no_coverage_to_certify' } });
  });

  it('answers 404 outside the perimeter: another establishment, another company', async () => {
    expect((await restricted.get(url('nguyen', 'affiliation'))).statusCode).toBe(404);
    expect((await other.get(url('nguyen', 'third_party_payment'))).statusCode).toBe(404);
  });

  it('refuses an unknown certificate', async () => {
    expect((await admin.get(url('nguyen', 'salary_slip'))).statusCode).toBe(400);
  });

  it('lists the beneficiaries covered today or later on the member’s page', async () => {
    const res = await admin.get(`/api/members/${ids.nguyen}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ beneficiaries: { firstName: string }[] }>().beneficiaries).toEqual([
      expect.objectContaining({ firstName: 'Ṣọlá', type: 'spouse', startDate: '2025-08-01' }),
      expect.objectContaining({ firstName: 'Дарья', type: 'child', endDate: null }),
    ]);
  });

  it('keeps a trace of each download in the audit log', async () => {
    const rows = await t.ctx.db
      .selectFrom('audit_log')
      .select(['details'])
      .where('action', '=', 'members.certificate_downloaded')
      .where('target_id', '=', ids.nguyen!)
      .execute();
    expect(rows.map((r) => JSON.parse(r.details ?? '{}') as unknown)).toEqual(
      expect.arrayContaining([{ kind: 'affiliation' }, { kind: 'third_party_payment' }]),
    );
  });
});
