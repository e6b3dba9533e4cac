import { beforeAll, describe, expect, it } from 'vitest';
import type { ManagedUser, UserList } from '@affilia/shared/schemas/users';
import {
  browser,
  useTestApp,
  lastLinkSentTo,
  lastMessageTo,
  signInAs,
  auditActions,
} from '../../../test/helper';
import {
  createCompany,
  createEmployerUser,
  createEstablishment,
  createStaffUser,
  publishTerms,
  TEST_PASSWORD,
} from '../../../test/factories';
import { findCompanyRoles, insertFollowed, updateCompanyRole } from './users.repository';

const NEW_PASSWORD = 'Noisetier-Galet-Lavande-58';

describe('Gestion des habilitations (/api/users)', () => {
  const t = useTestApp();
  let terms: Awaited<ReturnType<typeof publishTerms>>;
  let companyA: Awaited<ReturnType<typeof createCompany>>;
  let companyB: Awaited<ReturnType<typeof createCompany>>;
  let companyC: Awaited<ReturnType<typeof createCompany>>;
  let estA1: Awaited<ReturnType<typeof createEstablishment>>;
  let estA2: Awaited<ReturnType<typeof createEstablishment>>;
  let estC1: Awaited<ReturnType<typeof createEstablishment>>;
  let admin: Awaited<ReturnType<typeof createEmployerUser>>;
  let ipCounter = 0;
  const newBrowser = () => browser(t.app, { ip: `198.51.100.${++ipCounter}` });

  beforeAll(async () => {
    terms = await publishTerms(t.ctx.db);
    companyA = await createCompany(t.ctx.db, { name: 'Alpha Immobilier' });
    companyB = await createCompany(t.ctx.db, { name: 'Bêta Gestion' });
    companyC = await createCompany(t.ctx.db, { name: 'Gamma Syndic' });
    estA1 = await createEstablishment(t.ctx.db, companyA, { name: 'Alpha Lyon' });
    estA2 = await createEstablishment(t.ctx.db, companyA, { name: 'Alpha Paris' });
    await createEstablishment(t.ctx.db, companyB, { name: 'Bêta Nantes' });
    estC1 = await createEstablishment(t.ctx.db, companyC, { name: 'Gamma Lille' });
    admin = await createEmployerUser(
      t.ctx.db,
      [
        { company: companyA, role: 'admin' },
        { company: companyB, role: 'admin' },
      ],
      { email: 'admin@alpha.fr', firstName: 'Eugénie' },
    );
  });

  async function signedInAdmin() {
    const b = newBrowser();
    await signInAs(b, t.ctx, admin);
    return b;
  }

  async function restrictTo(userId: string, companyId: string, establishmentIds: string[]) {
    await t.ctx.db
      .updateTable('user_company_roles')
      .set({ all_establishments: 0 })
      .where('user_id', '=', userId)
      .where('company_id', '=', companyId)
      .execute();
    await insertFollowed(t.ctx.db, userId, establishmentIds, {
      by: null,
      at: '2026-01-01T00:00:00.000Z',
    });
  }

  async function followedBy(userId: string) {
    const rows = await t.ctx.db
      .selectFrom('user_establishments')
      .select('establishment_id')
      .where('user_id', '=', userId)
      .execute();
    return rows.map((r) => r.establishment_id).sort();
  }

  async function wholeCompany(userId: string, companyId: string) {
    const row = await t.ctx.db
      .selectFrom('user_company_roles')
      .select('all_establishments')
      .where('user_id', '=', userId)
      .where('company_id', '=', companyId)
      .executeTakeFirstOrThrow();
    return row.all_establishments === 1;
  }

  async function invite(b: ReturnType<typeof newBrowser>, body: Record<string, unknown>) {
    return b.post('/api/users', {
      lastName: 'Nouveau',
      firstName: 'Nina',
      mobilePhone: '06 12 34 56 78',
      rights: [{ companyId: companyA.id, level: 'user' }],
      ...body,
    });
  }

  it('invites a user: account « invité », a 72-hour link, then the password and a sign-in', async () => {
    const b = await signedInAdmin();
    const res = await invite(b, { email: ' Nina.Nouveau@Exemple.fr ' });
    expect(res.statusCode).toBe(201);
    const body = res.json<{ user: ManagedUser }>();
    expect(body.user).toMatchObject({
      email: 'nina.nouveau@exemple.fr',
      status: 'invited',
      mobilePhone: '+33612345678',
      companies: [{ companyId: companyA.id, role: 'user', establishmentIds: null }],
    });

    const mail = await lastMessageTo(t.ctx, 'nina.nouveau@exemple.fr', 'email');
    expect(mail?.body_text).toContain('Eugénie');
    expect(mail?.body_text).toContain('72 heures');
    const link = await lastLinkSentTo(t.ctx, 'nina.nouveau@exemple.fr');
    const token = link.split('/creer-mot-de-passe/')[1] ?? '';
    expect(token.length).toBeGreaterThan(30);

    const anonymous = newBrowser();
    const check = await anonymous.get(`/api/auth/invitation/${token}`);
    expect(check.statusCode).toBe(200);
    expect(check.json()).toEqual({
      email: 'nina.nouveau@exemple.fr',
      firstName: 'Nina',
      termsVersionId: terms.id,
      kind: 'employer',
    });
    const acceptWith = (password: string) =>
      anonymous.post('/api/auth/invitation/accept', {
        token,
        password,
        termsVersionId: terms.id,
        acceptTerms: true,
      });
    expect((await acceptWith('motdepasse12')).statusCode).toBe(400);
    expect((await acceptWith(NEW_PASSWORD)).statusCode).toBe(200);
    const again = await acceptWith(NEW_PASSWORD);
    expect(again.statusCode).toBe(410);
    expect(again.json<{ error: { code: string } }>().error.code).toBe('link_used');

    const nina = newBrowser();
    await signInAs(nina, t.ctx, {
      email: 'nina.nouveau@exemple.fr',
      password: NEW_PASSWORD,
      mobile_phone: '+33612345678',
    });
    const me = await nina.get('/api/auth/me');
    expect(me.json<{ companies: { id: string }[] }>().companies.map((c) => c.id)).toEqual([
      companyA.id,
    ]);
    // An « Utilisateur » does not manage habilitations.
    expect((await nina.get('/api/users')).statusCode).toBe(403);

    const list = (await b.get('/api/users')).json<UserList>();
    const row = list.users.find((u) => u.email === 'nina.nouveau@exemple.fr');
    expect(row?.status).toBe('active');
    expect(await auditActions(t.ctx, { target: body.user.id })).toEqual(
      expect.arrayContaining([
        'users.invited',
        'users.rights_changed',
        'users.invitation_accepted',
      ]),
    );
  });

  it('expires the link after 72 hours; « renvoyer un lien » sends a new one and kills the old', async () => {
    const b = await signedInAdmin();
    const res = await invite(b, { email: 'lent@exemple.fr' });
    const user = res.json<{ user: ManagedUser }>().user;
    const first = await lastLinkSentTo(t.ctx, 'lent@exemple.fr');
    const firstToken = first.split('/creer-mot-de-passe/')[1] ?? '';
    t.clock.advance(72 * 3600_000 + 1000);
    const expired = await newBrowser().get(`/api/auth/invitation/${firstToken}`);
    expect(expired.statusCode).toBe(410);
    expect(expired.json<{ error: { code: string } }>().error.code).toBe('link_expired');

    const b2 = await signedInAdmin();
    const resent = await b2.post(`/api/users/${user.id}/invitation`);
    expect(resent.statusCode).toBe(200);
    expect(resent.json<ManagedUser>().invitationSentAt).not.toBeNull();
    const second = await lastLinkSentTo(t.ctx, 'lent@exemple.fr');
    expect(second).not.toBe(first);
    expect(
      (await newBrowser().get(`/api/auth/invitation/${second.split('/creer-mot-de-passe/')[1]}`))
        .statusCode,
    ).toBe(200);
  });

  it('refuses « renvoyer un lien » for a user who already has a password', async () => {
    const b = await signedInAdmin();
    const active = await createEmployerUser(t.ctx.db, [{ company: companyA, role: 'user' }]);
    const res = await b.post(`/api/users/${active.id}/invitation`);
    expect(res.statusCode).toBe(409);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('user_not_invited');
  });

  it('issue 14 #4: an existing address is invited to accept, with the same answer as a new one and nothing of the account', async () => {
    const other = await createEmployerUser(t.ctx.db, [{ company: companyC, role: 'admin' }], {
      email: 'multi@exemple.fr',
      firstName: 'Octave',
      lastSignInAt: '2026-01-02T08:00:00.000Z',
    });
    await t.ctx.db
      .updateTable('users')
      .set({ is_third_party: 1, third_party_firm: 'Cabinet Secret' })
      .where('id', '=', other.id)
      .execute();
    const b = await signedInAdmin();
    const typed = {
      lastName: 'Tapé',
      firstName: 'Par L’admin',
      mobilePhone: '06 11 22 33 44',
      rights: [
        { companyId: companyA.id, level: 'admin' },
        { companyId: companyB.id, level: 'none' },
      ],
    };
    const fresh = await invite(b, { ...typed, email: 'jamais-vu@exemple.fr' });
    const res = await invite(b, { ...typed, email: 'multi@exemple.fr' });
    expect(res.statusCode).toBe(201);
    const body = res.json<{ user: ManagedUser }>();
    const freshBody = fresh.json<{ user: ManagedUser }>();
    // The same answer as for a new address: the same keys, what the administrator typed.
    expect(Object.keys(body).sort()).toEqual(Object.keys(freshBody).sort());
    const comparable = (u: ManagedUser) => ({ ...u, id: 'x', email: 'x', createdAt: 'x' });
    expect(comparable(body.user)).toEqual(
      comparable({ ...freshBody.user, invitationSentAt: body.user.invitationSentAt }),
    );
    expect(body.user).toMatchObject({
      email: 'multi@exemple.fr',
      lastName: 'Tapé',
      mobilePhone: '+33611223344',
      status: 'invited',
      lastSignInAt: null,
      isThirdParty: false,
      hasOtherCompanies: false,
      companies: [{ companyId: companyA.id, role: 'admin', establishmentIds: null }],
    });
    expect(body.user.id).not.toBe(other.id);
    expect(res.body).not.toContain(other.mobile_phone ?? '');
    expect(res.body).not.toContain('Cabinet Secret');
    expect(res.body).not.toContain('Octave');
    // Nothing attached without consent.
    const roles = await t.ctx.db
      .selectFrom('user_company_roles')
      .select('company_id')
      .where('user_id', '=', other.id)
      .execute();
    expect(roles.map((r) => r.company_id)).toEqual([companyC.id]);
    // The list shows it as an invited row, like the new address.
    const list = (await b.get('/api/users?status=invited')).json<UserList>();
    const row = list.users.find((u) => u.email === 'multi@exemple.fr');
    expect(row).toEqual(body.user);
    expect((await b.get(`/api/users/${body.user.id}`)).json()).toEqual(body.user);
    // Again: the administrator sees it in their list already.
    const twice = await invite(b, { ...typed, email: 'multi@exemple.fr' });
    expect(twice.json<{ error: { code: string } }>().error.code).toBe('invitation_pending');

    // The person receives a link, opens it signed in, and accepts.
    const mail = await lastMessageTo(t.ctx, 'multi@exemple.fr', 'email');
    expect(mail?.subject).toContain('Invitation');
    expect(mail?.body_text).toContain('Alpha Immobilier');
    const token = (await lastLinkSentTo(t.ctx, 'multi@exemple.fr')).split('/rejoindre/')[1] ?? '';
    expect(token.length).toBeGreaterThan(30);
    expect((await newBrowser().get(`/api/company-invitations/${token}`)).statusCode).toBe(401);
    // Another account cannot see nor use it.
    const stranger = newBrowser();
    await signInAs(stranger, t.ctx, admin);
    expect((await stranger.get(`/api/company-invitations/${token}`)).statusCode).toBe(404);
    expect((await stranger.post(`/api/company-invitations/${token}/accept`)).statusCode).toBe(404);
    const o = newBrowser();
    await signInAs(o, t.ctx, other);
    const seen = await o.get(`/api/company-invitations/${token}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({
      inviterName: expect.stringContaining('Eugénie') as string,
      companies: [{ name: 'Alpha Immobilier', role: 'admin', establishmentCount: null }],
    });
    const accepted = await o.post(`/api/company-invitations/${token}/accept`);
    expect(accepted.statusCode).toBe(200);
    const me = await o.get('/api/auth/me');
    expect(
      me
        .json<{ companies: { id: string }[] }>()
        .companies.map((c) => c.id)
        .sort(),
    ).toEqual([companyA.id, companyC.id].sort());
    expect((await o.post(`/api/company-invitations/${token}/accept`)).statusCode).toBe(410);
    // The account's row replaces the invitation's in the list.
    const after = (await b.get('/api/users')).json<UserList>();
    const rows = after.users.filter((u) => u.email === 'multi@exemple.fr');
    expect(rows.map((u) => u.id)).toEqual([other.id]);
    expect(rows[0]?.hasOtherCompanies).toBe(true);
  });

  it('issue 14 #4: staff, suspended and deactivated addresses get the same answer as any other, and the link expires', async () => {
    await createStaffUser(t.ctx.db, 'manager', { email: 'gestion@assureur.fr' });
    await createEmployerUser(t.ctx.db, [{ company: companyC, role: 'user' }], {
      email: 'suspendu@exemple.fr',
      status: 'suspended',
    });
    await createEmployerUser(t.ctx.db, [{ company: companyC, role: 'user' }], {
      email: 'parti@exemple.fr',
      status: 'deactivated',
    });
    const b = await signedInAdmin();
    for (const email of ['gestion@assureur.fr', 'suspendu@exemple.fr', 'parti@exemple.fr']) {
      const res = await invite(b, { email });
      expect(res.statusCode, email).toBe(201);
      expect(res.json<{ user: ManagedUser }>().user).toMatchObject({
        email,
        status: 'invited',
        lastName: 'Nouveau',
      });
      // Nobody who cannot sign in is written to.
      expect(await lastMessageTo(t.ctx, email, 'email')).toBeUndefined();
    }

    const later = await createEmployerUser(t.ctx.db, [{ company: companyC, role: 'user' }], {
      email: 'tardif@exemple.fr',
    });
    const invited = (await invite(b, { email: 'tardif@exemple.fr' })).json<{ user: ManagedUser }>()
      .user;
    const first = (await lastLinkSentTo(t.ctx, 'tardif@exemple.fr')).split('/rejoindre/')[1];
    t.clock.advance(72 * 3600_000 + 1000);
    const l = newBrowser();
    await signInAs(l, t.ctx, later);
    const expired = await l.post(`/api/company-invitations/${first}/accept`);
    expect(expired.statusCode).toBe(410);
    expect(expired.json<{ error: { code: string } }>().error.code).toBe('link_expired');
    // « Renvoyer » sends a new link; the rights can be changed before the answer; declining
    // writes nothing.
    const b2 = await signedInAdmin();
    expect((await b2.post(`/api/users/${invited.id}/invitation`)).statusCode).toBe(200);
    const changed = await b2.put(`/api/users/${invited.id}/rights`, {
      rights: [{ companyId: companyA.id, level: 'user', establishmentIds: [estA1.id] }],
    });
    expect(changed.json<ManagedUser>().companies).toEqual([
      expect.objectContaining({ companyId: companyA.id, establishmentIds: [estA1.id] }),
    ]);
    const second = (await lastLinkSentTo(t.ctx, 'tardif@exemple.fr')).split('/rejoindre/')[1];
    expect(second).not.toBe(first);
    const l2 = newBrowser();
    await signInAs(l2, t.ctx, later);
    expect((await l2.get(`/api/company-invitations/${second}`)).json()).toMatchObject({
      companies: [{ name: 'Alpha Immobilier', role: 'user', establishmentCount: 1 }],
    });
    expect((await l2.post(`/api/company-invitations/${second}/decline`)).statusCode).toBe(200);
    const roles = await t.ctx.db
      .selectFrom('user_company_roles')
      .select('company_id')
      .where('user_id', '=', later.id)
      .execute();
    expect(roles.map((r) => r.company_id)).toEqual([companyC.id]);
    expect((await b2.get(`/api/users/${invited.id}`)).statusCode).toBe(404);
  });

  it('issue 14 #4: an invitation accepted after the inviter lost the rights gives nothing', async () => {
    const company = await createCompany(t.ctx.db, { name: 'Sigma Patrimoine' });
    const inviter = await createEmployerUser(t.ctx.db, [{ company, role: 'admin' }]);
    await createEmployerUser(t.ctx.db, [{ company, role: 'admin' }]);
    const person = await createEmployerUser(t.ctx.db, [{ company: companyC, role: 'user' }]);
    const b = newBrowser();
    await signInAs(b, t.ctx, inviter);
    await invite(b, { email: person.email, rights: [{ companyId: company.id, level: 'admin' }] });
    const token = (await lastLinkSentTo(t.ctx, person.email)).split('/rejoindre/')[1];
    const [role] = await findCompanyRoles(t.ctx.db, inviter.id);
    await updateCompanyRole(t.ctx.db, role!.id, { role: 'user' });
    const p = newBrowser();
    await signInAs(p, t.ctx, person);
    const res = await p.post(`/api/company-invitations/${token}/accept`);
    expect(res.statusCode).toBe(410);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('invitation_outdated');
  });

  it('validates the form with field errors in French', async () => {
    const b = await signedInAdmin();
    const res = await b.post('/api/users', {
      lastName: '',
      firstName: 'Paul',
      email: 'pas-une-adresse',
      mobilePhone: '01 23',
      isThirdParty: true,
      thirdPartyFirm: '',
      rights: [{ companyId: companyA.id, level: 'none' }],
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json<{ error: { fields: Record<string, string> } }>().error.fields;
    expect(Object.keys(fields)).toEqual(
      expect.arrayContaining(['lastName', 'email', 'mobilePhone', 'thirdPartyFirm', 'rights']),
    );
  });

  it('answers a value outside a list in French, not zod’s English (issue 14 #14)', async () => {
    const b = await signedInAdmin();
    const res = await b.post('/api/users', {
      lastName: 'Martin',
      firstName: 'Paul',
      email: 'paul.martin@exemple.fr',
      mobilePhone: '06 12 34 56 78',
      rights: [{ companyId: companyA.id, level: 'root' }],
    });
    expect(res.statusCode).toBe(400);
    const body = res.json<{ error: { code: string; fields: Record<string, string> } }>();
    expect(body.error.code).toBe('validation_error');
    expect(body.error.fields).toEqual({
      'rights.0.level': 'Valeur non reconnue : choisissez parmi « none », « admin », « user »',
    });
  });

  it('restricts a user to some establishments (a regional HR manager)', async () => {
    const b = await signedInAdmin();
    const res = await invite(b, {
      email: 'regional@exemple.fr',
      rights: [{ companyId: companyA.id, level: 'user', establishmentIds: [estA1.id] }],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json<{ user: ManagedUser }>().user.companies[0]?.establishmentIds).toEqual([
      estA1.id,
    ]);
    // Every establishment chosen one by one is the whole company.
    const all = await invite(b, {
      email: 'regional2@exemple.fr',
      rights: [{ companyId: companyA.id, level: 'user', establishmentIds: [estA1.id, estA2.id] }],
    });
    expect(all.json<{ user: ManagedUser }>().user.companies[0]?.establishmentIds).toBeNull();
    // An establishment of a company the admin does not manage: 404.
    const foreign = await invite(b, {
      email: 'regional3@exemple.fr',
      rights: [{ companyId: companyA.id, level: 'user', establishmentIds: [estC1.id] }],
    });
    expect(foreign.statusCode).toBe(404);
  });

  it('never acts on a company the caller does not administer (404) nor lets a user manage (403)', async () => {
    const b = await signedInAdmin();
    const res = await invite(b, {
      email: 'intrus@exemple.fr',
      rights: [{ companyId: companyC.id, level: 'admin' }],
    });
    expect(res.statusCode).toBe(404);
    const stranger = await createEmployerUser(t.ctx.db, [{ company: companyC, role: 'user' }]);
    expect((await b.get(`/api/users/${stranger.id}`)).statusCode).toBe(404);
    expect((await b.post(`/api/users/${stranger.id}/suspend`)).statusCode).toBe(404);
    expect(
      (
        await b.put(`/api/users/${stranger.id}/rights`, {
          rights: [{ companyId: companyA.id, level: 'admin' }],
        })
      ).statusCode,
    ).toBe(404);

    const plainUser = await createEmployerUser(t.ctx.db, [{ company: companyA, role: 'user' }]);
    const u = newBrowser();
    await signInAs(u, t.ctx, plainUser);
    expect((await u.get('/api/users')).statusCode).toBe(403);
    expect((await invite(u, { email: 'x@exemple.fr' })).statusCode).toBe(403);

    const staff = await createStaffUser(t.ctx.db);
    const s = newBrowser();
    await signInAs(s, t.ctx, staff, 'backoffice');
    expect((await s.get('/api/users')).statusCode).toBe(403);
    expect((await newBrowser().get('/api/users')).statusCode).toBe(401);
  });

  it('filters the list by company, status and text', async () => {
    const b = await signedInAdmin();
    const all = (await b.get('/api/users')).json<UserList>();
    expect(all.companies.map((c) => c.name)).toEqual(['Alpha Immobilier', 'Bêta Gestion']);
    expect(all.companies[0]?.establishments.map((e) => e.name)).toEqual([
      'Alpha Lyon',
      'Alpha Paris',
    ]);
    const onB = (await b.get(`/api/users?companyId=${companyB.id}`)).json<UserList>();
    expect(onB.users.map((u) => u.email)).toEqual(['admin@alpha.fr']);
    const invited = (await b.get('/api/users?status=invited')).json<UserList>();
    expect(invited.users.every((u) => u.status === 'invited')).toBe(true);
    expect(invited.users.length).toBeGreaterThan(0);
    const text = (await b.get('/api/users?q=REGIONAL2%40')).json<UserList>();
    expect(text.users.map((u) => u.email)).toEqual(['regional2@exemple.fr']);
    const self = all.users.find((u) => u.email === 'admin@alpha.fr');
    expect(self?.isSelf).toBe(true);
  });

  it('finds a user by any word of the name or address, accents ignored (issue 14 #18)', async () => {
    const b = await signedInAdmin();
    const res = await invite(b, {
      email: 'm.lefevre@exemple.fr',
      lastName: 'Lefèvre',
      firstName: 'Maëlle',
    });
    expect(res.statusCode, res.body).toBe(201);
    const emails = async (q: string) =>
      (await b.get(`/api/users?q=${encodeURIComponent(q)}`))
        .json<UserList>()
        .users.map((u) => u.email);
    expect(await emails('lefevre')).toEqual(['m.lefevre@exemple.fr']);
    expect(await emails('Maelle LEF')).toEqual(['m.lefevre@exemple.fr']);
    expect(await emails('maëlle')).toEqual(['m.lefevre@exemple.fr']);
    expect(await emails('efevre')).toEqual([]);
  });

  it('keeps the last active administrator of each company', async () => {
    const company = await createCompany(t.ctx.db, { name: 'Delta Conseil' });
    const soleAdmin = await createEmployerUser(t.ctx.db, [{ company, role: 'admin' }]);
    const colleague = await createEmployerUser(t.ctx.db, [{ company, role: 'user' }]);
    const b = newBrowser();
    await signInAs(b, t.ctx, soleAdmin);
    const demote = await b.put(`/api/users/${soleAdmin.id}/rights`, {
      rights: [{ companyId: company.id, level: 'user' }],
    });
    expect(demote.statusCode).toBe(409);
    expect(demote.json<{ error: { code: string } }>().error.code).toBe('last_administrator');
    // Self-suspension is refused whatever the count.
    const selfSuspend = await b.post(`/api/users/${soleAdmin.id}/suspend`);
    expect(selfSuspend.json<{ error: { code: string } }>().error.code).toBe('self_action');

    // With a second administrator, the first may step down.
    expect(
      (
        await b.put(`/api/users/${colleague.id}/rights`, {
          rights: [{ companyId: company.id, level: 'admin' }],
        })
      ).statusCode,
    ).toBe(200);
    const stepDown = await b.put(`/api/users/${soleAdmin.id}/rights`, {
      rights: [{ companyId: company.id, level: 'user' }],
    });
    expect(stepDown.statusCode).toBe(200);
    expect(stepDown.json<ManagedUser>().companies[0]?.role).toBe('user');
    // No longer an administrator: the habilitations are closed to them.
    expect((await b.get('/api/users')).statusCode).toBe(403);
    const c = newBrowser();
    await signInAs(c, t.ctx, colleague);
    // Removing every right of a user is refused: deactivate them instead.
    const removeAll = await c.put(`/api/users/${soleAdmin.id}/rights`, {
      rights: [{ companyId: company.id, level: 'none' }],
    });
    expect(removeAll.statusCode).toBe(400);
    expect(removeAll.json<{ error: { code: string } }>().error.code).toBe('rights_required');
  });

  it('suspends (sessions end at once), reactivates, then deactivates for good', async () => {
    const target = await createEmployerUser(t.ctx.db, [{ company: companyA, role: 'user' }]);
    const victim = newBrowser();
    await signInAs(victim, t.ctx, target);
    expect((await victim.get('/api/auth/me')).statusCode).toBe(200);

    const b = await signedInAdmin();
    const suspended = await b.post(`/api/users/${target.id}/suspend`);
    expect(suspended.statusCode).toBe(200);
    expect(suspended.json<ManagedUser>().status).toBe('suspended');
    expect((await victim.get('/api/auth/me')).statusCode).toBe(401);
    // A suspended account cannot sign in.
    const retry = await newBrowser().post('/api/auth/sign-in', {
      email: target.email,
      password: TEST_PASSWORD,
    });
    expect(retry.statusCode).toBe(403);
    expect(retry.json<{ error: { code: string } }>().error.code).toBe('account_disabled');

    const reactivated = await b.post(`/api/users/${target.id}/reactivate`);
    expect(reactivated.json<ManagedUser>().status).toBe('active');
    const again = newBrowser();
    await signInAs(again, t.ctx, target);

    const deactivated = await b.post(`/api/users/${target.id}/deactivate`);
    expect(deactivated.json<ManagedUser>().status).toBe('deactivated');
    expect((await again.get('/api/auth/me')).statusCode).toBe(401);
    const noWayBack = await b.post(`/api/users/${target.id}/reactivate`);
    expect(noWayBack.statusCode).toBe(409);
    expect(noWayBack.json<{ error: { code: string } }>().error.code).toBe('user_deactivated');
    const noRights = await b.put(`/api/users/${target.id}/rights`, {
      rights: [{ companyId: companyA.id, level: 'admin' }],
    });
    expect(noRights.statusCode).toBe(409);
    // The history stays: the user is still listed, « désactivé ».
    const list = (await b.get('/api/users?status=deactivated')).json<UserList>();
    expect(list.users.map((u) => u.id)).toContain(target.id);
    expect(await auditActions(t.ctx, { target: target.id })).toEqual(
      expect.arrayContaining(['users.suspended', 'users.reactivated', 'users.deactivated']),
    );
  });

  it('lets the administrator fix an invited user’s email, not an active user’s', async () => {
    const b = await signedInAdmin();
    const res = await invite(b, { email: 'faute-de-frappe@exemple.fr' });
    const invited = res.json<{ user: ManagedUser }>().user;
    const fixed = await b.patch(`/api/users/${invited.id}`, {
      lastName: 'Nouveau',
      firstName: 'Nina',
      email: 'bonne-adresse@exemple.fr',
      isThirdParty: true,
      thirdPartyFirm: 'Cabinet Comptable du Port',
    });
    expect(fixed.statusCode).toBe(200);
    expect(fixed.json<ManagedUser>()).toMatchObject({
      email: 'bonne-adresse@exemple.fr',
      isThirdParty: true,
      thirdPartyFirm: 'Cabinet Comptable du Port',
    });
    const active = await createEmployerUser(t.ctx.db, [{ company: companyA, role: 'user' }]);
    const locked = await b.patch(`/api/users/${active.id}`, {
      lastName: 'Autre',
      firstName: 'Nom',
      mobilePhone: '0699999999',
    });
    expect(locked.statusCode).toBe(409);
    expect(locked.json<{ error: { code: string } }>().error.code).toBe('identity_locked');
    const names = await b.patch(`/api/users/${active.id}`, { lastName: 'Autre', firstName: 'Nom' });
    expect(names.json<ManagedUser>().lastName).toBe('Autre');
  });

  it('a cut link is « not valid »', async () => {
    const cut = await newBrowser().get('/api/auth/invitation/abc');
    expect(cut.statusCode).toBe(404);
    expect(cut.json<{ error: { code: string } }>().error.code).toBe('link_invalid');
  });

  it('issue 14 #1: a restricted administrator grants nothing beyond their establishments', async () => {
    const company = await createCompany(t.ctx.db, { name: 'Rho Régions' });
    const [north, south, east] = [
      await createEstablishment(t.ctx.db, company, { name: 'Rho Nord' }),
      await createEstablishment(t.ctx.db, company, { name: 'Rho Sud' }),
      await createEstablishment(t.ctx.db, company, { name: 'Rho Est' }),
    ];
    // The head office's administrator covers the whole company (the last-administrator rule
    // never gets in the way below).
    await createEmployerUser(t.ctx.db, [{ company, role: 'admin' }]);
    const regional = await createEmployerUser(t.ctx.db, [{ company, role: 'admin' }]);
    await restrictTo(regional.id, company.id, [north.id]);
    const colleague = await createEmployerUser(t.ctx.db, [{ company, role: 'user' }]);
    await restrictTo(colleague.id, company.id, [north.id]);
    const wide = await createEmployerUser(t.ctx.db, [{ company, role: 'user' }]);
    const straddling = await createEmployerUser(t.ctx.db, [{ company, role: 'user' }]);
    await restrictTo(straddling.id, company.id, [north.id, south.id]);
    const b = newBrowser();
    await signInAs(b, t.ctx, regional);
    const put = (userId: string, level: string, establishmentIds: string[] | null) =>
      b.put(`/api/users/${userId}/rights`, {
        rights: [{ companyId: company.id, level, establishmentIds }],
      });
    const code = (res: { json: <T>() => T }) => res.json<{ error: { code: string } }>().error.code;

    // « Toute la société » for themself or a colleague: refused, nothing written.
    const self = await put(regional.id, 'admin', null);
    expect(self.statusCode).toBe(403);
    expect(code(self)).toBe('rights_beyond_own');
    expect((await put(colleague.id, 'user', null)).statusCode).toBe(403);
    expect(await followedBy(regional.id)).toEqual([north.id]);
    expect(await wholeCompany(regional.id, company.id)).toBe(false);
    // An establishment they do not follow: it does not exist for them.
    expect((await put(colleague.id, 'user', [north.id, east.id])).statusCode).toBe(404);
    // The same through « Ajouter un utilisateur ».
    const whole = await invite(b, {
      email: 'rho-tout@exemple.fr',
      rights: [{ companyId: company.id, level: 'user', establishmentIds: null }],
    });
    expect(whole.statusCode).toBe(403);
    expect(code(whole)).toBe('rights_beyond_own');
    // Every establishment they follow is not the whole company.
    const theirs = await invite(b, {
      email: 'rho-nord@exemple.fr',
      rights: [{ companyId: company.id, level: 'user', establishmentIds: [north.id] }],
    });
    expect(theirs.statusCode).toBe(201);
    expect(theirs.json<{ user: ManagedUser }>().user.companies[0]?.establishmentIds).toEqual([
      north.id,
    ]);
    // What a user already holds may be kept (or narrowed), never raised beyond the grantor.
    expect((await put(wide.id, 'user', null)).statusCode).toBe(200);
    expect((await put(wide.id, 'admin', null)).statusCode).toBe(403);
    expect((await put(straddling.id, 'user', [north.id, south.id])).statusCode).toBe(200);
    expect((await put(straddling.id, 'admin', [north.id, south.id])).statusCode).toBe(403);
    expect((await put(straddling.id, 'admin', [north.id])).statusCode).toBe(200);
    expect(await followedBy(straddling.id)).toEqual([north.id]);
  });
});
