import { beforeAll, describe, expect, it } from 'vitest';
import type { BackofficeRadiationPage, RadiationDetail } from '@affilia/shared/schemas/radiations';
import type { MemberPage } from '@affilia/shared/schemas/members';
import {
  auditActions,
  browser,
  errorOf,
  signInAs,
  useTestApp,
  type Browser,
} from '../../../test/helper';
import {
  createCompany,
  createContract,
  createEmployerUser,
  createEstablishment,
  createMember,
  createStaffUser,
} from '../../../test/factories';
import { extractPdfText } from '../../../test/pdf-text';
import { createRadiation } from '../../../test/radiation-factory';

const t = useTestApp();
let staff: Browser;
let staffUser: Awaited<ReturnType<typeof createStaffUser>>;
let employer: Browser;
let admin: Awaited<ReturnType<typeof createEmployerUser>>;
let restricted: Awaited<ReturnType<typeof createEmployerUser>>;
let company: Awaited<ReturnType<typeof createCompany>>;
let other: Awaited<ReturnType<typeof createCompany>>;
let establishment: Awaited<ReturnType<typeof createEstablishment>>;
let otherEstablishment: Awaited<ReturnType<typeof createEstablishment>>;
let contract: Awaited<ReturnType<typeof createContract>>;
let nir = 0;

beforeAll(async () => {
  company = await createCompany(t.ctx.db, { name: 'Alpha Immobilier' });
  other = await createCompany(t.ctx.db, { name: 'Bêta Services' });
  establishment = await createEstablishment(t.ctx.db, company, { name: 'Lyon' });
  otherEstablishment = await createEstablishment(t.ctx.db, company, { name: 'Nantes' });
  contract = await createContract(t.ctx.db, company);
  admin = await createEmployerUser(t.ctx.db, [{ company, role: 'admin' }]);
  restricted = await createEmployerUser(t.ctx.db, [
    { company, role: 'admin', establishments: [otherEstablishment] },
  ]);
  staffUser = await createStaffUser(t.ctx.db, 'manager', { firstName: 'Gaëlle' });
  staff = browser(t.app, { ip: '198.51.100.20' });
  await signInAs(staff, t.ctx, staffUser, 'backoffice');
  employer = browser(t.app, { ip: '198.51.100.21' });
  await signInAs(employer, t.ctx, admin);
});

/** A member covered since 2024 (and more coverages when given). */
async function member(
  lastName: string,
  opts: {
    of?: typeof establishment;
    contractOf?: typeof contract;
    coverages?: { effectiveDate: string; endDate?: string | null }[];
  } = {},
) {
  const c = opts.contractOf ?? contract;
  return createMember(t.ctx.db, t.ctx.cipher, {
    establishment: opts.of ?? establishment,
    nir13: `1850675${String(300_000 + ++nir)}`,
    lastName,
    firstName: 'Inès',
    coverages: (opts.coverages ?? [{ effectiveDate: '2024-01-01' }]).map((x) => ({
      contract: c,
      ...x,
    })),
  });
}

/** A rupture conventionnelle on 27/02/2026 after 26 months: 12 months of portability. */
const radiate = (
  m: Awaited<ReturnType<typeof member>>,
  over: Partial<Parameters<typeof createRadiation>[1]> = {},
) =>
  createRadiation(t.ctx.db, {
    member: m,
    createdBy: admin,
    motif: 'rupture_conventionnelle',
    contractEndDate: '2026-02-27',
    periods: [{ start: '2024-01-01', end: '2026-02-27' }],
    ...over,
  });

const coveragesOf = (memberId: string) =>
  t.ctx.db
    .selectFrom('coverages')
    .select(['kind', 'contract_id', 'option_code', 'effective_date', 'end_date', 'radiation_id'])
    .where('member_id', '=', memberId)
    .orderBy('effective_date')
    .execute();
const memberRow = (id: string) =>
  t.ctx.db
    .selectFrom('members')
    .select(['latest_end_date', 'portability_end_date'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
const notificationsOf = (userId: string) =>
  t.ctx.db
    .selectFrom('notifications')
    .select(['type', 'title', 'body', 'link'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();

describe('the « Radiations » queue (/api/backoffice/radiations)', () => {
  it('lists the radiations to process, by status, company and name', async () => {
    const a = await radiate(await member('Queue-Abel'), { createdAt: '2026-02-01T08:00:00.000Z' });
    const zoe = await member('Queue-Zoé');
    const zoeNir = `1850675${String(300_000 + nir)}`;
    const b = await radiate(zoe, { createdAt: '2026-01-15T08:00:00.000Z' });
    const otherEst = await createEstablishment(t.ctx.db, other);
    const otherContract = await createContract(t.ctx.db, other);
    const c = await radiate(
      await member('Queue-Bêta', { of: otherEst, contractOf: otherContract }),
    );
    const done = await radiate(await member('Queue-Traité'), { status: 'processed' });

    const page = (
      await staff.get('/api/backoffice/radiations?q=queue')
    ).json<BackofficeRadiationPage>();
    // « À traiter » by default, the longest waiting first.
    expect(page.items.map((r) => r.id)).toEqual([b.id, a.id, c.id]);
    expect(page.total).toBe(3);
    expect(page.items[0]).toMatchObject({
      status: 'sent',
      company: { id: company.id, name: 'Alpha Immobilier' },
      establishment: { id: establishment.id, name: 'Lyon' },
      member: { lastName: 'Queue-Zoé', firstName: 'Inès' },
      contractEndDate: '2026-02-27',
      motif: 'rupture_conventionnelle',
      portabilityEndDate: '2027-02-27',
    });

    const byCompany = await staff.get(`/api/backoffice/radiations?q=queue&companyId=${other.id}`);
    expect(byCompany.json<BackofficeRadiationPage>().items.map((r) => r.id)).toEqual([c.id]);
    const byName = await staff.get('/api/backoffice/radiations?q=queue-zo');
    expect(byName.json<BackofficeRadiationPage>().items.map((r) => r.id)).toEqual([b.id]);
    const byNir = await staff.get(`/api/backoffice/radiations?q=${zoeNir}`);
    expect(byNir.json<BackofficeRadiationPage>().items.map((r) => r.id)).toEqual([b.id]);
    const processed = await staff.get('/api/backoffice/radiations?status=processed&q=queue');
    expect(processed.json<BackofficeRadiationPage>().items.map((r) => r.id)).toEqual([done.id]);
    const paged = await staff.get('/api/backoffice/radiations?q=queue&pageSize=25&page=2');
    expect(paged.json<BackofficeRadiationPage>()).toMatchObject({ items: [], total: 3, page: 2 });
  });

  it('shows a radiation with its history; an unknown one is 404', async () => {
    const r = await radiate(await member('Détail'));
    const res = await staff.get(`/api/backoffice/radiations/${r.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<RadiationDetail>()).toMatchObject({
      id: r.id,
      status: 'sent',
      dsnMotifCode: '043',
      portability: { eligible: true, months: 12, start: '2026-02-28', end: '2027-02-27' },
      evin: { offered: true, deadline: '2027-08-27', answer: null },
      history: [{ from: null, to: 'sent', actorKind: 'employer' }],
    });
    expect((await staff.get('/api/backoffice/radiations/inconnue')).statusCode).toBe(404);
  });

  it('gives the notice of the employee as a PDF', async () => {
    const r = await radiate(await member('Notice'));
    const res = await staff.get(`/api/backoffice/radiations/${r.id}/notice.pdf`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain('Notice-fin-des-garanties-Notice-In');
    const text = (await extractPdfText(res.rawPayload)).join(' ');
    expect(text).toContain('du 28/02/2026 au 27/02/2027 (12 mois)');
    expect((await staff.get('/api/backoffice/radiations/inconnue/notice.pdf')).statusCode).toBe(
      404,
    );
  });
});

describe('« Traiter » a radiation', () => {
  it('ends the coverage at the date, opens the portability, the member shows « Terminé »', async () => {
    const m = await member('Traitée');
    const r = await radiate(m);
    const res = await staff.post(`/api/backoffice/radiations/${r.id}/process`);
    expect(res.statusCode, res.body).toBe(200);
    const detail = res.json<RadiationDetail>();
    expect(detail).toMatchObject({
      status: 'processed',
      processedAt: t.clock.now().toISOString(),
      processedBy: { id: staffUser.id, name: `Gaëlle ${staffUser.last_name}` },
      canReportNewJob: true,
    });
    expect(detail.history.map((h) => [h.from, h.to, h.actorKind])).toEqual([
      [null, 'sent', 'employer'],
      ['sent', 'processed', 'staff'],
    ]);

    expect(await coveragesOf(m.id)).toEqual([
      {
        kind: 'employee',
        contract_id: contract.id,
        option_code: 'base',
        effective_date: '2024-01-01',
        end_date: '2026-02-27',
        radiation_id: null,
      },
      {
        kind: 'portability',
        contract_id: contract.id,
        option_code: 'base',
        effective_date: '2026-02-28',
        end_date: '2027-02-27',
        radiation_id: r.id,
      },
    ]);
    expect(await memberRow(m.id)).toEqual({
      latest_end_date: '2026-02-27',
      portability_end_date: '2027-02-27',
    });
    // « Mes salariés »: the employee cover has ended (today is 02/03/2026).
    const list = await employer.get('/api/members?q=Traitée');
    expect(list.json<MemberPage>().items[0]?.contract).toMatchObject({
      endDate: '2026-02-27',
      status: 'ended',
    });

    expect(await auditActions(t.ctx, { target: r.id })).toEqual(['radiation.processed']);
    const [note] = await notificationsOf(admin.id);
    expect(note).toMatchObject({
      type: 'radiation_processed',
      title: 'Radiation traitée par l’assureur',
      link: `/radiations/${r.id}`,
    });
    expect(note?.body).toContain('Inès Traitée (Lyon)');
    expect(note?.body).toContain('portabilité jusqu’au 27/02/2027');
    // A user restricted to another establishment is not told.
    expect(await notificationsOf(restricted.id)).toEqual([]);

    const again = await staff.post(`/api/backoffice/radiations/${r.id}/process`);
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).code).toBe('invalid_transition');
  });

  it('removes a coverage that would only start after the contract, ends one ending later', async () => {
    const m = await member('Avenir', {
      coverages: [
        { effectiveDate: '2024-01-01', endDate: '2026-12-31' },
        { effectiveDate: '2026-04-01' },
      ],
    });
    const r = await radiate(m);
    expect((await staff.post(`/api/backoffice/radiations/${r.id}/process`)).statusCode).toBe(200);
    expect((await coveragesOf(m.id)).map((c) => [c.kind, c.effective_date, c.end_date])).toEqual([
      ['employee', '2024-01-01', '2026-02-27'],
      ['portability', '2026-02-28', '2027-02-27'],
    ]);
  });

  it('opens no portability after a resignation', async () => {
    const m = await member('Démission');
    const r = await radiate(m, { motif: 'demission' });
    expect((await staff.post(`/api/backoffice/radiations/${r.id}/process`)).statusCode).toBe(200);
    expect((await coveragesOf(m.id)).map((c) => [c.kind, c.end_date])).toEqual([
      ['employee', '2026-02-27'],
    ]);
    expect(await memberRow(m.id)).toEqual({
      latest_end_date: '2026-02-27',
      portability_end_date: null,
    });
  });

  it('reports a new job from the back office: the portability ends the day before', async () => {
    const m = await member('Reprise');
    const r = await radiate(m);
    await staff.post(`/api/backoffice/radiations/${r.id}/process`);
    const res = await staff.post(`/api/backoffice/radiations/${r.id}/new-job`, {
      date: '2026-06-15',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<RadiationDetail>()).toMatchObject({
      newJobDate: '2026-06-15',
      canReportNewJob: false,
    });
    expect((await coveragesOf(m.id)).find((c) => c.kind === 'portability')?.end_date).toBe(
      '2026-06-14',
    );
    expect((await memberRow(m.id)).portability_end_date).toBe('2026-06-14');
    expect(await auditActions(t.ctx, { target: r.id })).toContain('radiation.new_job_reported');
  });
});

describe('« Retourner à l’employeur »', () => {
  it('returns the radiation with its reason, tells the employer, and it cannot be processed', async () => {
    const m = await member('Retour');
    const r = await radiate(m);
    const missing = await staff.post(`/api/backoffice/radiations/${r.id}/return`, { reason: ' ' });
    expect(missing.statusCode).toBe(400);
    expect(errorOf(missing).fields?.reason).toBe('Indiquez le motif du retour à l’employeur');

    const reason = 'La date de fin ne correspond pas à la DSN de février.';
    const res = await staff.post(`/api/backoffice/radiations/${r.id}/return`, { reason });
    expect(res.statusCode, res.body).toBe(200);
    const detail = res.json<RadiationDetail>();
    expect(detail).toMatchObject({ status: 'returned', returnReason: reason, canEdit: true });
    expect(detail.history.at(-1)).toMatchObject({
      from: 'sent',
      to: 'returned',
      actorKind: 'staff',
      reason,
    });
    expect(await auditActions(t.ctx, { target: r.id })).toEqual(['radiation.returned']);
    const notes = await notificationsOf(admin.id);
    expect(notes.at(-1)).toMatchObject({
      type: 'radiation_returned',
      title: 'Radiation retournée par l’assureur',
      link: `/radiations/${r.id}`,
    });
    expect(notes.at(-1)?.body).toContain(`« ${reason} »`);
    // Coverages untouched.
    expect((await coveragesOf(m.id)).map((c) => c.end_date)).toEqual([null]);

    expect((await staff.post(`/api/backoffice/radiations/${r.id}/process`)).statusCode).toBe(409);
  });
});

describe('the loi Évin answer', () => {
  it('records the former employee’s answer when the continuation is offered', async () => {
    const r = await radiate(await member('Retraite'), { motif: 'depart_retraite' });
    const res = await staff.post(`/api/backoffice/radiations/${r.id}/evin`, {
      answer: 'accepted',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<RadiationDetail>().evin).toEqual({
      offered: true,
      deadline: '2026-08-27',
      answer: 'accepted',
      answeredAt: t.clock.now().toISOString(),
    });
    expect(await auditActions(t.ctx, { target: r.id })).toEqual(['radiation.evin_answered']);

    const bad = await staff.post(`/api/backoffice/radiations/${r.id}/evin`, {
      answer: 'peut-être',
    });
    expect(bad.statusCode).toBe(400);
  });

  it('refuses an answer when it was not offered (a resignation)', async () => {
    const r = await radiate(await member('Démission-Évin'), { motif: 'demission' });
    const res = await staff.post(`/api/backoffice/radiations/${r.id}/evin`, {
      answer: 'declined',
    });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).code).toBe('evin_not_offered');
  });
});
