import { beforeAll, describe, expect, it } from 'vitest';
import type {
  BackofficeDispense,
  BackofficeDispenseQueue,
} from '@affilia/shared/schemas/dispenses';
import type { AffiliationRequest } from '../../db/schema';
import {
  auditActions,
  browser,
  errorOf,
  lastLinkSentTo,
  lastMessageTo,
  signInAs,
  useTestApp,
  type Browser,
} from '../../../test/helper';
import {
  createCompany,
  createContract,
  createEmployerUser,
  createEstablishment,
  createStaffUser,
} from '../../../test/factories';
import { requestDispense, type RequestDispenseInput } from '../../commands/request-dispense';
import { storeCheckedProof } from '../../lib/checked-file';
import { hashToken } from '../../lib/tokens';
import { findHistory, loadRequest } from '../affiliations/affiliations.repository';
import { insertAffiliationRequest, smallPdf } from '../enrolment/test-support';
import { findDispenseRow, moveDispense } from './dispenses.repository';

const t = useTestApp();
const BASE = '/api/backoffice/dispenses';
let staff: Browser;
let staffUser: Awaited<ReturnType<typeof createStaffUser>>;
let employer: Browser;
let admin: Awaited<ReturnType<typeof createEmployerUser>>;
let company: Awaited<ReturnType<typeof createCompany>>;
let establishment: Awaited<ReturnType<typeof createEstablishment>>;
let contract: Awaited<ReturnType<typeof createContract>>;
let pdf: Buffer;
let n = 0;

beforeAll(async () => {
  company = await createCompany(t.ctx.db, { name: 'Alpha Immobilier' });
  establishment = await createEstablishment(t.ctx.db, company, { name: 'Lyon' });
  contract = await createContract(t.ctx.db, company, { label: 'Santé Alpha' });
  admin = await createEmployerUser(t.ctx.db, [{ company, role: 'admin' }]);
  staffUser = await createStaffUser(t.ctx.db, 'manager', { firstName: 'Gaëlle' });
  staff = browser(t.app, { ip: '198.51.100.30' });
  await signInAs(staff, t.ctx, staffUser, 'backoffice');
  employer = browser(t.app, { ip: '198.51.100.31' });
  await signInAs(employer, t.ctx, admin);
  pdf = await smallPdf();
});

/** A request sent to the employee (a CDI unless `employment` says otherwise). */
async function newRequest(
  over: { lastName?: string; email?: string | null } & Partial<
    Pick<AffiliationRequest, 'employment_contract_type' | 'employment_end_date'>
  > = {},
) {
  n += 1;
  const { lastName, email, ...employment } = over;
  const { id, token } = await insertAffiliationRequest(t.ctx, {
    company,
    establishment,
    contract,
    createdBy: admin,
    nir13: `18506751${String(20000 + n)}`,
    lastName: lastName ?? `Dispense${n}`,
    ...(email !== undefined ? { email } : {}),
  });
  if (Object.keys(employment).length > 0)
    await t.ctx.db
      .updateTable('affiliation_requests')
      .set(employment)
      .where('id', '=', id)
      .execute();
  return { request: await loadRequest(t.ctx.db, id), token };
}

const proof = async (name = 'attestation.pdf') => ({
  ...(await storeCheckedProof(t.ctx.storage, { bytes: pdf, fileName: name })),
  kind: 'proof' as const,
});

/** A request of dispense « autre emploi » with a proof (the employee's, online). */
async function ask(request: AffiliationRequest, over: Partial<RequestDispenseInput> = {}) {
  return requestDispense(t.ctx, {
    request: await loadRequest(t.ctx.db, request.id),
    fields: {
      caseCode: 'multi_employer',
      otherPlanType: 'public_service',
      justificationEndDate: null,
    },
    origin: 'online',
    actor: { kind: 'employee' },
    files: [await proof()],
    ...over,
  });
}

const detail = async (id: string) => (await staff.get(`${BASE}/${id}`)).json<BackofficeDispense>();
const validate = (id: string, b: Browser = staff) => b.post(`${BASE}/${id}/validate`, {});
const refuse = (id: string, reason = 'Justificatif de l’année précédente.') =>
  staff.post(`${BASE}/${id}/refuse`, { reason });
const notificationsOf = (userId: string) =>
  t.ctx.db
    .selectFrom('notifications')
    .select(['type', 'title', 'body', 'link'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();

describe('the « Dispenses » queue (/api/backoffice/dispenses)', () => {
  it('lists the dispenses to check, the oldest first, and the other statuses on demand', async () => {
    const a = await ask((await newRequest({ lastName: 'File-Abel' })).request);
    t.clock.advance(60_000);
    const b = await ask((await newRequest({ lastName: 'File-Zoé' })).request);
    const done = await ask((await newRequest({ lastName: 'File-Validée' })).request);
    expect((await validate(done.id)).statusCode).toBe(200);

    const queue = (await staff.get(BASE)).json<BackofficeDispenseQueue>();
    const ids = queue.items.map((i) => i.id);
    expect(queue.truncated).toBe(false);
    expect(ids.indexOf(a.id)).toBeLessThan(ids.indexOf(b.id));
    expect(ids).not.toContain(done.id);
    expect(queue.items.find((i) => i.id === a.id)).toMatchObject({
      status: 'requested',
      origin: 'online',
      isRenewal: false,
      caseCode: 'multi_employer',
      lastName: 'File-Abel',
      companyName: 'Alpha Immobilier',
      siren: company.siren,
      establishmentName: 'Lyon',
    });

    const validated = (await staff.get(`${BASE}?status=validated`)).json<BackofficeDispenseQueue>();
    expect(validated.items.map((i) => i.id)).toContain(done.id);
    expect(validated.items.map((i) => i.id)).not.toContain(a.id);
    expect((await staff.get(`${BASE}?status=unknown`)).statusCode).toBe(400);
  });

  it('is closed to an employer’s user, open to a « gestionnaire »', async () => {
    const d = await ask((await newRequest()).request);
    expect([403, 404]).toContain((await employer.get(BASE)).statusCode);
    expect([403, 404]).toContain((await employer.get(`${BASE}/${d.id}`)).statusCode);
    expect([403, 404]).toContain((await validate(d.id, employer)).statusCode);
    expect((await findDispenseRow(t.ctx.db, d.id))?.status).toBe('requested');
    expect((await staff.get(`${BASE}/${d.id}`)).statusCode).toBe(200);
  });
});

describe('a dispense (/api/backoffice/dispenses/:id)', () => {
  it('shows the identity with the NIR, the contract, the employment, the case’s checks, files and history', async () => {
    const { request } = await newRequest({ lastName: 'Détail' });
    const d = await ask(request);
    const res = await staff.get(`${BASE}/${d.id}`);
    expect(res.statusCode).toBe(200);
    const body = res.json<BackofficeDispense>();
    expect(body).toMatchObject({
      id: d.id,
      requestId: request.id,
      lastName: 'Détail',
      nir: expect.stringMatching(/^1 85 06 75 1/),
      birthDate: '1990-01-15',
      contractLabel: 'Santé Alpha',
      contractNumber: contract.number,
      employmentContractType: 'cdi',
      affiliationDate: '2026-02-01',
      otherPlanType: 'public_service',
      effectiveDate: '2026-02-01',
      endDate: null,
      renewalDueDate: '2027-02-01',
      signedOn: '2026-03-02',
      caseAllowed: true,
      conditionError: null,
      refusalReason: null,
      decidedAt: null,
    });
    expect(body.nir.replace(/\s/g, '')).toHaveLength(15);
    expect(body.swornStatement).toContain('Je certifie sur l’honneur');
    expect(body.files.map((f) => [f.kind, f.originalName])).toEqual([['proof', 'attestation.pdf']]);
    expect(body.history.map((h) => h.id)).toEqual([d.id]);
    expect((await staff.get(`${BASE}/00000000-0000-4000-8000-000000000000`)).statusCode).toBe(404);
  });

  it('warns of a case the contract no longer provides and of an employment that does not fit', async () => {
    await t.ctx.db
      .updateTable('contracts')
      .set({ dispense_cases: JSON.stringify(['short_fixed_term_no_cover']) })
      .where('id', '=', contract.id)
      .execute();
    const { request } = await newRequest({
      employment_contract_type: 'cdd',
      employment_end_date: '2026-07-31',
    });
    const d = await ask(request, {
      fields: {
        caseCode: 'short_fixed_term_no_cover',
        otherPlanType: null,
        justificationEndDate: null,
      },
      files: [],
    });
    await t.ctx.db
      .updateTable('contracts')
      .set({ dispense_cases: '[]' })
      .where('id', '=', contract.id)
      .execute();
    await t.ctx.db
      .updateTable('affiliation_requests')
      .set({ employment_end_date: '2027-06-30' })
      .where('id', '=', request.id)
      .execute();
    expect(await detail(d.id)).toMatchObject({
      caseAllowed: false,
      conditionError: 'Ce cas concerne uniquement les contrats de moins de 12 mois.',
      endDate: '2026-07-31',
    });
  });

  it('sends its proofs and PDF, not a file of another dispense', async () => {
    const pdfFile = await proof('demande.pdf');
    const d = await ask((await newRequest()).request, { pdf: pdfFile });
    const other = await ask((await newRequest()).request);
    const files = (await detail(d.id)).files;
    expect(files.map((f) => f.kind)).toEqual(['proof', 'signed_request']);
    for (const f of files) {
      const res = await staff.get(`${BASE}/${d.id}/files/${f.id}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toContain('attachment');
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }
    const otherFile = (await detail(other.id)).files[0]!;
    const refused = await staff.get(`${BASE}/${d.id}/files/${otherFile.id}`);
    expect(refused.statusCode).toBe(404);
  });
});

describe('« Valider la dispense »', () => {
  it('dispenses a first request: « Dispensé », the link dead, audited, the employer notified', async () => {
    const { request } = await newRequest({ lastName: 'Valide' });
    const d = await ask(request);
    t.clock.advance(1000);
    const res = await validate(d.id);
    expect(res.statusCode).toBe(200);
    expect(res.json<BackofficeDispense>()).toMatchObject({
      status: 'validated',
      decidedAt: t.clock.now().toISOString(),
    });
    expect(await findDispenseRow(t.ctx.db, d.id)).toMatchObject({
      status: 'validated',
      decided_by: staffUser.id,
    });
    const after = await loadRequest(t.ctx.db, request.id);
    expect(after.status).toBe('dispensed');
    expect(after.form_token_hash).toBeNull();
    const last = (await findHistory(t.ctx.db, request.id)).at(-1);
    expect(last).toMatchObject({ to_status: 'dispensed', actor_kind: 'staff' });
    expect(await auditActions(t.ctx, { target: d.id })).toContain('dispense.validated');
    expect((await notificationsOf(admin.id)).at(-1)).toMatchObject({
      type: 'dispense_decided',
      title: 'Dispense d’affiliation validée',
      link: '/dispenses?q=Valide',
    });

    // Decided twice (two tabs): the second is refused.
    const again = await validate(d.id);
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).code).toBe('invalid_transition');
    expect(errorOf(await refuse(d.id)).code).toBe('invalid_transition');
  });

  it('validates a renewal: the dispense in force « Renouvelée », the new one in force', async () => {
    const { request } = await newRequest();
    const first = await ask(request);
    await validate(first.id);
    t.clock.advance(1000);
    const renewal = await ask(request);
    const res = await validate(renewal.id);
    expect(res.statusCode).toBe(200);
    const body = res.json<BackofficeDispense>();
    expect(body).toMatchObject({
      isRenewal: true,
      status: 'validated',
      effectiveDate: '2027-02-01',
    });
    expect(body.history.map((h) => [h.id, h.status])).toEqual([
      [renewal.id, 'validated'],
      [first.id, 'renewed'],
    ]);
    expect((await loadRequest(t.ctx.db, request.id)).status).toBe('dispensed');
  });
  it('validates a renewal whose dispense expired while it waited, not one whose dispense ended', async () => {
    const { request } = await newRequest();
    const first = await ask(request);
    await validate(first.id);
    const renewal = await ask(request);
    const at = t.clock.now().toISOString();
    // The renewal job expired the dispense in force: the insurer may still validate its renewal.
    await moveDispense(t.ctx.db, first.id, { from: 'validated', to: 'expired', at });
    expect((await validate(renewal.id)).statusCode).toBe(200);
    expect((await findDispenseRow(t.ctx.db, first.id))?.status).toBe('renewed');

    const other = (await newRequest()).request;
    const before = await ask(other);
    await validate(before.id);
    const late = await ask(other);
    await moveDispense(t.ctx.db, before.id, { from: 'validated', to: 'ended', at });
    const res = await validate(late.id);
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).message).toContain('a pris fin');
    expect((await findDispenseRow(t.ctx.db, late.id))?.status).toBe('requested');
  });
});

describe('« Refuser »', () => {
  it('sends a first request back to the employee with a new link and the reason', async () => {
    const { request, token } = await newRequest({ email: 'refus@exemple.fr' });
    const d = await ask(request);
    const res = await refuse(d.id, 'L’attestation ne mentionne pas votre nom.');
    expect(res.statusCode).toBe(200);
    expect(res.json<BackofficeDispense>()).toMatchObject({
      status: 'refused',
      refusalReason: 'L’attestation ne mentionne pas votre nom.',
    });
    const after = await loadRequest(t.ctx.db, request.id);
    expect(after).toMatchObject({
      status: 'returned',
      return_reason: 'L’attestation ne mentionne pas votre nom.',
    });
    const link = await lastLinkSentTo(t.ctx, 'refus@exemple.fr');
    const newToken = /\/formulaire\/([^\s/]+)$/.exec(link)?.[1];
    expect(newToken).toBeDefined();
    expect(newToken).not.toBe(token);
    expect(after.form_token_hash).toBe(hashToken(newToken!));
    const mail = await lastMessageTo(t.ctx, 'refus@exemple.fr', 'email');
    expect(mail?.body_text).toContain('L’attestation ne mentionne pas votre nom.');
    expect(await auditActions(t.ctx, { target: d.id })).toContain('dispense.refused');
    expect((await notificationsOf(admin.id)).at(-1)).toMatchObject({
      type: 'dispense_decided',
      title: 'Dispense d’affiliation refusée',
      link: '/affiliations',
    });
  });

  it('refuses a renewal only: the dispense in force and the link stay', async () => {
    const { request } = await newRequest({ email: 'renouvelle@exemple.fr' });
    const first = await ask(request);
    await validate(first.id);
    await t.ctx.db
      .updateTable('affiliation_requests')
      .set({ form_token_hash: hashToken('lien-du-rappel') })
      .where('id', '=', request.id)
      .execute();
    const renewal = await ask(request);
    const res = await refuse(renewal.id, 'Attestation de 2025.');
    expect(res.statusCode).toBe(200);
    expect((await findDispenseRow(t.ctx.db, renewal.id))?.status).toBe('refused');
    expect((await findDispenseRow(t.ctx.db, first.id))?.status).toBe('validated');
    const after = await loadRequest(t.ctx.db, request.id);
    expect(after.status).toBe('dispensed');
    expect(after.form_token_hash).toBe(hashToken('lien-du-rappel'));
    const mail = await lastMessageTo(t.ctx, 'renouvelle@exemple.fr', 'email');
    expect(mail?.subject).toContain('renouvellement');
    expect(mail?.body_text).toContain('Attestation de 2025.');
  });

  it('needs a reason', async () => {
    const d = await ask((await newRequest()).request);
    const res = await staff.post(`${BASE}/${d.id}/refuse`, { reason: ' ' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).fields).toHaveProperty('reason');
    expect((await findDispenseRow(t.ctx.db, d.id))?.status).toBe('requested');
  });
});
