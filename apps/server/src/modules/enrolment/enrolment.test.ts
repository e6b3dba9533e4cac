import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EnrolmentForm } from '@affilia/shared/schemas/enrolment';
import { todayIsoDate } from '@affilia/shared/validators/dates';
import { browser, errorOf, signInAs, useTestApp } from '../../../test/helper';
import {
  createCompany,
  createContract,
  createEmployerUser,
  createEstablishment,
} from '../../../test/factories';
import {
  COMPLETE_DRAFT,
  completeAndSubmit,
  EMPLOYEE_BIRTH_DATE,
  EMPLOYEE_NIR,
  insertAffiliationRequest,
  SMALL_PNG,
  smallPdf,
  upload,
} from './test-support';
import { findSubmittedBiaKey } from './enrolment.repository';
import { FORM_COOKIE } from './form-access';
import { extractPdfText } from '../../../test/pdf-text';
import { findHistory } from '../affiliations/affiliations.repository';

describe('the employee’s online BIA (/api/enrolment/:token)', () => {
  const t = useTestApp();
  let fixtures: {
    company: Awaited<ReturnType<typeof createCompany>>;
    establishment: Awaited<ReturnType<typeof createEstablishment>>;
    otherEstablishment: Awaited<ReturnType<typeof createEstablishment>>;
    contract: Awaited<ReturnType<typeof createContract>>;
    admin: Awaited<ReturnType<typeof createEmployerUser>>;
    restricted: Awaited<ReturnType<typeof createEmployerUser>>;
    outsider: Awaited<ReturnType<typeof createEmployerUser>>;
  };
  const newRequest = (over: Partial<Parameters<typeof insertAffiliationRequest>[1]> = {}) =>
    insertAffiliationRequest(t.ctx, {
      company: fixtures.company,
      establishment: fixtures.establishment,
      contract: fixtures.contract,
      createdBy: fixtures.admin,
      ...over,
    });
  /** A new request whose form this new browser unlocked with the birth date. */
  const unlockedForm = async () => {
    const r = await newRequest();
    const b = browser(t.app);
    await b.post(`/api/enrolment/${r.token}/unlock`, { birthDate: EMPLOYEE_BIRTH_DATE });
    return { r, b };
  };

  beforeAll(async () => {
    const db = t.ctx.db;
    const company = await createCompany(db, { name: 'Alpha Immobilier' });
    const other = await createCompany(db, { name: 'Bêta Gestion' });
    const establishment = await createEstablishment(db, company, { name: 'Alpha Lyon' });
    const otherEstablishment = await createEstablishment(db, company, { name: 'Alpha Paris' });
    const contract = await createContract(db, company, { label: 'BASE CCN NC' });
    const admin = await createEmployerUser(db, [{ company, role: 'admin' }]);
    // A user restricted to Paris: not told about Lyon's enrolments.
    const restricted = await createEmployerUser(db, [
      { company, role: 'user', establishments: [otherEstablishment] },
    ]);
    const outsider = await createEmployerUser(db, [{ company: other, role: 'admin' }]);
    fixtures = {
      company,
      establishment,
      otherEstablishment,
      contract,
      admin,
      restricted,
      outsider,
    };
  });

  describe('the link', () => {
    it('answers 404 form_link_invalid to an unknown or malformed token, without telling more', async () => {
      const b = browser(t.app);
      for (const token of ['x'.repeat(43), 'not a token', 'abc']) {
        const res = await b.post(`/api/enrolment/${encodeURIComponent(token)}/unlock`, {
          birthDate: '1990-01-15',
        });
        expect(res.statusCode).toBe(404);
        expect(errorOf(res).code).toBe('form_link_invalid');
      }
      expect((await b.get(`/api/enrolment/${'y'.repeat(43)}/check`)).statusCode).toBe(404);
    });

    it('answers 410 form_link_expired once the link expired, or the request was cancelled', async () => {
      const b = browser(t.app);
      const expired = await newRequest({ validDays: -1 });
      const res = await b.post(`/api/enrolment/${expired.token}/unlock`, {
        birthDate: '1990-01-15',
      });
      expect(res.statusCode).toBe(410);
      expect(errorOf(res).code).toBe('form_link_expired');

      const cancelled = await newRequest({ status: 'abandoned' });
      const res2 = await b.get(`/api/enrolment/${cancelled.token}/check`);
      expect(res2.statusCode).toBe(410);

      const validated = await newRequest({ status: 'validated' });
      expect((await b.get(`/api/enrolment/${validated.token}/check`)).statusCode).toBe(404);

      const live = await newRequest();
      expect((await b.get(`/api/enrolment/${live.token}/check`)).json()).toEqual({
        valid: true,
        unlocked: false,
      });
      // Once this browser confirmed the birth date, the page opens the form without a 401 first.
      const opened = await b.post(`/api/enrolment/${live.token}/unlock`, {
        birthDate: '1990-01-15',
      });
      expect(opened.statusCode, opened.body).toBe(200);
      expect((await b.get(`/api/enrolment/${live.token}/check`)).json()).toEqual({
        valid: true,
        unlocked: true,
      });
      expect((await browser(t.app).get(`/api/enrolment/${live.token}/check`)).json()).toEqual({
        valid: true,
        unlocked: false,
      });
    });

    it('stops a link replaced by a new one (a reminder stores a new hash)', async () => {
      const r = await newRequest();
      await t.ctx.db
        .updateTable('affiliation_requests')
        .set({ form_token_hash: 'f'.repeat(64) })
        .where('id', '=', r.id)
        .execute();
      const res = await browser(t.app).get(`/api/enrolment/${r.token}/check`);
      expect(res.statusCode).toBe(404);
    });
  });

  it('limits link checks and birth-date tries from one address, every link together', async () => {
    const b = browser(t.app, { ip: '198.51.100.99' });
    for (let i = 0; i < 60; i++) {
      expect((await b.get(`/api/enrolment/${'z'.repeat(43)}/check`)).statusCode).toBe(404);
    }
    const r = await newRequest();
    const res = await b.post(`/api/enrolment/${r.token}/unlock`, { birthDate: '1990-01-15' });
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not concerned.
    const other = browser(t.app, { ip: '198.51.100.98' });
    expect(
      (await other.post(`/api/enrolment/${r.token}/unlock`, { birthDate: '1990-01-15' }))
        .statusCode,
    ).toBe(200);
  });

  describe('the birth date', () => {
    it('locks the form 15 minutes after 5 wrong dates, then opens it with the right one', async () => {
      const r = await newRequest();
      const b = browser(t.app);
      const url = `/api/enrolment/${r.token}/unlock`;
      for (let i = 1; i <= 4; i++) {
        const res = await b.post(url, { birthDate: '1990-01-16' });
        expect(res.statusCode).toBe(400);
        expect(errorOf(res).code).toBe('birth_date_mismatch');
        expect(errorOf(res).fields?.birthDate).toBeDefined();
      }
      const fifth = await b.post(url, { birthDate: '1990-01-16' });
      expect(fifth.statusCode).toBe(429);
      expect(fifth.headers['retry-after']).toBe('900');
      // Locked: even the right date waits.
      const locked = await b.post(url, { birthDate: '1990-01-15' });
      expect(locked.statusCode).toBe(429);
      expect(b.jar.get(FORM_COOKIE)).toBeUndefined();

      t.clock.advance(15 * 60_000 + 1000);
      const open = await b.post(url, { birthDate: '15/01/1990' });
      expect(open.statusCode).toBe(200);
      expect(b.jar.get(FORM_COOKIE)).toBeDefined();
      const form = open.json<EnrolmentForm>();
      expect(form.identity).toMatchObject({ lastName: 'Lefèvre', firstName: 'Hélène' });
      expect(form.identity.maskedNir).toBe('1 90 01 75 *** *** **');
      expect(form.contract.options.map((o) => o.code)).toEqual(['base', 'option1']);
      const row = await t.ctx.db
        .selectFrom('affiliation_requests')
        .select(['birth_date_attempts', 'birth_date_locked_until'])
        .where('id', '=', r.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ birth_date_attempts: 0, birth_date_locked_until: null });
    });

    it('asks for the birth date again without the cookie, with another request’s cookie, or after an hour', async () => {
      const r = await newRequest();
      const other = await newRequest();
      const b = browser(t.app);
      expect((await b.get(`/api/enrolment/${r.token}`)).statusCode).toBe(401);
      await b.post(`/api/enrolment/${other.token}/unlock`, { birthDate: '1990-01-15' });
      const res = await b.get(`/api/enrolment/${r.token}`);
      expect(res.statusCode).toBe(401);
      expect(errorOf(res).code).toBe('form_session_required');
      // A forged cookie for this request.
      b.jar.set(FORM_COOKIE, `${r.id}.${Date.now() + 1000}.${'0'.repeat(64)}`);
      expect((await b.get(`/api/enrolment/${r.token}`)).statusCode).toBe(401);

      await b.post(`/api/enrolment/${r.token}/unlock`, { birthDate: '1990-01-15' });
      expect((await b.get(`/api/enrolment/${r.token}`)).statusCode).toBe(200);
      t.clock.advance(61 * 60_000);
      expect((await b.get(`/api/enrolment/${r.token}`)).statusCode).toBe(401);
    });
  });

  describe('the draft and the attachments', () => {
    it('saves a draft: « Démarré par le salarié », IBAN encrypted, beneficiaries kept', async () => {
      const { r, b } = await unlockedForm();
      const res = await b.put(`/api/enrolment/${r.token}/draft`, COMPLETE_DRAFT);
      expect(res.statusCode, res.body).toBe(200);
      const form = res.json<EnrolmentForm>();
      expect(form.status).toBe('started');
      expect(form.maskedIban).toBe('FR76 **** **** **** **** **** 189');
      expect(form.optionCode).toBe('option1');
      expect(form.beneficiaries).toHaveLength(2);
      // Attached to the employee's own number (typed here): shown as « mon numéro », not in full.
      expect(form.beneficiaries[1]).toMatchObject({
        type: 'child',
        attachedToNir: null,
        attachedToEmployee: true,
      });
      expect(form.address.city).toBe('Lyon');

      const stored = await t.ctx.db
        .selectFrom('enrolment_forms')
        .selectAll()
        .where('request_id', '=', r.id)
        .executeTakeFirstOrThrow();
      expect(stored.iban_encrypted).not.toContain('FR76');
      expect(t.ctx.cipher.decrypt(stored.iban_encrypted!)).toBe('FR7630006000011234567890189');
      // Created and started at the same instant: the change is found by its status.
      const history = await findHistory(t.ctx.db, r.id);
      expect(history.find((h) => h.to_status === 'started')).toMatchObject({
        from_status: 'sent',
        actor_kind: 'employee',
      });

      // A second save keeps the IBAN when none is sent, and the status.
      const again = await b.put(`/api/enrolment/${r.token}/draft`, {
        ...COMPLETE_DRAFT,
        iban: undefined,
        beneficiaries: [],
      });
      expect(again.json<EnrolmentForm>().maskedIban).not.toBeNull();
      expect(again.json<EnrolmentForm>().beneficiaries).toEqual([]);
      expect(again.json<EnrolmentForm>().status).toBe('started');
    });

    it('attaches a child to the employee’s own number without retyping it (« mon numéro », issue 14 #25)', async () => {
      const { r, b } = await unlockedForm();
      const child = {
        type: 'child',
        lastName: 'Lefèvre',
        firstName: 'Léo',
        birthDate: '2018-09-10',
        nir: null,
        attachedToNir: null,
        attachedToEmployee: true,
      };
      const saved = await b.put(`/api/enrolment/${r.token}/draft`, {
        ...COMPLETE_DRAFT,
        beneficiaries: [child],
      });
      expect(saved.statusCode, saved.body).toBe(200);
      // The employee's number is stored, never sent back in full (the form shows it masked).
      expect(saved.json<EnrolmentForm>().beneficiaries).toEqual([
        expect.objectContaining({
          firstName: 'Léo',
          attachedToEmployee: true,
          attachedToNir: null,
        }),
      ]);
      const row = await t.ctx.db
        .selectFrom('beneficiaries as b')
        .innerJoin('enrolment_forms as f', 'f.id', 'b.enrolment_form_id')
        .select('b.attached_to_nir_encrypted')
        .where('f.request_id', '=', r.id)
        .executeTakeFirstOrThrow();
      expect(t.ctx.cipher.decrypt(row.attached_to_nir_encrypted!)).toBe(EMPLOYEE_NIR);
    });

    it('refuses an invalid IBAN or an option the contract does not offer, field by field', async () => {
      const { r, b } = await unlockedForm();
      const bad = await b.put(`/api/enrolment/${r.token}/draft`, {
        ...COMPLETE_DRAFT,
        iban: 'FR76 3000 6000 0112 3456 7890 180',
      });
      expect(bad.statusCode).toBe(400);
      expect(errorOf(bad).fields?.iban).toMatch(/IBAN/);
      const option = await b.put(`/api/enrolment/${r.token}/draft`, {
        ...COMPLETE_DRAFT,
        optionCode: 'gold',
      });
      expect(option.statusCode).toBe(400);
      expect(errorOf(option).fields?.optionCode).toBeDefined();
      const status = await t.ctx.db
        .selectFrom('affiliation_requests')
        .select('status')
        .where('id', '=', r.id)
        .executeTakeFirstOrThrow();
      expect(status.status).toBe('sent');
    });

    it('refuses a beneficiary born in the future or in 1885; a child born today is fine (issue 14 #9)', async () => {
      const { r, b } = await unlockedForm();
      const [spouse, child] = COMPLETE_DRAFT.beneficiaries;
      const future = await b.put(`/api/enrolment/${r.token}/draft`, {
        ...COMPLETE_DRAFT,
        beneficiaries: [spouse, { ...child, birthDate: '14/05/2099' }],
      });
      expect(future.statusCode).toBe(400);
      expect(errorOf(future).fields).toEqual({
        'beneficiaries.1.birthDate': 'La date de naissance ne peut pas être dans le futur',
      });
      const old = await b.put(`/api/enrolment/${r.token}/draft`, {
        ...COMPLETE_DRAFT,
        beneficiaries: [{ ...spouse, birthDate: '1885-04-02' }, child],
      });
      expect(old.statusCode).toBe(400);
      expect(errorOf(old).fields?.['beneficiaries.0.birthDate']).toMatch(/plus de 120 ans/);
      const newborn = await b.put(`/api/enrolment/${r.token}/draft`, {
        ...COMPLETE_DRAFT,
        beneficiaries: [spouse, { ...child, birthDate: todayIsoDate() }],
      });
      expect(newborn.statusCode, newborn.body).toBe(200);
    });

    it('accepts PDF, PNG; refuses an executable renamed .pdf, an empty file, 5 MB + 1 byte', async () => {
      const r = await newRequest();
      const b = browser(t.app);
      const url = `/api/enrolment/${r.token}/attachments`;
      // Not unlocked: refused before reading anything.
      expect((await upload(b, url, { name: 'rib.png', bytes: SMALL_PNG }, 'rib')).statusCode).toBe(
        401,
      );
      await b.post(`/api/enrolment/${r.token}/unlock`, { birthDate: '1990-01-15' });

      const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(500, 0x90)]);
      const resExe = await upload(b, url, { name: 'rib.pdf', bytes: exe }, 'rib');
      expect(resExe.statusCode).toBe(415);
      expect(errorOf(resExe).code).toBe('attachment_type_refused');

      const empty = await upload(b, url, { name: 'rib.pdf', bytes: Buffer.alloc(0) }, 'rib');
      expect(empty.statusCode).toBe(400);
      expect(errorOf(empty).code).toBe('attachment_empty');

      const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(5 * 1024 * 1024 + 1 - 9)]);
      const resBig = await upload(b, url, { name: 'gros.pdf', bytes: big }, 'rib');
      expect(resBig.statusCode).toBe(413);
      expect(errorOf(resBig).code).toBe('attachment_too_large');

      const noKind = await upload(b, url, { name: 'rib.png', bytes: SMALL_PNG });
      expect(noKind.statusCode).toBe(400);

      const png = await upload(
        b,
        url,
        { name: '../../etc/rib.png', bytes: SMALL_PNG, type: 'text/html' },
        'rib',
      );
      expect(png.statusCode, png.body).toBe(201);
      expect(png.json()).toMatchObject({
        kind: 'rib',
        mimeType: 'image/png',
        originalName: 'rib.png',
      });
      const pdf = await upload(
        b,
        url,
        { name: 'attestation.pdf', bytes: await smallPdf() },
        'social_security_certificate',
      );
      expect(pdf.statusCode).toBe(201);

      const files = await t.ctx.db
        .selectFrom('stored_files')
        .select(['storage_key', 'mime_type', 'owner_kind'])
        .where('owner_kind', '=', 'enrolment')
        .execute();
      expect(files.length).toBeGreaterThanOrEqual(2);
      for (const f of files)
        expect(f.storage_key).toMatch(/^\d{4}\/\d{2}\/[0-9a-f-]{36}\.(png|pdf)$/);

      const form = (await b.get(`/api/enrolment/${r.token}`)).json<EnrolmentForm>();
      expect(form.attachments.map((a) => a.kind).sort()).toEqual([
        'rib',
        'social_security_certificate',
      ]);
      const removed = await b.delete(`${url}/${png.json<{ id: string }>().id}`);
      expect(removed.statusCode).toBe(204);
      expect((await b.delete(`${url}/${png.json<{ id: string }>().id}`)).statusCode).toBe(404);
      const after = (await b.get(`/api/enrolment/${r.token}`)).json<EnrolmentForm>();
      expect(after.attachments.map((a) => a.kind)).toEqual(['social_security_certificate']);
    });

    it('names an attachment after the type of its bytes (not the uploader’s extension)', async () => {
      const r = await newRequest();
      const b = browser(t.app);
      const url = `/api/enrolment/${r.token}/attachments`;
      await b.post(`/api/enrolment/${r.token}/unlock`, { birthDate: '1990-01-15' });
      const poly = await upload(
        b,
        url,
        { name: 'poly.html', bytes: await smallPdf(), type: 'text/html' },
        'rib',
      );
      expect(poly.statusCode, poly.body).toBe(201);
      expect(poly.json()).toMatchObject({ originalName: 'poly.pdf', mimeType: 'application/pdf' });
      const nul = await upload(
        b,
        url,
        { name: 'a.pdf\u0000.html', bytes: await smallPdf() },
        'social_security_certificate',
      );
      expect(nul.json()).toMatchObject({ originalName: 'a.pdf' });
      const bidi = await upload(
        b,
        url,
        { name: 'carte\u202Egnp.exe', bytes: SMALL_PNG, type: 'image/png' },
        'other',
      );
      expect(bidi.json()).toMatchObject({ originalName: 'cartegnp.png', mimeType: 'image/png' });
      const rows = await t.ctx.db
        .selectFrom('stored_files')
        .select(['original_name', 'storage_key'])
        .where('original_name', 'in', ['poly.pdf', 'a.pdf', 'cartegnp.png'])
        .execute();
      expect(rows.map((f) => f.storage_key.split('.').pop()).sort()).toEqual(['pdf', 'pdf', 'png']);
    });
  });

  describe('« Valider »', () => {
    it('lists every missing field', async () => {
      const { r, b } = await unlockedForm();
      await b.put(`/api/enrolment/${r.token}/draft`, {
        noemieConsent: true,
        beneficiaries: [
          { type: 'child', lastName: 'Lefèvre', firstName: 'Léo', birthDate: '2018-09-10' },
        ],
      });
      const res = await b.post(`/api/enrolment/${r.token}/submit`, { certified: false });
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).code).toBe('enrolment_incomplete');
      expect(Object.keys(errorOf(res).fields ?? {}).sort()).toEqual(
        [
          'address.addressLine1',
          'address.city',
          'address.postalCode',
          'attachments.rib',
          'attachments.social_security_certificate',
          'beneficiaries.0.attachedToNir',
          'certified',
          'iban',
        ].sort(),
      );
    });

    it('finalises: the BIA stored, the employer notified in the app and by email, the link dead', async () => {
      const r = await newRequest();
      const b = browser(t.app);
      const res = await completeAndSubmit(b, r.token);
      expect(res.json()).toMatchObject({ status: 'finalised' });

      const row = await t.ctx.db
        .selectFrom('affiliation_requests')
        .select(['status', 'finalised_at', 'form_token_hash'])
        .where('id', '=', r.id)
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('finalised');
      expect(row.finalised_at).not.toBeNull();
      expect(row.form_token_hash).toBeNull();

      const form = await t.ctx.db
        .selectFrom('enrolment_forms as f')
        .innerJoin('stored_files as s', 's.id', 'f.pdf_file_id')
        .select(['s.storage_key', 's.mime_type', 'f.certified_at'])
        .where('f.request_id', '=', r.id)
        .executeTakeFirstOrThrow();
      expect(form.mime_type).toBe('application/pdf');
      expect(form.certified_at).not.toBeNull();
      const pdf = await PDFDocument.load(await t.ctx.storage.read(form.storage_key));
      expect(pdf.getPageCount()).toBeGreaterThan(0);

      const notified = await t.ctx.db
        .selectFrom('notifications')
        .select(['user_id', 'type', 'body'])
        .where('type', '=', 'enrolment_finalised')
        .execute();
      const users = notified.map((n) => n.user_id);
      expect(users).toContain(fixtures.admin.id);
      expect(users).not.toContain(fixtures.restricted.id);
      expect(users).not.toContain(fixtures.outsider.id);
      const mail = await t.ctx.db
        .selectFrom('outbox')
        .select(['recipient', 'subject', 'body_text'])
        .where('template', '=', 'enrolment_finalised')
        .execute();
      expect(mail.map((m) => m.recipient)).toEqual([fixtures.admin.email]);
      expect(mail[0]!.subject).toContain('Hélène Lefèvre');
      expect(mail[0]!.body_text).not.toContain('FR76');

      const audit = await t.ctx.db
        .selectFrom('audit_log')
        .select(['action', 'actor_kind', 'details'])
        .where('target_id', '=', r.id)
        .execute();
      expect(audit).toEqual([
        expect.objectContaining({ action: 'enrolment.submitted', actor_kind: 'employee' }),
      ]);
      expect(audit[0]!.details).not.toMatch(/FR76|1900175123046/);

      // The link is dead: the form cannot be changed any more.
      const again = await b.post(`/api/enrolment/${r.token}/unlock`, { birthDate: '1990-01-15' });
      expect(again.statusCode).toBe(404);
    });
  });

  describe('after « Valider » (issue 14 #20)', () => {
    it('emails the completed BIA to the employee, attached through the outbox', async () => {
      const r = await newRequest({ lastName: 'Nguyễn-Wójcik', firstName: 'Łukasz' });
      // Earlier tests emailed the same address at the same (manual) instant: take this one's.
      const before = (await t.ctx.db.selectFrom('outbox').select('id').execute()).map((m) => m.id);
      await completeAndSubmit(browser(t.app), r.token);
      const mail = await t.ctx.db
        .selectFrom('outbox')
        .select(['id', 'recipient', 'subject', 'body_text'])
        .where('template', '=', 'enrolment_submitted')
        .where('recipient', '=', 'helene@exemple.fr')
        .where('id', 'not in', before.length > 0 ? before : [''])
        .executeTakeFirstOrThrow();
      expect(mail.subject).toMatch(/^Votre formulaire d’affiliation est bien envoyé/);
      expect(mail.body_text).toContain('Bonjour Łukasz,');
      expect(mail.body_text).toContain('complémentaire santé d’Alpha Immobilier');
      expect(mail.body_text).not.toContain('FR76');
      const attachments = await t.ctx.db
        .selectFrom('outbox_attachments')
        .select(['file_name', 'mime_type', 'storage_key'])
        .where('outbox_id', '=', mail.id)
        .execute();
      expect(attachments).toMatchObject([
        { file_name: 'BIA-Nguyễn-Wójcik-Łukasz.pdf', mime_type: 'application/pdf' },
      ]);
      const storedKey = await findSubmittedBiaKey(t.ctx.db, r.id);
      const sent = await t.ctx.storage.read(attachments[0]!.storage_key);
      expect(sent.equals(await t.ctx.storage.read(storedKey!))).toBe(true);
      expect(await extractPdfText(sent)).toContain('Complété en ligne par Łukasz Nguyễn-Wójcik');
    });

    it('lets the confirmation screen download the BIA with the form cookie only', async () => {
      const r = await newRequest();
      const b = browser(t.app);
      await completeAndSubmit(b, r.token);
      const res = await b.get('/api/enrolment/submitted/bia.pdf');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toMatch(
        /^attachment; filename="BIA-Lefevre-Helene\.pdf"/,
      );
      const stored = await t.ctx.db
        .selectFrom('enrolment_forms as f')
        .innerJoin('stored_files as s', 's.id', 'f.pdf_file_id')
        .select('s.storage_key')
        .where('f.request_id', '=', r.id)
        .executeTakeFirstOrThrow();
      expect(res.rawPayload.equals(await t.ctx.storage.read(stored.storage_key))).toBe(true);
      // The cookie opens nothing else: the link is dead.
      expect((await b.get(`/api/enrolment/${r.token}`)).statusCode).toBe(404);
      // Another browser, or the cookie of a form still open, gets nothing.
      expect((await browser(t.app).get('/api/enrolment/submitted/bia.pdf')).statusCode).toBe(401);
      const open = await newRequest();
      const other = browser(t.app);
      await other.post(`/api/enrolment/${open.token}/unlock`, { birthDate: '1990-01-15' });
      expect((await other.get('/api/enrolment/submitted/bia.pdf')).statusCode).toBe(401);
      // An hour later, the receipt has expired.
      t.clock.advance(61 * 60_000);
      expect((await b.get('/api/enrolment/submitted/bia.pdf')).statusCode).toBe(401);
    });
  });

  describe('GET /api/affiliations/:id/bia.pdf (employer)', () => {
    it('gives the pre-filled BIA of a mail-mode request, as an attachment, within the perimeter only', async () => {
      const r = await newRequest({ mode: 'mail' });
      const admin = browser(t.app, { ip: '192.0.2.10' });
      await signInAs(admin, t.ctx, fixtures.admin);
      const res = await admin.get(`/api/affiliations/${r.id}/bia.pdf`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toMatch(
        /^attachment; filename="BIA-Lefevre-Helene.pdf"/,
      );
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      const pdf = await PDFDocument.load(res.rawPayload);
      expect(pdf.getPageCount()).toBeGreaterThan(0);

      for (const user of [fixtures.outsider, fixtures.restricted]) {
        const other = browser(t.app, { ip: '192.0.2.11' });
        await signInAs(other, t.ctx, user);
        expect((await other.get(`/api/affiliations/${r.id}/bia.pdf`)).statusCode).toBe(404);
      }
      expect((await browser(t.app).get(`/api/affiliations/${r.id}/bia.pdf`)).statusCode).toBe(401);
    });

    it('prints a name outside Windows-1252 intact, pre-filled and completed (Unicode font)', async () => {
      const name = { lastName: 'Nguyễn-Wójcik', firstName: 'Łukasz Ștefan' };
      const admin = browser(t.app, { ip: '192.0.2.13' });
      await signInAs(admin, t.ctx, fixtures.admin);
      const mail = await newRequest({ mode: 'mail', ...name });
      const prefilled = await admin.get(`/api/affiliations/${mail.id}/bia.pdf`);
      expect(prefilled.statusCode).toBe(200);
      const prefilledText = await extractPdfText(prefilled.rawPayload);
      expect(prefilledText).toContain('Pré-rempli pour Łukasz Ștefan Nguyễn-Wójcik');
      expect(prefilledText).toContain('Nguyễn-Wójcik');

      const online = await newRequest(name);
      await completeAndSubmit(browser(t.app), online.token);
      const completed = await admin.get(`/api/affiliations/${online.id}/bia.pdf`);
      const completedText = await extractPdfText(completed.rawPayload);
      expect(completedText).toContain('Complété en ligne par Łukasz Ștefan Nguyễn-Wójcik');
      expect(completedText).toContain('Łukasz Ștefan');
      expect(completedText.join('\n')).not.toMatch(/\?ukasz|\?tefan|Nguy\?n/);
    });

    it('gives the completed BIA once the employee submitted it', async () => {
      const r = await newRequest();
      await completeAndSubmit(browser(t.app), r.token);
      const stored = await t.ctx.db
        .selectFrom('enrolment_forms as f')
        .innerJoin('stored_files as s', 's.id', 'f.pdf_file_id')
        .select('s.sha256')
        .where('f.request_id', '=', r.id)
        .executeTakeFirstOrThrow();
      const admin = browser(t.app, { ip: '192.0.2.12' });
      await signInAs(admin, t.ctx, fixtures.admin);
      const res = await admin.get(`/api/affiliations/${r.id}/bia.pdf`);
      expect(res.statusCode).toBe(200);
      const { createHash } = await import('node:crypto');
      expect(createHash('sha256').update(res.rawPayload).digest('hex')).toBe(stored.sha256);
    });
  });
});
