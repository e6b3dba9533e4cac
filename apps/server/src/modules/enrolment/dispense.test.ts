import { beforeAll, describe, expect, it } from 'vitest';
import type { EnrolmentForm } from '@affilia/shared/schemas/enrolment';
import type { AffiliationRequest } from '../../db/schema';
import { browser, errorOf, signInAs, useTestApp } from '../../../test/helper';
import {
  createCompany,
  createContract,
  createEmployerUser,
  createEstablishment,
  createStaffUser,
} from '../../../test/factories';
import { extractPdfText } from '../../../test/pdf-text';
import { hashToken, newSecretToken } from '../../lib/tokens';
import { findHistory, loadRequest } from '../affiliations/affiliations.repository';
import { recordStatusChange } from '../affiliations/status';
import { findRequestDispense, moveDispense } from '../dispenses/dispenses.repository';
import {
  EMPLOYEE_BIRTH_DATE,
  insertAffiliationRequest,
  SMALL_PNG,
  smallPdf,
  upload,
} from './test-support';

describe('the dispense in the employee’s form (issue 19)', () => {
  const t = useTestApp();
  let f: {
    company: { id: string };
    establishment: { id: string };
    contract: { id: string };
    foundingActContract: { id: string };
    admin: { id: string; email: string };
    outsider: { id: string };
  };

  beforeAll(async () => {
    const db = t.ctx.db;
    const company = await createCompany(db, { name: 'Gamma Services' });
    const other = await createCompany(db, { name: 'Delta Conseil' });
    const establishment = await createEstablishment(db, company, { name: 'Gamma Nantes' });
    const contract = await createContract(db, company, { label: 'BASE NC' });
    const foundingActContract = await createContract(db, company, { label: 'BASE CDD' });
    await db
      .updateTable('contracts')
      .set({ dispense_cases: JSON.stringify(['short_fixed_term_no_cover']) })
      .where('id', '=', foundingActContract.id)
      .execute();
    const admin = await createEmployerUser(db, [{ company, role: 'admin' }]);
    const outsider = await createEmployerUser(db, [{ company: other, role: 'admin' }]);
    f = { company, establishment, contract, foundingActContract, admin, outsider };
  });

  /** A request sent to the employee, whose form a new browser unlocked. */
  async function openForm(
    over: {
      contract?: { id: string };
      employment?: Partial<
        Pick<AffiliationRequest, 'employment_contract_type' | 'employment_end_date'>
      >;
      name?: { lastName: string; firstName: string };
    } = {},
  ) {
    const r = await insertAffiliationRequest(t.ctx, {
      company: f.company,
      establishment: f.establishment,
      contract: over.contract ?? f.contract,
      createdBy: f.admin,
      ...over.name,
    });
    if (over.employment)
      await t.ctx.db
        .updateTable('affiliation_requests')
        .set(over.employment)
        .where('id', '=', r.id)
        .execute();
    const b = browser(t.app);
    const res = await b.post(`/api/enrolment/${r.token}/unlock`, {
      birthDate: EMPLOYEE_BIRTH_DATE,
    });
    expect(res.statusCode, res.body).toBe(200);
    return { r, b, base: `/api/enrolment/${r.token}` };
  }

  /** A fresh link on the request (as a reminder or the insurer's return sends one). */
  async function freshLink(requestId: string): Promise<string> {
    const token = newSecretToken();
    await t.ctx.db
      .updateTable('affiliation_requests')
      .set({
        form_token_hash: hashToken(token),
        form_token_expires_at: new Date(t.clock.now().getTime() + 30 * 86_400_000).toISOString(),
      })
      .where('id', '=', requestId)
      .execute();
    return token;
  }

  const addProof = async (b: ReturnType<typeof browser>, base: string) =>
    upload(b, `${base}/dispense/proofs`, { name: 'attestation.pdf', bytes: await smallPdf() });

  const CSS = { caseCode: 'css', justificationEndDate: '2026-12-31', sworn: true };

  describe('GET: the choice and the cases', () => {
    it('lists the « de droit » cases with their condition; a founding-act case only when the contract provides it', async () => {
      const { b, base } = await openForm();
      const form = (await b.get(base)).json<EnrolmentForm>();
      expect(form.dispense.mode).toBe('choice');
      expect(form.dispense.current).toBeNull();
      expect(form.dispense.pendingProofs).toEqual([]);
      const codes = form.dispense.cases.map((c) => c.code);
      expect(codes).toEqual([
        'short_fixed_term',
        'individual_cover',
        'css',
        'other_plan_dependant',
        'multi_employer',
      ]);
      // A permanent contract: the short fixed-term case does not fit, with the reason.
      expect(form.dispense.cases[0]!.conditionError).toMatch(/contrats à durée déterminée/);
      expect(form.dispense.cases[2]).toMatchObject({
        code: 'css',
        conditionError: null,
        endRule: 'justification_end',
        legalSource: 'CSS art. D911-2, 1°',
      });

      const cdd = await openForm({
        contract: f.foundingActContract,
        employment: { employment_contract_type: 'cdd', employment_end_date: '2026-04-30' },
      });
      const cddForm = (await cdd.b.get(cdd.base)).json<EnrolmentForm>();
      expect(cddForm.dispense.cases.map((c) => c.code)).toContain('short_fixed_term_no_cover');
      expect(cddForm.dispense.cases.map((c) => c.code)).not.toContain('part_time_10_percent');
      expect(cddForm.dispense.employmentEndDate).toBe('2026-04-30');
      expect(cddForm.dispense.cases.every((c) => c.conditionError === null)).toBe(true);
    });
  });

  describe('proofs', () => {
    it('follows the attachments’ rules: empty, wrong type, too many; removed while not sent', async () => {
      const { b, base } = await openForm();
      const url = `${base}/dispense/proofs`;
      const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(500, 0x90)]);
      const wrong = await upload(b, url, { name: 'attestation.pdf', bytes: exe });
      expect(wrong.statusCode).toBe(415);
      expect(errorOf(wrong).code).toBe('attachment_type_refused');
      const empty = await upload(b, url, { name: 'a.pdf', bytes: Buffer.alloc(0) });
      expect(empty.statusCode).toBe(400);
      expect(errorOf(empty).code).toBe('attachment_empty');
      const noFile = await b.post(url, {});
      expect(noFile.statusCode).toBe(400);
      expect(errorOf(noFile).code).toBe('attachment_missing');

      const png = await upload(b, url, { name: 'carte.png', bytes: SMALL_PNG, type: 'image/png' });
      expect(png.statusCode, png.body).toBe(201);
      expect(png.json()).toMatchObject({ kind: 'proof', mimeType: 'image/png' });
      for (let i = 1; i < 10; i++) expect((await addProof(b, base)).statusCode).toBe(201);
      const eleventh = await addProof(b, base);
      expect(eleventh.statusCode).toBe(400);
      expect(errorOf(eleventh).code).toBe('too_many_attachments');

      const form = (await b.get(base)).json<EnrolmentForm>();
      expect(form.dispense.pendingProofs).toHaveLength(10);
      const id = png.json<{ id: string }>().id;
      expect((await b.delete(`${url}/${id}`)).statusCode).toBe(204);
      expect((await b.delete(`${url}/${id}`)).statusCode).toBe(404);
      // Another browser without the birth date: nothing.
      expect(
        (await upload(browser(t.app), url, { name: 'a.png', bytes: SMALL_PNG })).statusCode,
      ).toBe(401);
    });
  });

  describe('« Envoyer ma demande de dispense »', () => {
    it('asks the dispense: « Dispense demandée », history, link dead, employer notified, the PDF with the statement', async () => {
      const name = { lastName: 'Nguyễn-Wójcik', firstName: 'Łukasz Ștefan' };
      const { r, b, base } = await openForm({ name });
      expect((await addProof(b, base)).statusCode).toBe(201);
      const res = await b.post(`${base}/dispense`, CSS);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        requestStatus: 'dispense_requested',
        dispense: {
          status: 'requested',
          caseCode: 'css',
          endDate: '2026-12-31',
          origin: 'online',
          isRenewal: false,
        },
      });
      const request = await loadRequest(t.ctx.db, r.id);
      expect(request.status).toBe('dispense_requested');
      expect(request.form_token_hash).toBeNull();
      const history = await findHistory(t.ctx.db, r.id);
      expect(history.find((h) => h.to_status === 'dispense_requested')).toMatchObject({
        actor_kind: 'employee',
      });
      // The link is dead.
      expect((await b.get(`${base}/check`)).statusCode).toBe(404);

      const notes = await t.ctx.db
        .selectFrom('notifications')
        .select(['user_id', 'body', 'link'])
        .where('type', '=', 'dispense_requested')
        .execute();
      expect(notes.map((n) => n.user_id)).toContain(f.admin.id);
      expect(notes.map((n) => n.user_id)).not.toContain(f.outsider.id);
      expect(notes.find((n) => n.body?.includes('Łukasz'))?.link).toBe('/affiliations');

      // The receipt downloads the PDF just sent, the same one the dispense keeps.
      const pdf = await b.get(`${base}/dispense.pdf`);
      expect(pdf.statusCode, pdf.body).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect((await browser(t.app).get(`${base}/dispense.pdf`)).statusCode).toBe(401);
      const text = (await extractPdfText(pdf.rawPayload)).join('\n');
      expect(text).toContain('Demande de dispense d’adhésion');
      expect(text).toContain('Łukasz Ștefan');
      expect(text).toContain('Nguyễn-Wójcik');
      expect(text).not.toMatch(/\?ukasz|\?tefan|Nguy\?n/);
      expect(text).toContain('☑');
      expect(text.replace(/\s+/g, ' ')).toContain('Je certifie sur l’honneur');
      expect(text).toContain('Signé électroniquement le 02/03/2026');
      expect(text).toContain('CSS art. D911-2, 1°');

      // The employee's copy by email, with the PDF.
      const mail = await t.ctx.db
        .selectFrom('outbox')
        .innerJoin('outbox_attachments as a', 'a.outbox_id', 'outbox.id')
        .select(['outbox.subject', 'a.file_name'])
        .where('outbox.template', '=', 'dispense_submitted')
        .execute();
      expect(mail).toContainEqual({
        subject: expect.stringMatching(/^Votre demande de dispense d’adhésion est bien envoyée/),
        file_name: 'Dispense-Nguyễn-Wójcik-Łukasz Ștefan.pdf',
      });
    });

    it('refuses a case the contract does not provide, an unmet condition, a missing proof, field by field', async () => {
      const { r, b, base } = await openForm({
        employment: { employment_contract_type: 'cdd', employment_end_date: '2026-04-30' },
      });
      const notAllowed = await b.post(`${base}/dispense`, {
        caseCode: 'short_fixed_term_no_cover',
        sworn: true,
      });
      expect(notAllowed.statusCode).toBe(400);
      expect(errorOf(notAllowed).code).toBe('dispense_case_not_allowed');

      const long = await openForm({
        employment: { employment_contract_type: 'cdd', employment_end_date: '2026-12-31' },
      });
      const unmet = await long.b.post(`${long.base}/dispense`, {
        caseCode: 'short_fixed_term',
        sworn: true,
      });
      expect(unmet.statusCode).toBe(400);
      expect(errorOf(unmet).code).toBe('dispense_condition_unmet');
      expect(errorOf(unmet).fields?.caseCode).toMatch(/3 mois au plus/);

      const noProof = await b.post(`${base}/dispense`, CSS);
      expect(noProof.statusCode).toBe(400);
      expect(errorOf(noProof).code).toBe('dispense_proof_required');
      expect(errorOf(noProof).fields?.proofs).toBeDefined();

      const unsworn = await b.post(`${base}/dispense`, { ...CSS, sworn: false });
      expect(unsworn.statusCode).toBe(400);
      expect(errorOf(unsworn).fields?.sworn).toBeDefined();
      const noPlan = await b.post(`${base}/dispense`, { caseCode: 'multi_employer', sworn: true });
      expect(errorOf(noPlan).fields?.otherPlanType).toBe('Choisissez le type de régime');

      // Nothing written; the link still works.
      expect((await loadRequest(t.ctx.db, r.id)).status).toBe('sent');
      const written = await t.ctx.db
        .selectFrom('dispenses')
        .select('id')
        .where('request_id', '=', r.id)
        .execute();
      expect(written).toEqual([]);
      expect((await b.get(base)).statusCode).toBe(200);
    });
  });

  it('reopens the form after the insurer refused the first request: the reason, then adhere or ask again', async () => {
    const { r, b, base } = await openForm();
    await addProof(b, base);
    expect((await b.post(`${base}/dispense`, CSS)).statusCode).toBe(200);
    const sent = (await findRequestDispense(t.ctx.db, r.id, 'requested'))!;
    const staff = browser(t.app, { ip: '192.0.2.40' });
    await signInAs(staff, t.ctx, await createStaffUser(t.ctx.db), 'backoffice');
    const refused = await staff.post(`/api/backoffice/dispenses/${sent.id}/refuse`, {
      reason: 'Attestation illisible',
    });
    expect(refused.statusCode, refused.body).toBe(200);

    t.clock.advance(60_000);
    const again = browser(t.app);
    const againBase = `/api/enrolment/${await freshLink(r.id)}`;
    const form = (
      await again.post(`${againBase}/unlock`, { birthDate: EMPLOYEE_BIRTH_DATE })
    ).json<EnrolmentForm>();
    expect(form.status).toBe('returned');
    // The web shows the refusal (not a BIA returned) when the return's reason is the refusal's.
    expect(form.returnReason).toBe('Attestation illisible');
    expect(form.dispense.mode).toBe('choice');
    expect(form.dispense.current).toMatchObject({
      status: 'refused',
      refusalReason: 'Attestation illisible',
      isRenewal: false,
    });
    // The proof sent with the refused request is not waiting any more: a new one is asked.
    expect(form.dispense.pendingProofs).toEqual([]);
    const noProof = await again.post(`${againBase}/dispense`, CSS);
    expect(errorOf(noProof).code).toBe('dispense_proof_required');
    await addProof(again, againBase);
    const asked = await again.post(`${againBase}/dispense`, CSS);
    expect(asked.statusCode, asked.body).toBe(200);
    expect((await loadRequest(t.ctx.db, r.id)).status).toBe('dispense_requested');
  });

  describe('renewal mode', () => {
    it('opens a dispensed request’s fresh link on the renewal only, sends the renewal, one at a time', async () => {
      const { r, b, base } = await openForm();
      await addProof(b, base);
      expect((await b.post(`${base}/dispense`, CSS)).statusCode).toBe(200);
      // The insurer validates; 30 days before the end, the reminder sends a fresh link.
      const first = (await findRequestDispense(t.ctx.db, r.id, 'requested'))!;
      const now = t.clock.now();
      await moveDispense(t.ctx.db, first.id, {
        from: 'requested',
        to: 'validated',
        at: now.toISOString(),
        decided_at: now.toISOString(),
      });
      await recordStatusChange(t.ctx.db, {
        requestId: r.id,
        from: 'dispense_requested',
        to: 'dispensed',
        actor: { kind: 'staff', userId: null },
        now,
      });
      const token = await freshLink(r.id);

      t.clock.advance(86_400_000);
      const renewal = browser(t.app);
      const renewalBase = `/api/enrolment/${token}`;
      const opened = await renewal.post(`${renewalBase}/unlock`, {
        birthDate: EMPLOYEE_BIRTH_DATE,
      });
      expect(opened.statusCode, opened.body).toBe(200);
      const form = opened.json<EnrolmentForm>();
      expect(form.status).toBe('dispensed');
      expect(form.dispense.mode).toBe('renewal');
      expect(form.dispense.current).toMatchObject({ status: 'validated', endDate: '2026-12-31' });
      // The BIA stays closed: renewal only.
      expect((await renewal.put(`${renewalBase}/draft`, { beneficiaries: [] })).statusCode).toBe(
        404,
      );

      expect((await addProof(renewal, renewalBase)).statusCode).toBe(201);
      const sent = await renewal.post(`${renewalBase}/dispense`, {
        ...CSS,
        justificationEndDate: '2027-12-31',
      });
      expect(sent.statusCode, sent.body).toBe(200);
      expect(sent.json()).toMatchObject({
        requestStatus: 'dispensed',
        dispense: { isRenewal: true, effectiveDate: '2027-01-01', endDate: '2027-12-31' },
      });
      const after = await loadRequest(t.ctx.db, r.id);
      expect(after.status).toBe('dispensed');
      expect(after.form_token_hash).toBe(hashToken(token));
      expect((await renewal.get(`${renewalBase}/dispense.pdf`)).statusCode).toBe(200);

      // The link stays open until it expires; a second renewal waits for the insurer's check.
      await renewal.post(`${renewalBase}/unlock`, { birthDate: EMPLOYEE_BIRTH_DATE });
      const again = (await renewal.get(renewalBase)).json<EnrolmentForm>();
      expect(again.dispense.current).toMatchObject({ status: 'requested', isRenewal: true });
      await addProof(renewal, renewalBase);
      const twice = await renewal.post(`${renewalBase}/dispense`, {
        ...CSS,
        justificationEndDate: '2027-12-31',
      });
      expect(twice.statusCode).toBe(409);
      expect(errorOf(twice).code).toBe('dispense_already_requested');
    });
  });
});
