import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackofficeAffiliation, BackofficeQueue } from '@affilia/shared/schemas/enrolment';
import type { MemberPage } from '@affilia/shared/schemas/members';
import {
  browser,
  buildTestApp,
  lastLinkSentTo,
  signInAs,
  type Browser,
  type TestApp,
} from '../../../test/helper';
import {
  createCompany,
  createContract,
  createEmployerUser,
  createEstablishment,
  createMember,
  createStaffUser,
} from '../../../test/factories';
import {
  completeAndSubmit,
  EMPLOYEE_NIR,
  insertAffiliationRequest,
} from '../enrolment/test-support';

describe('back office: enrolments (/api/backoffice/affiliations)', () => {
  let t: TestApp;
  let staff: Browser;
  let employer: Browser;
  let f: {
    company: Awaited<ReturnType<typeof createCompany>>;
    establishment: Awaited<ReturnType<typeof createEstablishment>>;
    contract: Awaited<ReturnType<typeof createContract>>;
    admin: Awaited<ReturnType<typeof createEmployerUser>>;
  };
  const newRequest = (over: Partial<Parameters<typeof insertAffiliationRequest>[1]> = {}) =>
    insertAffiliationRequest(t.ctx, {
      company: f.company,
      establishment: f.establishment,
      contract: f.contract,
      createdBy: f.admin,
      ...over,
    });
  /** A request the employee completed and submitted online. */
  const finalised = async (over: Partial<Parameters<typeof insertAffiliationRequest>[1]> = {}) => {
    const r = await newRequest(over);
    await completeAndSubmit(browser(t.app, { ip: '198.51.100.7' }), r.token);
    return r;
  };

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.ctx.db;
    const company = await createCompany(db, { name: 'Alpha Immobilier' });
    const establishment = await createEstablishment(db, company, { name: 'Alpha Lyon' });
    const contract = await createContract(db, company, { label: 'BASE CCN NC' });
    const admin = await createEmployerUser(db, [{ company, role: 'admin' }]);
    f = { company, establishment, contract, admin };
    staff = browser(t.app, { ip: '192.0.2.50' });
    await signInAs(staff, t.ctx, await createStaffUser(db), 'backoffice');
    employer = browser(t.app, { ip: '192.0.2.51' });
    await signInAs(employer, t.ctx, admin);
  });
  afterAll(() => t.close());

  it('is closed to employers (403) and to anonymous callers (401)', async () => {
    const r = await finalised({ nir13: '2850175123099' });
    for (const [method, url] of [
      ['GET', '/api/backoffice/affiliations'],
      ['GET', `/api/backoffice/affiliations/${r.id}`],
      ['POST', `/api/backoffice/affiliations/${r.id}/validate`],
      ['POST', `/api/backoffice/affiliations/${r.id}/return`],
    ] as const) {
      const call = (b: Browser) =>
        method === 'GET' ? b.get(url) : b.post(url, { reason: 'Pièce illisible' });
      expect((await call(employer)).statusCode, url).toBe(403);
      expect((await call(browser(t.app, { ip: '192.0.2.52' }))).statusCode, url).toBe(401);
    }
  });

  it('lists the finalised requests with company and establishment, then shows one with its attachments', async () => {
    const r = await finalised({ nir13: '1750175123012', lastName: 'Queue' });
    const res = await staff.get('/api/backoffice/affiliations?status=finalised');
    expect(res.statusCode).toBe(200);
    const item = res.json<BackofficeQueue>().items.find((i) => i.id === r.id);
    expect(item).toMatchObject({
      lastName: 'Queue',
      companyName: 'Alpha Immobilier',
      establishmentName: 'Alpha Lyon',
      status: 'finalised',
    });

    const detail = await staff.get(`/api/backoffice/affiliations/${r.id}`);
    expect(detail.statusCode).toBe(200);
    const body = detail.json<BackofficeAffiliation>();
    expect(body.nir).toBe('1 75 01 75 123 012 ' + body.nir.slice(-2));
    expect(body.form?.maskedIban).toBe('FR76 **** **** **** **** **** 189');
    // Issue 14 #17: the option chosen by the employee, by its label as well as its code.
    expect(body.form).toMatchObject({ optionCode: 'option1', optionLabel: 'Option 1 facultative' });
    expect(body.form?.beneficiaries).toHaveLength(2);
    expect(body.form?.attachments.map((a) => a.kind).sort()).toEqual([
      'rib',
      'social_security_certificate',
    ]);
    expect(body.history.map((h) => h.to)).toEqual(['sent', 'started', 'finalised']);

    const rib = body.form!.attachments.find((a) => a.kind === 'rib')!;
    const file = await staff.get(`/api/backoffice/affiliations/${r.id}/attachments/${rib.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['content-disposition']).toMatch(/^attachment;/);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    // An attachment of another request is not reachable through this one.
    const other = await newRequest({ nir13: '1750175123013' });
    expect(
      (await staff.get(`/api/backoffice/affiliations/${other.id}/attachments/${rib.id}`))
        .statusCode,
    ).toBe(404);
    const bia = await staff.get(`/api/backoffice/affiliations/${r.id}/bia.pdf`);
    expect(bia.statusCode).toBe(200);
    expect(bia.headers['content-type']).toBe('application/pdf');
  });

  it('validates: member and coverage created, visible in « Mes salariés », audit written', async () => {
    const r = await finalised({ nir13: EMPLOYEE_NIR, lastName: 'Nouvelle', firstName: 'Anaïs' });
    const res = await staff.post(`/api/backoffice/affiliations/${r.id}/validate`);
    expect(res.statusCode, res.body).toBe(200);
    const { memberId, coverageId, existingMember } = res.json<{
      memberId: string;
      coverageId: string;
      existingMember: boolean;
    }>();
    expect(existingMember).toBe(false);

    const member = await t.ctx.db
      .selectFrom('members')
      .selectAll()
      .where('id', '=', memberId)
      .executeTakeFirstOrThrow();
    expect(member).toMatchObject({
      company_id: f.company.id,
      establishment_id: f.establishment.id,
      search_name: 'NOUVELLE ANAIS',
      birth_date: '1990-01-15',
      latest_coverage_id: coverageId,
      latest_effective_date: '2026-02-01',
    });
    expect(member.nir_hash).toBe(t.ctx.cipher.hash(EMPLOYEE_NIR));
    const coverage = await t.ctx.db
      .selectFrom('coverages')
      .selectAll()
      .where('id', '=', coverageId)
      .executeTakeFirstOrThrow();
    expect(coverage).toMatchObject({
      contract_id: f.contract.id,
      option_code: 'option1',
      effective_date: '2026-02-01',
      affiliation_request_id: r.id,
    });
    const request = await t.ctx.db
      .selectFrom('affiliation_requests')
      .select(['status', 'validated_at', 'validated_by', 'member_id'])
      .where('id', '=', r.id)
      .executeTakeFirstOrThrow();
    expect(request.status).toBe('validated');
    expect(request.member_id).toBe(memberId);
    expect(request.validated_by).not.toBeNull();
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_kind', 'details'])
      .where('target_id', '=', r.id)
      .execute();
    expect(audit.map((a) => a.action)).toContain('affiliation.validated');
    expect(JSON.stringify(audit)).not.toContain(EMPLOYEE_NIR);

    const members = await employer.get('/api/members?q=Nouvelle');
    expect(members.statusCode).toBe(200);
    expect(members.json<MemberPage>().items.map((m) => m.id)).toContain(memberId);

    // Twice: refused, nothing duplicated.
    expect((await staff.post(`/api/backoffice/affiliations/${r.id}/validate`)).statusCode).toBe(
      409,
    );
    const coverages = await t.ctx.db
      .selectFrom('coverages')
      .select('id')
      .where('member_id', '=', memberId)
      .execute();
    expect(coverages).toHaveLength(1);
  });

  it('links the existing member of the company with that NIR instead of creating another', async () => {
    const existing = await createMember(t.ctx.db, t.ctx.cipher, {
      establishment: f.establishment,
      nir13: '2800175123034',
      lastName: 'Ancienne',
      coverages: [{ contract: f.contract, effectiveDate: '2020-01-01', endDate: '2023-12-31' }],
    });
    const r = await finalised({ nir13: '2800175123034', lastName: 'Ancienne' });
    const res = await staff.post(`/api/backoffice/affiliations/${r.id}/validate`);
    expect(res.json()).toMatchObject({ memberId: existing.id, existingMember: true });
    const member = await t.ctx.db
      .selectFrom('members')
      .select(['latest_effective_date', 'latest_end_date'])
      .where('id', '=', existing.id)
      .executeTakeFirstOrThrow();
    expect(member).toEqual({ latest_effective_date: '2026-02-01', latest_end_date: null });
  });

  it('returns the form with a reason: a new link emailed, the form open again, the old link dead', async () => {
    const r = await finalised({ nir13: '1700175123045', email: 'retour@exemple.fr' });
    const bad = await staff.post(`/api/backoffice/affiliations/${r.id}/return`, { reason: '' });
    expect(bad.statusCode).toBe(400);
    t.clock.advance(60_000); // the return comes after the email of « Valider »
    const res = await staff.post(`/api/backoffice/affiliations/${r.id}/return`, {
      reason: "L'attestation de droits est illisible : merci de la renvoyer.",
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<BackofficeAffiliation>().status).toBe('returned');

    // After the BIA the employee received at « Valider », the return.
    const mails = await t.ctx.db
      .selectFrom('outbox')
      .select(['template', 'body_text'])
      .where('recipient', '=', 'retour@exemple.fr')
      .orderBy('created_at')
      .execute();
    expect(mails.map((m) => m.template)).toEqual(['enrolment_submitted', 'enrolment_returned']);
    const mail = mails[1]!;
    expect(mail.body_text).toContain("L'attestation de droits est illisible");
    // The employer's admin is notified (in the app and, by default, by email).
    const notified = await t.ctx.db
      .selectFrom('notifications')
      .select(['user_id', 'link'])
      .where('type', '=', 'request_returned')
      .execute();
    expect(notified).toEqual([{ user_id: f.admin.id, link: '/affiliations' }]);
    const notice = await t.ctx.db
      .selectFrom('outbox')
      .select('subject')
      .where('recipient', '=', f.admin.email)
      .where('template', '=', 'notification')
      .executeTakeFirst();
    expect(notice?.subject).toContain('retournée');
    const link = await lastLinkSentTo(t.ctx, 'retour@exemple.fr');
    const token = link.split('/formulaire/')[1]!;
    expect(token).not.toBe(r.token);

    expect((await browser(t.app).get(`/api/enrolment/${r.token}/check`)).statusCode).toBe(404);
    const b = browser(t.app, { ip: '198.51.100.8' });
    const open = await b.post(`/api/enrolment/${token}/unlock`, { birthDate: '1990-01-15' });
    expect(open.statusCode).toBe(200);
    expect(open.json()).toMatchObject({
      status: 'returned',
      returnReason: "L'attestation de droits est illisible : merci de la renvoyer.",
    });
    // The saved answers are still there; the employee submits again.
    expect((await b.post(`/api/enrolment/${token}/submit`, { certified: true })).statusCode).toBe(
      200,
    );
    const row = await t.ctx.db
      .selectFrom('affiliation_requests')
      .select('status')
      .where('id', '=', r.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('finalised');
  });

  it('marks a paper BIA as received: « Finalisé »; not for an email-mode request', async () => {
    const paper = await newRequest({ mode: 'mail', nir13: '1650175123056' });
    const queue = await staff.get('/api/backoffice/affiliations?status=sent&mode=mail');
    expect(queue.json<BackofficeQueue>().items.map((i) => i.id)).toContain(paper.id);
    const res = await staff.post(`/api/backoffice/affiliations/${paper.id}/paper-received`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<BackofficeAffiliation>()).toMatchObject({ status: 'finalised' });
    expect(res.json<BackofficeAffiliation>().paperReceivedAt).not.toBeNull();
    expect(
      (await staff.post(`/api/backoffice/affiliations/${paper.id}/paper-received`)).statusCode,
    ).toBe(409);

    const online = await newRequest({ nir13: '1650175123067' });
    expect(
      (await staff.post(`/api/backoffice/affiliations/${online.id}/paper-received`)).statusCode,
    ).toBe(409);
    // A paper BIA is validated like an online one.
    expect((await staff.post(`/api/backoffice/affiliations/${paper.id}/validate`)).statusCode).toBe(
      200,
    );
  });

  it('answers 404 for an unknown request', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    expect((await staff.get(`/api/backoffice/affiliations/${id}`)).statusCode).toBe(404);
    expect((await staff.post(`/api/backoffice/affiliations/${id}/validate`)).statusCode).toBe(404);
  });
});
