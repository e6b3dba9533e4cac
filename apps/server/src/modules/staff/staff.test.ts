import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackofficeOverview, StaffList, StaffMember } from '@affilia/shared/schemas/staff';
import {
  auditActions,
  browser,
  buildTestApp,
  lastLinkSentTo,
  lastMessageTo,
  signInAs,
  type Browser,
  type TestApp,
} from '../../../test/helper';
import {
  createAffiliationRequest,
  createDispense,
  createCompany,
  createContract,
  createEmployerUser,
  createEstablishment,
  createStaffUser,
  publishTerms,
} from '../../../test/factories';
import { newId } from '../../lib/ids';
import { insertDocument } from '../documents/test-support';

const NEW_PASSWORD = 'Noisetier-Galet-Lavande-58';
type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

describe('Équipe de l’assureur (/api/backoffice/staff)', () => {
  let t: TestApp;
  let terms: Awaited<ReturnType<typeof publishTerms>>;
  let admin: Awaited<ReturnType<typeof createStaffUser>>;
  let manager: Awaited<ReturnType<typeof createStaffUser>>;
  let employer: Awaited<ReturnType<typeof createEmployerUser>>;
  let ipCounter = 0;
  const newBrowser = () => browser(t.app, { ip: `198.51.100.${++ipCounter}` });

  beforeAll(async () => {
    t = await buildTestApp();
    terms = await publishTerms(t.ctx.db);
    admin = await createStaffUser(t.ctx.db, 'admin', {
      email: 'alice.admin@assureur.fr',
      firstName: 'Alice',
    });
    manager = await createStaffUser(t.ctx.db, 'manager', {
      email: 'gaston.gestion@assureur.fr',
      firstName: 'Gaston',
    });
    const company = await createCompany(t.ctx.db, { name: 'Alpha Immobilier' });
    employer = await createEmployerUser(t.ctx.db, [{ company, role: 'admin' }], {
      email: 'rh@alpha.fr',
    });
  });
  afterAll(() => t.close());

  async function signedIn(user: typeof admin): Promise<Browser> {
    const b = newBrowser();
    await signInAs(b, t.ctx, user, 'backoffice');
    return b;
  }

  const newMember = (over: Record<string, unknown> = {}) => ({
    lastName: 'Durand',
    firstName: 'Zoé',
    email: `zoe.${++ipCounter}@assureur.fr`,
    mobilePhone: '06 12 34 56 78',
    role: 'manager',
    ...over,
  });

  it('invites a staff member: link emailed, password created, sign-in with the SMS code', async () => {
    const b = await signedIn(admin);
    const res = await b.post(
      '/api/backoffice/staff',
      newMember({ email: ' Bruno.Bernard@Assureur.fr ', firstName: 'Bruno', role: 'admin' }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json<StaffMember>();
    expect(created).toMatchObject({
      email: 'bruno.bernard@assureur.fr',
      role: 'admin',
      status: 'invited',
      mobilePhone: '+33612345678',
    });
    expect(res.body).not.toContain('creer-mot-de-passe');

    const mail = await lastMessageTo(t.ctx, 'bruno.bernard@assureur.fr', 'email');
    expect(mail?.body_text).toContain('back-office');
    expect(mail?.body_text).toContain('72 heures');
    const link = await lastLinkSentTo(t.ctx, 'bruno.bernard@assureur.fr');
    expect(link.startsWith(`${t.config.publicUrl}/creer-mot-de-passe/`)).toBe(true);
    const token = link.split('/creer-mot-de-passe/')[1] ?? '';

    const anonymous = newBrowser();
    const check = await anonymous.get(`/api/auth/invitation/${token}`);
    expect(check.statusCode).toBe(200);
    const accepted = await anonymous.post('/api/auth/invitation/accept', {
      token,
      password: NEW_PASSWORD,
      termsVersionId: terms.id,
      acceptTerms: true,
    });
    expect(accepted.statusCode, accepted.body).toBe(200);

    // Staff sign in on the back office only.
    const onEmployerSide = await newBrowser().post('/api/auth/sign-in', {
      email: 'bruno.bernard@assureur.fr',
      password: NEW_PASSWORD,
      space: 'employer',
    });
    expect(onEmployerSide.statusCode).toBe(401);

    const bruno = newBrowser();
    await signInAs(
      bruno,
      t.ctx,
      { email: 'bruno.bernard@assureur.fr', password: NEW_PASSWORD, mobile_phone: '+33612345678' },
      'backoffice',
    );
    const me = await bruno.get('/api/auth/me');
    expect(me.json()).toMatchObject({ kind: 'staff', staffRole: 'admin', companies: [] });

    const list = (await b.get('/api/backoffice/staff')).json<StaffList>();
    const row = list.items.find((m) => m.email === 'bruno.bernard@assureur.fr');
    expect(row?.status).toBe('active');
    expect(row?.lastSignInAt).not.toBeNull();

    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_user_id', 'actor_kind'])
      .where('target_id', '=', created.id)
      .execute();
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: 'staff.invited', actor_user_id: admin.id, actor_kind: 'staff' },
        { action: 'users.invitation_accepted', actor_user_id: created.id, actor_kind: 'staff' },
      ]),
    );
  });

  it('lists staff accounts only, with filters; an employer id answers 404', async () => {
    const b = await signedIn(manager);
    const res = await b.get('/api/backoffice/staff');
    expect(res.statusCode).toBe(200);
    const { items } = res.json<StaffList>();
    expect(items.map((m) => m.email)).toContain('alice.admin@assureur.fr');
    expect(items.map((m) => m.email)).not.toContain('rh@alpha.fr');
    expect(items.find((m) => m.id === manager.id)).toMatchObject({
      isSelf: true,
      role: 'manager',
    });
    const found = (await b.get('/api/backoffice/staff?q=alice')).json<StaffList>();
    expect(found.items.map((m) => m.email)).toEqual(['alice.admin@assureur.fr']);
    // Issue 14 #18: the rule of every list — the start of any word, accents ignored.
    for (const q of ['ALICE ADM', 'admin alice', 'assureur']) {
      const byWord = (
        await b.get(`/api/backoffice/staff?q=${encodeURIComponent(q)}`)
      ).json<StaffList>();
      expect(byWord.items.map((m) => m.email)).toContain('alice.admin@assureur.fr');
    }
    const inside = (await b.get('/api/backoffice/staff?q=lice')).json<StaffList>();
    expect(inside.items.map((m) => m.email)).not.toContain('alice.admin@assureur.fr');
    const invited = (await b.get('/api/backoffice/staff?status=suspended')).json<StaffList>();
    expect(invited.items.every((m) => m.status === 'suspended')).toBe(true);

    const a = await signedIn(admin);
    for (const url of [
      `/api/backoffice/staff/${employer.id}/suspend`,
      `/api/backoffice/staff/${employer.id}/resend-invitation`,
    ]) {
      expect((await a.post(url)).statusCode).toBe(404);
    }
    const patch = await a.patch(`/api/backoffice/staff/${employer.id}`, {
      lastName: 'X',
      firstName: 'Y',
      role: 'admin',
    });
    expect(patch.statusCode).toBe(404);
  });

  it('refuses every change to a « gestionnaire » (403)', async () => {
    const b = await signedIn(manager);
    const calls: [string, string, unknown?][] = [
      ['post', '/api/backoffice/staff', newMember()],
      [
        'patch',
        `/api/backoffice/staff/${admin.id}`,
        { lastName: 'X', firstName: 'Y', role: 'manager' },
      ],
      ['post', `/api/backoffice/staff/${admin.id}/resend-invitation`],
      ['post', `/api/backoffice/staff/${admin.id}/suspend`],
      ['post', `/api/backoffice/staff/${admin.id}/reactivate`],
      ['post', `/api/backoffice/staff/${admin.id}/deactivate`],
    ];
    for (const [method, url, body] of calls) {
      const res = method === 'post' ? await b.post(url, body) : await b.patch(url, body);
      expect(res.statusCode, url).toBe(403);
      expect(res.json<ErrorBody>().error.code).toBe('staff_admin_required');
    }
  });

  it('refuses an address already used (409) and invalid fields, in French', async () => {
    const b = await signedIn(admin);
    for (const email of ['alice.admin@assureur.fr', 'RH@alpha.fr']) {
      const res = await b.post('/api/backoffice/staff', newMember({ email }));
      expect(res.statusCode).toBe(409);
      const body = res.json<ErrorBody>();
      expect(body.error.code).toBe('email_taken');
      expect(body.error.fields?.email).toContain('déjà utilisée');
    }
    const bad = await b.post('/api/backoffice/staff', {
      lastName: '',
      firstName: 'Zoé',
      email: 'pas-une-adresse',
      mobilePhone: '123',
      role: 'chef',
    });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json<ErrorBody>().error.fields ?? {};
    expect(fields.lastName).toBe('Ce champ est obligatoire');
    expect(fields.email).toBe('Saisissez une adresse e-mail valide');
    expect(fields.mobilePhone).toMatch(/mobile|numéro/i);
    expect(fields.role).toBe('Choisissez un rôle');

    // Without a mobile: given at the first sign-in.
    const noPhone = await b.post('/api/backoffice/staff', newMember({ mobilePhone: '' }));
    expect(noPhone.statusCode).toBe(201);
    expect(noPhone.json<StaffMember>().mobilePhone).toBeNull();
  });

  it('modifies names and role; email and mobile while invited only; resends the link', async () => {
    const b = await signedIn(admin);
    const created = (
      await b.post('/api/backoffice/staff', newMember({ email: 'chloe@assureur.fr' }))
    ).json<StaffMember>();
    const first = await lastLinkSentTo(t.ctx, 'chloe@assureur.fr');
    const updated = await b.patch(`/api/backoffice/staff/${created.id}`, {
      lastName: 'Dupont',
      firstName: 'Chloé',
      role: 'admin',
      email: 'chloe.dupont@assureur.fr',
    });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json<StaffMember>()).toMatchObject({
      lastName: 'Dupont',
      role: 'admin',
      email: 'chloe.dupont@assureur.fr',
    });
    // The link sent to the old address is dead.
    const token = first.split('/creer-mot-de-passe/')[1] ?? '';
    expect((await newBrowser().get(`/api/auth/invitation/${token}`)).statusCode).not.toBe(200);

    const resent = await b.post(`/api/backoffice/staff/${created.id}/resend-invitation`);
    expect(resent.statusCode).toBe(200);
    const link = await lastLinkSentTo(t.ctx, 'chloe.dupont@assureur.fr');
    const fresh = link.split('/creer-mot-de-passe/')[1] ?? '';
    expect((await newBrowser().get(`/api/auth/invitation/${fresh}`)).statusCode).toBe(200);

    // An active account's email belongs to its owner.
    const locked = await b.patch(`/api/backoffice/staff/${manager.id}`, {
      lastName: 'Gestion',
      firstName: 'Gaston',
      role: 'manager',
      email: 'autre@assureur.fr',
    });
    expect(locked.statusCode).toBe(409);
    expect(locked.json<ErrorBody>().error.code).toBe('identity_locked');
    const notInvited = await b.post(`/api/backoffice/staff/${manager.id}/resend-invitation`);
    expect(notInvited.json<ErrorBody>().error.code).toBe('user_not_invited');

    expect(await auditActions(t.ctx, { target: created.id })).toEqual(
      expect.arrayContaining([
        'staff.invited',
        'staff.profile_changed',
        'staff.role_changed',
        'staff.invitation_resent',
      ]),
    );
  });

  it('suspends (sessions end at once), reactivates, deactivates for good', async () => {
    const target = await createStaffUser(t.ctx.db, 'manager', { email: 'sam@assureur.fr' });
    const sam = await signedIn(target);
    expect((await sam.get('/api/backoffice/staff')).statusCode).toBe(200);

    const b = await signedIn(admin);
    const suspended = await b.post(`/api/backoffice/staff/${target.id}/suspend`);
    expect(suspended.statusCode).toBe(200);
    expect(suspended.json<StaffMember>().status).toBe('suspended');
    expect((await sam.get('/api/backoffice/staff')).statusCode).toBe(401);
    const again = await b.post(`/api/backoffice/staff/${target.id}/suspend`);
    expect(again.json<ErrorBody>().error.code).toBe('user_suspended');
    // Signing in again is refused, with the back office's words.
    const refused = await browser(t.app, { ip: '192.0.2.77' }).post('/api/auth/sign-in', {
      email: target.email,
      password: target.password,
      space: 'backoffice',
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json<ErrorBody>().error).toMatchObject({
      code: 'account_disabled',
      message: 'Votre accès a été désactivé. Contactez un administrateur du back-office.',
    });

    const reactivated = await b.post(`/api/backoffice/staff/${target.id}/reactivate`);
    expect(reactivated.json<StaffMember>().status).toBe('active');
    const sam2 = await signedIn(target);
    const deactivated = await b.post(`/api/backoffice/staff/${target.id}/deactivate`);
    expect(deactivated.json<StaffMember>().status).toBe('deactivated');
    expect((await sam2.get('/api/auth/me')).statusCode).toBe(401);
    const back = await b.post(`/api/backoffice/staff/${target.id}/reactivate`);
    expect(back.statusCode).toBe(409);
    expect(back.json<ErrorBody>().error.code).toBe('user_deactivated');

    const actions = await auditActions(t.ctx, { target: target.id });
    expect(actions.filter((a) => a.startsWith('staff.')).sort()).toEqual([
      'staff.deactivated',
      'staff.reactivated',
      'staff.suspended',
    ]);
  });

  it('keeps one active administrator; nobody suspends or deactivates themself', async () => {
    const t2 = await buildTestApp();
    try {
      const only = await createStaffUser(t2.ctx.db, 'admin', { email: 'seul@assureur.fr' });
      const b = browser(t2.app, { ip: '192.0.2.40' });
      await signInAs(b, t2.ctx, only, 'backoffice');
      for (const change of ['suspend', 'deactivate']) {
        const res = await b.post(`/api/backoffice/staff/${only.id}/${change}`);
        expect(res.statusCode).toBe(409);
        expect(res.json<ErrorBody>().error.code).toBe('self_action');
      }
      const demote = await b.patch(`/api/backoffice/staff/${only.id}`, {
        lastName: only.last_name,
        firstName: only.first_name,
        role: 'manager',
      });
      expect(demote.statusCode).toBe(409);
      expect(demote.json<ErrorBody>().error.code).toBe('last_staff_administrator');
      expect(demote.json<ErrorBody>().error.message).toContain('administrateur actif');

      // With a second active administrator, the first may be demoted by the other.
      const other = await createStaffUser(t2.ctx.db, 'admin', { email: 'autre@assureur.fr' });
      const ok = await b.patch(`/api/backoffice/staff/${other.id}`, {
        lastName: other.last_name,
        firstName: other.first_name,
        role: 'manager',
      });
      expect(ok.statusCode).toBe(200);
      // `other` is a manager now: `only` is again the last administrator.
      const invited = await b.post('/api/backoffice/staff', {
        lastName: 'Invitée',
        firstName: 'Ina',
        email: 'ina@assureur.fr',
        role: 'admin',
      });
      expect(invited.statusCode).toBe(201);
      // An invited administrator does not count: `only` still cannot step down.
      const stillLast = await b.patch(`/api/backoffice/staff/${only.id}`, {
        lastName: only.last_name,
        firstName: only.first_name,
        role: 'manager',
      });
      expect(stillLast.json<ErrorBody>().error.code).toBe('last_staff_administrator');
    } finally {
      await t2.close();
    }
  });

  it('the first administrator creates a password before any terms of use are published', async () => {
    const t2 = await buildTestApp();
    try {
      const { inviteStaff, cliActor } = await import('./staff.service');
      const { url } = await inviteStaff(t2.ctx, cliActor, {
        lastName: 'Premier',
        firstName: 'Paul',
        email: 'paul@assureur.fr',
        mobilePhone: null,
        role: 'admin',
      });
      const token = url.split('/creer-mot-de-passe/')[1] ?? '';
      const b = browser(t2.app, { ip: '192.0.2.41' });
      const check = await b.get(`/api/auth/invitation/${token}`);
      expect(check.json()).toMatchObject({ kind: 'staff', termsVersionId: null });
      const accepted = await b.post('/api/auth/invitation/accept', {
        token,
        password: NEW_PASSWORD,
        termsVersionId: null,
        acceptTerms: true,
      });
      expect(accepted.statusCode, accepted.body).toBe(200);
      // The mobile is asked at the first sign-in, before the code is sent.
      const signIn = await b.post('/api/auth/sign-in', {
        email: 'paul@assureur.fr',
        password: NEW_PASSWORD,
        space: 'backoffice',
      });
      expect(signIn.json()).toMatchObject({ status: 'second_factor_required', maskedPhone: null });
      const noPhone = await b.post('/api/auth/second-factor/send', {});
      expect(noPhone.json<ErrorBody>().error.code).toBe('phone_required');
      await b.post('/api/auth/second-factor/send', { mobilePhone: '06 98 76 54 32' });
      const sms = await lastMessageTo(t2.ctx, '+33698765432', 'sms');
      const code = /\b(\d{6})\b/.exec(sms?.body_text ?? '')?.[1];
      const verified = await b.post('/api/auth/second-factor/verify', { code });
      expect(verified.statusCode, verified.body).toBe(200);
      expect((await b.get('/api/auth/me')).json()).toMatchObject({ staffRole: 'admin' });
    } finally {
      await t2.close();
    }
  });

  it('GET /api/backoffice/overview: the work queues’ counts', async () => {
    const b = await signedIn(manager);
    const empty = await b.get('/api/backoffice/overview');
    expect(empty.statusCode).toBe(200);
    expect(empty.json<BackofficeOverview>()).toEqual({
      affiliationsToValidate: 0,
      paperFormsExpected: 0,
      messagesToAnswer: 0,
      documentsDraft: 0,
      dispensesToCheck: 0,
    });

    const db = t.ctx.db;
    const company = await createCompany(db, { name: 'Bêta Gestion' });
    const establishment = await createEstablishment(db, company);
    const contract = await createContract(db, company);
    const base = { establishment, contract, createdBy: employer };
    await createAffiliationRequest(db, t.ctx.cipher, { ...base, status: 'finalised' });
    await createAffiliationRequest(db, t.ctx.cipher, { ...base, status: 'finalised' });
    await createAffiliationRequest(db, t.ctx.cipher, { ...base, email: null, status: 'sent' });
    await createAffiliationRequest(db, t.ctx.cipher, { ...base, status: 'sent' });
    const at = t.clock.now().toISOString();
    const conversation = (status: 'sent' | 'answered' | 'closed', unread: number) => ({
      id: newId(),
      company_id: company.id,
      created_by_user_id: employer.id,
      category: 'contract',
      subject: 'other_request',
      status,
      assigned_staff_id: null,
      last_message_at: at,
      staff_unread: unread,
      created_at: at,
      updated_at: at,
      closed_at: null,
    });
    await db
      .insertInto('conversations')
      .values([
        conversation('sent', 1),
        conversation('answered', 2),
        conversation('answered', 0),
        conversation('closed', 1),
      ])
      .execute();
    await insertDocument(t.ctx, { status: 'draft' });
    await insertDocument(t.ctx, { status: 'published' });
    // « Dispenses à vérifier »: the requests of dispense waiting for the insurer.
    const dates = { case_code: 'css', effective_date: '2026-02-01', end_date: '2026-12-31' };
    const renewalDue = { renewal_due_date: null };
    const waiting = await createAffiliationRequest(db, t.ctx.cipher, base);
    await createDispense(db, waiting, { ...dates, ...renewalDue, status: 'requested' });
    const decided = await createAffiliationRequest(db, t.ctx.cipher, base);
    await createDispense(db, decided, { ...dates, ...renewalDue });

    const res = await b.get('/api/backoffice/overview');
    expect(res.json<BackofficeOverview>()).toEqual({
      affiliationsToValidate: 2,
      paperFormsExpected: 1,
      messagesToAnswer: 2,
      documentsDraft: 1,
      dispensesToCheck: 1,
    });
    // Closed to employers.
    const rh = newBrowser();
    await signInAs(rh, t.ctx, employer);
    expect((await rh.get('/api/backoffice/overview')).statusCode).toBe(403);
  });
});
