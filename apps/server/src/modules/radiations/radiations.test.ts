import type { RadiationDetail, RadiationPrefill } from '@affilia/shared/schemas/radiations';
import type { MemberPage } from '@affilia/shared/schemas/members';
import { beforeAll, describe, expect, it } from 'vitest';
import { employerWorld, type EmployerWorld } from '../../../test/employer-world';
import { createAffiliationRequest, createMember } from '../../../test/factories';
import {
  auditActions,
  browser,
  errorOf,
  signInAs,
  useTestApp,
  type Browser,
} from '../../../test/helper';
import { newId } from '../../lib/ids';
import { moveRadiation } from './radiations.repository';
import { RADIATIONS_PER_USER_PER_HOUR } from './radiations.service';

// The test clock: 2026-03-02T09:00Z, today 2 March 2026 in Paris.
const t = useTestApp();
let admin: Browser;
let regional: Browser;
let other: Browser;
let company: EmployerWorld['company'];
let lyon: EmployerWorld['lyon'];
let paris: EmployerWorld['paris'];
let otherEstablishment: EmployerWorld['otherEstablishment'];
let contract: EmployerWorld['contract'];
let otherContract: EmployerWorld['otherContract'];
let adminUser: EmployerWorld['adminUser'];
let nirSeq = 0;

/** A member of `establishment` with an employee coverage since `since` (none when null). */
async function member(
  establishment: { id: string; company_id: string } = lyon,
  since: string | null = '2025-08-01',
  over: { email?: string | null } = {},
) {
  const m = await createMember(t.ctx.db, t.ctx.cipher, {
    establishment,
    nir13: `18506754${String(++nirSeq).padStart(5, '0')}`,
    lastName: `Départ${nirSeq}`,
    firstName: 'Łukasz',
    coverages: since
      ? [
          {
            contract: establishment.company_id === company.id ? contract : otherContract,
            effectiveDate: since,
          },
        ]
      : [],
  });
  if (over.email !== undefined) {
    await t.ctx.db
      .updateTable('members')
      .set({ email: over.email })
      .where('id', '=', m.id)
      .execute();
  }
  return m;
}

/** « Rupture conventionnelle » after 7 months and 3 days (1 August 2025 – 3 March 2026). */
const form = (memberId: string, over: Record<string, unknown> = {}) => ({
  memberId,
  contractEndDate: '2026-03-03',
  motif: 'rupture_conventionnelle',
  unemploymentRights: true,
  employmentPeriods: [{ start: '2025-08-01', end: '2026-03-03' }],
  contactEmail: 'lukasz.depart@example.com',
  ...over,
});

async function radiate(b: Browser, memberId: string, over: Record<string, unknown> = {}) {
  const res = await b.post('/api/radiations', form(memberId, over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ radiations: { id: string; memberId: string }[] }>().radiations[0]!.id;
}

async function detail(b: Browser, id: string) {
  const res = await b.get(`/api/radiations/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<RadiationDetail>();
}

/** The insurer's side, as the back office leaves it: the status moved with its history. */
async function setStatus(id: string, from: 'sent', to: 'returned' | 'processed') {
  const at = t.clock.now().toISOString();
  await moveRadiation(t.ctx.db, {
    id,
    from,
    to,
    actor: { kind: 'staff', userId: null },
    reason: to === 'returned' ? 'Date de fin à vérifier' : null,
    at,
    changes:
      to === 'returned'
        ? { return_reason: 'Date de fin à vérifier', returned_at: at }
        : { processed_at: at },
  });
}

beforeAll(async () => {
  ({
    company,
    lyon,
    paris,
    otherEstablishment,
    contract,
    otherContract,
    adminUser,
    admin,
    restricted: regional,
    other,
  } = await employerWorld(t, { name: 'Immobilière du Rhône', ip: 20 }));
});

describe('GET /api/radiations/prefill', () => {
  it('gives the coverage’s date d’effet, the employment’s start of the validated enrolment and no open radiation', async () => {
    const m = await member();
    await createAffiliationRequest(t.ctx.db, t.ctx.cipher, {
      establishment: lyon,
      contract,
      createdBy: adminUser,
      status: 'validated',
      memberId: m.id,
    });
    const res = await admin.get(`/api/radiations/prefill?memberId=${m.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<RadiationPrefill>()).toMatchObject({
      member: { id: m.id, establishment: { id: lyon.id } },
      coverageEffectiveDate: '2025-08-01',
      employmentStartDate: '2026-01-05',
      openRadiationId: null,
    });
    const id = await radiate(admin, m.id);
    const again = await admin.get(`/api/radiations/prefill?memberId=${m.id}`);
    expect(again.json<RadiationPrefill>().openRadiationId).toBe(id);
  });

  it('answers 404 outside the perimeter', async () => {
    const m = await member();
    expect((await other.get(`/api/radiations/prefill?memberId=${m.id}`)).statusCode).toBe(404);
    expect((await regional.get(`/api/radiations/prefill?memberId=${m.id}`)).statusCode).toBe(404);
  });
});

describe('POST /api/radiations', () => {
  it('stores the portability of a rupture conventionnelle (7 months 3 days → 8 months), the loi Évin offer, the history, the audit and the notice', async () => {
    const m = await member();
    const id = await radiate(admin, m.id);
    const d = await detail(admin, id);
    expect(d).toMatchObject({
      status: 'sent',
      motif: 'rupture_conventionnelle',
      dsnMotifCode: '043',
      contractEndDate: '2026-03-03',
      portability: { eligible: true, months: 8, start: '2026-03-04', end: '2026-11-03' },
      evin: { offered: true, deadline: '2027-05-03', answer: null },
      contactEmail: 'lukasz.depart@example.com',
      canCancel: true,
      canEdit: false,
      canReportNewJob: false,
      member: { id: m.id, firstName: 'Łukasz' },
      createdBy: { id: adminUser.id },
    });
    expect(d.noticeSentAt).not.toBeNull();
    expect(d.history).toEqual([
      expect.objectContaining({ from: null, to: 'sent', actorKind: 'employer' }),
    ]);
    // Written at the same instant: compared in any order.
    expect((await auditActions(t.ctx, { target: id })).sort()).toEqual([
      'radiation.created',
      'radiation.notice_sent',
    ]);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('details')
      .where('target_id', '=', id)
      .where('action', '=', 'radiation.created')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details ?? '{}')).toMatchObject({
      memberId: m.id,
      motif: 'rupture_conventionnelle',
      contractEndDate: '2026-03-03',
      portabilityMonths: 8,
      portabilityEndDate: '2026-11-03',
    });
    const mail = await t.ctx.db
      .selectFrom('outbox')
      .select('recipient')
      .where('recipient', '=', 'lukasz.depart@example.com')
      .executeTakeFirst();
    expect(mail).toBeDefined();
  });

  it('refuses a radiation twice (radiation_already_open), on the member field', async () => {
    const m = await member();
    await radiate(admin, m.id);
    const res = await admin.post('/api/radiations', form(m.id));
    expect(res.statusCode).toBe(409);
    expect(errorOf(res)).toMatchObject({
      code: 'radiation_already_open',
      fields: { memberId: expect.stringContaining('deux fois') },
    });
  });

  it('a processed radiation refuses another while its coverage runs, not once the member is hired again', async () => {
    const m = await member(lyon, '2025-08-01');
    const first = await radiate(admin, m.id, {
      contractEndDate: '2026-06-30',
      employmentPeriods: [{ start: '2025-08-01', end: '2026-06-30' }],
    });
    await setStatus(first, 'sent', 'processed');
    // The coverage still runs until 30 June (the back office ended it there): the same departure.
    await t.ctx.db
      .updateTable('coverages')
      .set({ end_date: '2026-06-30' })
      .where('member_id', '=', m.id)
      .execute();
    const twice = await admin.post(
      '/api/radiations',
      form(m.id, {
        contractEndDate: '2026-05-31',
        employmentPeriods: [{ start: '2025-08-01', end: '2026-05-31' }],
      }),
    );
    expect(errorOf(twice).code).toBe('radiation_already_open');
    // Hired again from 1 September: a new employment, a new coverage, which may be radiated.
    await t.ctx.db
      .insertInto('coverages')
      .values({
        id: newId(),
        member_id: m.id,
        contract_id: contract.id,
        option_code: 'base',
        effective_date: '2026-09-01',
        end_date: null,
        affiliation_request_id: null,
        radiation_id: null,
        created_at: t.clock.now().toISOString(),
        updated_at: t.clock.now().toISOString(),
      })
      .execute();
    // Seen on 15 September, the first coverage over.
    // A browser of its own: the others' sessions would be idle that far ahead.
    const before = t.clock.now();
    t.clock.set('2026-09-15T09:00:00.000Z');
    try {
      const later = browser(t.app, { ip: '192.0.2.250' });
      await signInAs(later, t.ctx, adminUser);
      const prefill = (
        await later.get(`/api/radiations/prefill?memberId=${m.id}`)
      ).json<RadiationPrefill>();
      expect(prefill.coverageEffectiveDate).toBe('2026-09-01');
      expect(prefill.openRadiationId).toBeNull();
      await radiate(later, m.id, {
        contractEndDate: '2027-02-28',
        employmentPeriods: [{ start: '2026-09-01', end: '2027-02-28' }],
      });
    } finally {
      t.clock.set(before);
    }
  });

  it('refuses an end of contract before the coverage’s date d’effet, on its field', async () => {
    const m = await member(lyon, '2026-02-01');
    const res = await admin.post(
      '/api/radiations',
      form(m.id, {
        contractEndDate: '2026-01-31',
        employmentPeriods: [{ start: '2025-08-01', end: '2026-01-31' }],
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(errorOf(res)).toMatchObject({
      code: 'radiation_before_coverage',
      fields: { contractEndDate: expect.stringContaining('01/02/2026') },
    });
  });

  it('refuses an end of contract more than 12 months ahead', async () => {
    const m = await member();
    const res = await admin.post(
      '/api/radiations',
      form(m.id, {
        contractEndDate: '2027-03-03',
        employmentPeriods: [{ start: '2025-08-01', end: '2027-03-03' }],
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(errorOf(res)).toMatchObject({
      code: 'radiation_too_far',
      fields: { contractEndDate: expect.stringContaining('02/03/2027') },
    });
  });

  it('refuses a member without a current or upcoming coverage', async () => {
    const m = await member(lyon, null);
    const res = await admin.post('/api/radiations', form(m.id));
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('radiation_no_coverage');
  });

  it('answers 404 for another company’s member and for a restricted user outside their establishments', async () => {
    const elsewhere = await member(otherEstablishment);
    expect((await admin.post('/api/radiations', form(elsewhere.id))).statusCode).toBe(404);
    const inLyon = await member();
    expect((await regional.post('/api/radiations', form(inLyon.id))).statusCode).toBe(404);
    const inParis = await member(paris);
    expect((await regional.post('/api/radiations', form(inParis.id))).statusCode).toBe(201);
    const id = await radiate(admin, inLyon.id);
    expect((await regional.get(`/api/radiations/${id}`)).statusCode).toBe(404);
    expect((await other.get(`/api/radiations/${id}`)).statusCode).toBe(404);
    expect((await other.post(`/api/radiations/${id}/cancel`)).statusCode).toBe(404);
    expect((await other.get(`/api/radiations/${id}/notice.pdf`)).statusCode).toBe(404);
  });

  it('a departure without unemployment rights has no portability', async () => {
    const m = await member();
    const id = await radiate(admin, m.id, { motif: 'demission', unemploymentRights: false });
    expect((await detail(admin, id)).portability).toEqual({
      eligible: false,
      reason: 'no_unemployment_rights',
    });
  });
});

describe('throttling', () => {
  it('refuses more than RADIATIONS_PER_USER_PER_HOUR radiations of one user in an hour (429)', async () => {
    const m = await member();
    const now = t.clock.now().getTime();
    const key = `radiation-create:${adminUser.id}`;
    await t.ctx.db.deleteFrom('rate_limits').where('key', '=', key).execute();
    await t.ctx.db
      .insertInto('rate_limits')
      .values({
        key,
        window_start: new Date(Math.floor(now / 3600_000) * 3600_000).toISOString(),
        count: RADIATIONS_PER_USER_PER_HOUR,
      })
      .execute();
    const res = await admin.post('/api/radiations', form(m.id));
    expect(res.statusCode).toBe(429);
    expect(errorOf(res).code).toBe('too_many_attempts');
    await t.ctx.db.deleteFrom('rate_limits').where('key', '=', key).execute();
    await radiate(admin, m.id);
  });
});

describe('cancel, correct and send again', () => {
  it('cancels a sent radiation; the member may then be radiated again', async () => {
    const m = await member();
    const id = await radiate(admin, m.id);
    const res = await admin.post(`/api/radiations/${id}/cancel`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<RadiationDetail>()).toMatchObject({ status: 'cancelled', canCancel: false });
    expect((await admin.post(`/api/radiations/${id}/cancel`)).statusCode).toBe(409);
    expect(await auditActions(t.ctx, { target: id })).toContain('radiation.cancelled');
    await radiate(admin, m.id);
  });

  it('corrects a returned radiation: sent again with its new date, the portability computed again, the notice queued again', async () => {
    const m = await member();
    const id = await radiate(admin, m.id);
    expect((await admin.put(`/api/radiations/${id}`, form(m.id))).statusCode).toBe(409);
    t.clock.advance(60_000);
    await setStatus(id, 'sent', 'returned');
    t.clock.advance(60_000);
    const returned = await detail(admin, id);
    expect(returned).toMatchObject({ status: 'returned', canEdit: true, canCancel: true });
    expect(returned.returnReason).toBe('Date de fin à vérifier');
    const res = await admin.put(
      `/api/radiations/${id}`,
      form(m.id, {
        contractEndDate: '2026-02-28',
        employmentPeriods: [{ start: '2025-08-01', end: '2026-02-28' }],
      }),
    );
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json<RadiationDetail>();
    expect(d).toMatchObject({
      status: 'sent',
      contractEndDate: '2026-02-28',
      portability: { eligible: true, months: 7, start: '2026-03-01', end: '2026-09-30' },
      returnReason: null,
    });
    expect(d.history.map((h) => h.to)).toEqual(['sent', 'returned', 'sent']);
    expect((await auditActions(t.ctx, { target: id })).sort()).toEqual([
      'radiation.created',
      'radiation.notice_sent',
      'radiation.notice_sent',
      'radiation.updated',
    ]);
  });
});

describe('POST /api/radiations/:id/new-job', () => {
  it('ends the portability coverage the day before the new job, within the portability, once', async () => {
    const m = await member();
    const id = await radiate(admin, m.id);
    expect(
      (await admin.post(`/api/radiations/${id}/new-job`, { date: '2026-05-01' })).statusCode,
    ).toBe(409);
    await setStatus(id, 'sent', 'processed');
    const at = t.clock.now().toISOString();
    await t.ctx.db
      .insertInto('coverages')
      .values({
        id: newId(),
        member_id: m.id,
        contract_id: contract.id,
        option_code: 'base',
        effective_date: '2026-03-04',
        end_date: '2026-11-03',
        affiliation_request_id: null,
        kind: 'portability',
        radiation_id: id,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await t.ctx.db
      .updateTable('members')
      .set({ portability_end_date: '2026-11-03' })
      .where('id', '=', m.id)
      .execute();
    expect((await detail(admin, id)).canReportNewJob).toBe(true);

    const outside = await admin.post(`/api/radiations/${id}/new-job`, { date: '2026-12-01' });
    expect(outside.statusCode).toBe(400);
    expect(errorOf(outside)).toMatchObject({
      code: 'new_job_outside_portability',
      fields: { date: expect.stringContaining('03/11/2026') },
    });
    expect(
      (await other.post(`/api/radiations/${id}/new-job`, { date: '2026-05-01' })).statusCode,
    ).toBe(404);

    // « Mes salariés » read before: its cached page follows the new job at once.
    const listed = async () =>
      (await admin.get('/api/members?portability=active&pageSize=100'))
        .json<MemberPage>()
        .items.find((r) => r.id === m.id)?.portabilityEndDate;
    expect(await listed()).toBe('2026-11-03');
    const res = await admin.post(`/api/radiations/${id}/new-job`, { date: '2026-05-01' });
    expect(res.statusCode, res.body).toBe(200);
    expect(await listed()).toBe('2026-04-30');
    expect(res.json<RadiationDetail>()).toMatchObject({
      newJobDate: '2026-05-01',
      canReportNewJob: false,
    });
    const coverage = await t.ctx.db
      .selectFrom('coverages')
      .select('end_date')
      .where('radiation_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(coverage.end_date).toBe('2026-04-30');
    const row = await t.ctx.db
      .selectFrom('members')
      .select('portability_end_date')
      .where('id', '=', m.id)
      .executeTakeFirstOrThrow();
    expect(row.portability_end_date).toBe('2026-04-30');
    expect(await auditActions(t.ctx, { target: id })).toContain('radiation.new_job_reported');
    expect(
      (await admin.post(`/api/radiations/${id}/new-job`, { date: '2026-05-02' })).statusCode,
    ).toBe(409);
  });
});

describe('POST /api/radiations/bulk', () => {
  const bulk = (memberIds: string[]) => ({
    memberIds,
    contractEndDate: '2026-03-03',
    motif: 'rupture_conventionnelle',
    unemploymentRights: true,
  });

  it('all or nothing: one member refused refuses the whole, with the reason per member', async () => {
    const good = await member();
    const bare = await member(lyon, null);
    const res = await admin.post('/api/radiations/bulk', bulk([good.id, bare.id]));
    expect(res.statusCode).toBe(400);
    const error = errorOf(res);
    expect(error.code).toBe('radiation_bulk_refused');
    expect(Object.keys(error.fields ?? {})).toEqual([`members.${bare.id}`]);
    expect(error.fields?.[`members.${bare.id}`]).toContain('pas de couverture');
    const created = await t.ctx.db
      .selectFrom('radiations')
      .select('id')
      .where('member_id', 'in', [good.id, bare.id])
      .execute();
    expect(created).toEqual([]);
  });

  it('radiates every member: the periods from what the portal knows, the email on file, else a notice to print', async () => {
    const withEmail = await member(lyon, '2025-08-01', { email: 'a.depart@example.com' });
    const withoutEmail = await member(lyon, '2025-08-01');
    const res = await admin.post('/api/radiations/bulk', bulk([withEmail.id, withoutEmail.id]));
    expect(res.statusCode, res.body).toBe(201);
    const { radiations } = res.json<{ radiations: { id: string; memberId: string }[] }>();
    expect(radiations.map((r) => r.memberId)).toEqual([withEmail.id, withoutEmail.id]);
    const first = await detail(admin, radiations[0]!.id);
    expect(first).toMatchObject({
      contactEmail: 'a.depart@example.com',
      employmentPeriods: [{ start: '2025-08-01', end: '2026-03-03' }],
      portability: { eligible: true, months: 8 },
    });
    expect(first.noticeSentAt).not.toBeNull();
    const second = await detail(admin, radiations[1]!.id);
    expect(second).toMatchObject({ contactEmail: null, noticeSentAt: null });
  });

  it('answers 404 when a member is outside the perimeter', async () => {
    const mine = await member();
    const elsewhere = await member(otherEstablishment);
    expect(
      (await admin.post('/api/radiations/bulk', bulk([mine.id, elsewhere.id]))).statusCode,
    ).toBe(404);
  });
});

describe('GET /api/radiations/:id/notice.pdf', () => {
  it('downloads the notice', async () => {
    const m = await member();
    const id = await radiate(admin, m.id);
    const res = await admin.get(`/api/radiations/${id}/notice.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    expect(res.headers['content-disposition']).toContain('attachment');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
