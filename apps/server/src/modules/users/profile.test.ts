import { describe, expect, it } from 'vitest';
import {
  browser,
  errorOf,
  lastCodeSentTo,
  lastLinkSentTo,
  lastMessageTo,
  signInAs,
  useTestApp,
  auditActions,
} from '../../../test/helper';
import { createCompany, createEmployerUser, createStaffUser } from '../../../test/factories';
import { CODE_RESEND_COOLDOWN_MS } from '../auth/sign-in.service';
import { EMAIL_CHANGE_TTL_MS } from './profile.service';
import { loadUser } from './users.repository';

const t = useTestApp();

// Each test signs in from its own address, so that the per-IP limits of one test never bite
// another.
let ipSeq = 0;
const freshBrowser = () => browser(t.app, { ip: `198.51.100.${++ipSeq}` });

// Numbers in the range ARCEP reserves for fiction (06 39 98 xx xx).
let phoneSeq = 10;
const freshPhone = () => {
  phoneSeq += 1;
  return {
    typed: `06 39 98 02 ${String(phoneSeq).padStart(2, '0')}`,
    e164: `+336399802${phoneSeq}`,
  };
};

async function signedInEmployer() {
  const company = await createCompany(t.ctx.db);
  const user = await createEmployerUser(t.ctx.db, [{ company, role: 'admin' }]);
  const b = freshBrowser();
  await signInAs(b, t.ctx, user);
  return { user, b };
}

/** Every message of a template sent to `to`, oldest first. */
function messagesTo(to: string, template: string) {
  return t.ctx.db
    .selectFrom('outbox')
    .selectAll()
    .where('recipient', '=', to)
    .where('template', '=', template)
    .orderBy('created_at')
    .execute();
}

const tokenOf = (url: string) => url.split('/confirmer-nouvel-email/')[1]!;

describe('access', () => {
  it('answers 401 to anonymous calls, but lets anyone open the confirmation link', async () => {
    const b = freshBrowser();
    expect((await b.patch('/api/profile', { lastName: 'A', firstName: 'B' })).statusCode).toBe(401);
    const calls = [
      ['/api/profile/email', { newEmail: 'x@exemple.fr', password: 'whatever-password' }],
      ['/api/profile/phone/send-code', { newMobilePhone: '0639980299', password: 'whatever' }],
      ['/api/profile/phone/verify', { code: '123456' }],
      ['/api/profile/password', { currentPassword: 'a', newPassword: 'Ardoise-Lanterne-Galet-19' }],
    ] as const;
    for (const [url, body] of calls) {
      const res = await b.post(url, body);
      expect(res.statusCode, url).toBe(401);
      expect(errorOf(res).code).toBe('unauthenticated');
    }
    const confirm = await b.post('/api/profile/email/confirm', { token: 'x'.repeat(43) });
    expect(confirm.statusCode).toBe(404);
    expect(errorOf(confirm).code).toBe('link_invalid');
  });

  it('refuses a state-changing call without the CSRF header', async () => {
    const { b } = await signedInEmployer();
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/profile',
      headers: { 'content-type': 'application/json', cookie: b.jar.header() },
      payload: { lastName: 'Forgé', firstName: 'Requête' },
    });
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).code).toBe('csrf_header_missing');
    const me = await b.get('/api/auth/me');
    expect(me.json()).not.toMatchObject({ lastName: 'Forgé' });
  });
});

describe('names', () => {
  it('changes the names and answers the updated user', async () => {
    const { user, b } = await signedInEmployer();
    const res = await b.patch('/api/profile', { lastName: '  Lemaire ', firstName: 'Anne-Sophie' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: user.id,
      lastName: 'Lemaire',
      firstName: 'Anne-Sophie',
      email: user.email,
      companies: [{ role: 'admin' }],
    });
    expect((await b.get('/api/auth/me')).json()).toMatchObject({ lastName: 'Lemaire' });
    expect(await auditActions(t.ctx, { actor: user.id })).toContain('profile.updated');
  });

  it('refuses an empty name with a French message on the field', async () => {
    const { b } = await signedInEmployer();
    const res = await b.patch('/api/profile', { lastName: '   ', firstName: 'Anne' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res)).toMatchObject({
      code: 'validation_error',
      fields: { lastName: 'Ce champ est obligatoire' },
    });
  });

  it('works for insurer staff too', async () => {
    const staff = await createStaffUser(t.ctx.db);
    const b = freshBrowser();
    await signInAs(b, t.ctx, staff, 'backoffice');
    const res = await b.patch('/api/profile', { lastName: 'Benali', firstName: 'Karima' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'staff', firstName: 'Karima' });
  });
});

describe('change of email', () => {
  it('sends a link to the new address and a notice to the old one; the link changes the sign-in address', async () => {
    const { user, b } = await signedInEmployer();
    const newEmail = `nouvelle.${user.id.slice(0, 8)}@exemple.fr`;
    const res = await b.post('/api/profile/email', {
      newEmail: ` ${newEmail.toUpperCase()} `,
      password: user.password,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ sentTo: newEmail, expiresAt: expect.any(String) });

    const link = await lastLinkSentTo(t.ctx, newEmail);
    expect(link).toContain('/confirmer-nouvel-email/');
    const notice = await messagesTo(user.email, 'email_change_notice');
    expect(notice).toHaveLength(1);
    expect(notice[0]!.body_text).toContain(newEmail);
    expect(notice[0]!.body_text).toContain('contactez-nous');
    expect(notice[0]!.body_text).not.toContain('/confirmer-nouvel-email/');
    // Nothing changes until the link is used.
    expect((await b.get('/api/auth/me')).json()).toMatchObject({ email: user.email });

    // The link may be opened in another browser, signed in or not.
    const other = freshBrowser();
    const confirmed = await other.post('/api/profile/email/confirm', { token: tokenOf(link) });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toEqual({ email: newEmail, space: 'employer' });

    // The session stays open and sees the new address; the old one is told.
    expect((await b.get('/api/auth/me')).json()).toMatchObject({ email: newEmail });
    expect(await messagesTo(user.email, 'email_changed_notice')).toHaveLength(1);
    const row = await loadUser(t.ctx.db, user.id);
    expect(row.email).toBe(newEmail);
    expect(row.email_verified_at).toBe(t.clock.now().toISOString());
    expect(await auditActions(t.ctx, { actor: user.id })).toEqual(
      expect.arrayContaining(['profile.email_change_requested', 'profile.email_changed']),
    );

    // Sign-in: the new address works, the old one no longer does.
    const old = await freshBrowser().post('/api/auth/sign-in', {
      email: user.email,
      password: user.password,
    });
    expect(errorOf(old).code).toBe('invalid_credentials');
    await signInAs(freshBrowser(), t.ctx, { ...user, email: newEmail });

    // The link works once.
    const again = await other.post('/api/profile/email/confirm', { token: tokenOf(link) });
    expect(again.statusCode).toBe(410);
    expect(errorOf(again).code).toBe('link_used');
  });

  it('refuses a link older than 24 hours, and an earlier link once a newer one is sent', async () => {
    const { user, b } = await signedInEmployer();
    const first = `premiere.${user.id.slice(0, 8)}@exemple.fr`;
    const second = `seconde.${user.id.slice(0, 8)}@exemple.fr`;
    await b.post('/api/profile/email', { newEmail: first, password: user.password });
    const firstLink = await lastLinkSentTo(t.ctx, first);
    await b.post('/api/profile/email', { newEmail: second, password: user.password });
    const secondLink = await lastLinkSentTo(t.ctx, second);

    const replaced = await b.post('/api/profile/email/confirm', { token: tokenOf(firstLink) });
    expect(replaced.statusCode).toBe(410);
    expect(errorOf(replaced).code).toBe('link_used');

    t.clock.advance(EMAIL_CHANGE_TTL_MS + 1000);
    const expired = await freshBrowser().post('/api/profile/email/confirm', {
      token: tokenOf(secondLink),
    });
    expect(expired.statusCode).toBe(410);
    expect(errorOf(expired).code).toBe('link_expired');
    const row = await loadUser(t.ctx.db, user.id);
    expect(row.email).toBe(user.email);
  });

  it('refuses a wrong password, says so on the field, sends nothing, and throttles', async () => {
    const { user, b } = await signedInEmployer();
    const newEmail = `jamais.${user.id.slice(0, 8)}@exemple.fr`;
    const wrong = await b.post('/api/profile/email', { newEmail, password: 'pas-le-bon-mot' });
    expect(wrong.statusCode).toBe(400);
    expect(errorOf(wrong)).toMatchObject({
      code: 'password_incorrect',
      fields: { password: 'Mot de passe incorrect' },
    });
    expect(await lastMessageTo(t.ctx, newEmail, 'email')).toBeUndefined();
    expect(await messagesTo(user.email, 'email_change_notice')).toHaveLength(0);
    expect(await auditActions(t.ctx, { actor: user.id })).toContain(
      'profile.reauthentication_failed',
    );

    // The failures count with the sign-in's: a growing delay after 5.
    for (let i = 0; i < 4; i += 1)
      await b.post('/api/profile/email', { newEmail, password: 'pas-le-bon-mot' });
    const throttled = await b.post('/api/profile/email', { newEmail, password: user.password });
    expect(throttled.statusCode).toBe(429);
    expect(errorOf(throttled).code).toBe('too_many_attempts');
    expect(throttled.headers['retry-after']).toBeDefined();
    t.clock.advance(16_000);
    expect(
      (await b.post('/api/profile/email', { newEmail, password: user.password })).statusCode,
    ).toBe(200);
  });

  it('refuses the current address', async () => {
    const { user, b } = await signedInEmployer();
    const res = await b.post('/api/profile/email', {
      newEmail: user.email,
      password: user.password,
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res)).toMatchObject({
      code: 'email_unchanged',
      fields: { newEmail: expect.any(String) },
    });
  });

  it('answers the same for an address that has an account, which is told instead of a link', async () => {
    const { user, b } = await signedInEmployer();
    const owner = await createEmployerUser(t.ctx.db);
    const res = await b.post('/api/profile/email', {
      newEmail: owner.email,
      password: user.password,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ sentTo: owner.email, expiresAt: expect.any(String) });
    const told = await messagesTo(owner.email, 'email_change_taken');
    expect(told).toHaveLength(1);
    expect(told[0]!.body_text).not.toMatch(/https?:\/\//);
    expect(await messagesTo(owner.email, 'email_change_link')).toHaveLength(0);
    expect(await messagesTo(user.email, 'email_change_notice')).toHaveLength(1);
    const tokens = await t.ctx.db
      .selectFrom('action_tokens')
      .select('id')
      .where('user_id', '=', user.id)
      .where('purpose', '=', 'email_change')
      .execute();
    expect(tokens).toHaveLength(0);
  });

  it('refuses the link when the address got an account in the meantime', async () => {
    const { user, b } = await signedInEmployer();
    const newEmail = `convoitee.${user.id.slice(0, 8)}@exemple.fr`;
    await b.post('/api/profile/email', { newEmail, password: user.password });
    const link = await lastLinkSentTo(t.ctx, newEmail);
    await createEmployerUser(t.ctx.db, [], { email: newEmail });
    const res = await b.post('/api/profile/email/confirm', { token: tokenOf(link) });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).code).toBe('email_taken');
    expect((await b.get('/api/auth/me')).json()).toMatchObject({ email: user.email });
  });
});

describe('change of mobile', () => {
  it('sends a code to the new number; the code replaces the number and the account is told', async () => {
    const { user, b } = await signedInEmployer();
    const phone = freshPhone();
    const sent = await b.post('/api/profile/phone/send-code', {
      newMobilePhone: phone.typed,
      password: user.password,
    });
    expect(sent.statusCode).toBe(200);
    expect(sent.json()).toEqual({
      maskedPhone: expect.stringMatching(/^\+33 6 •• •• •• \d\d$/),
      resendAvailableAt: new Date(t.clock.now().getTime() + CODE_RESEND_COOLDOWN_MS).toISOString(),
      expiresAt: expect.any(String),
    });
    const code = await lastCodeSentTo(t.ctx, phone.e164);
    // Nothing is sent to the old number.
    const toOld = await lastMessageTo(t.ctx, user.mobile_phone!, 'sms');
    expect(toOld?.template).toBe('sign_in_code');

    const verified = await b.post('/api/profile/phone/verify', { code });
    expect(verified.statusCode).toBe(200);
    const { maskedPhone } = sent.json<{ maskedPhone: string }>();
    expect(verified.json()).toMatchObject({ id: user.id, maskedPhone });
    const row = await loadUser(t.ctx.db, user.id);
    expect(row).toMatchObject({
      mobile_phone: phone.e164,
      mobile_phone_verified_at: t.clock.now().toISOString(),
    });
    const notice = await messagesTo(user.email, 'phone_changed_notice');
    expect(notice).toHaveLength(1);
    expect(notice[0]!.body_text).toContain(maskedPhone);
    expect(await auditActions(t.ctx, { actor: user.id })).toEqual(
      expect.arrayContaining(['profile.phone_code_sent', 'profile.phone_changed']),
    );

    // The code works once; the next sign-in code goes to the new number.
    const again = await b.post('/api/profile/phone/verify', { code });
    expect(errorOf(again).code).toBe('code_expired');
    await signInAs(freshBrowser(), t.ctx, { ...user, mobile_phone: phone.e164 });
  });

  it('kills the code after 3 wrong tries', async () => {
    const { user, b } = await signedInEmployer();
    const phone = freshPhone();
    await b.post('/api/profile/phone/send-code', {
      newMobilePhone: phone.typed,
      password: user.password,
    });
    const code = await lastCodeSentTo(t.ctx, phone.e164);
    const wrong = code === '000000' ? '000001' : '000000';
    const first = await b.post('/api/profile/phone/verify', { code: wrong });
    expect(first.statusCode).toBe(400);
    expect(errorOf(first)).toMatchObject({
      code: 'code_invalid',
      message: 'Ce code est incorrect. Il vous reste 2 essais.',
      fields: { code: 'Ce code est incorrect' },
    });
    expect(errorOf(await b.post('/api/profile/phone/verify', { code: wrong })).message).toContain(
      '1 essai.',
    );
    expect(errorOf(await b.post('/api/profile/phone/verify', { code: wrong })).code).toBe(
      'code_expired',
    );
    const right = await b.post('/api/profile/phone/verify', { code });
    expect(right.statusCode).toBe(400);
    expect(errorOf(right).code).toBe('code_expired');
    const row = await loadUser(t.ctx.db, user.id);
    expect(row.mobile_phone).toBe(user.mobile_phone);
    expect(await auditActions(t.ctx, { actor: user.id })).toContain('profile.phone_code_failed');
  });

  it('binds the code to its number and to the session that asked for it', async () => {
    const { user, b } = await signedInEmployer();
    const a = freshPhone();
    const other = freshPhone();
    await b.post('/api/profile/phone/send-code', {
      newMobilePhone: a.typed,
      password: user.password,
    });
    const codeA = await lastCodeSentTo(t.ctx, a.e164);

    // Another session of the same user cannot use it.
    const b2 = freshBrowser();
    await signInAs(b2, t.ctx, user);
    expect(errorOf(await b2.post('/api/profile/phone/verify', { code: codeA })).code).toBe(
      'code_expired',
    );

    // A new number within 60 seconds waits; afterwards the first number's code is dead.
    const soon = await b.post('/api/profile/phone/send-code', {
      newMobilePhone: other.typed,
      password: user.password,
    });
    expect(soon.statusCode).toBe(429);
    expect(errorOf(soon).code).toBe('resend_too_soon');
    t.clock.advance(CODE_RESEND_COOLDOWN_MS);
    await b.post('/api/profile/phone/send-code', {
      newMobilePhone: other.typed,
      password: user.password,
    });
    const codeOther = await lastCodeSentTo(t.ctx, other.e164);
    if (codeA !== codeOther) {
      expect(errorOf(await b.post('/api/profile/phone/verify', { code: codeA })).code).toBe(
        'code_invalid',
      );
    }
    expect((await b.post('/api/profile/phone/verify', { code: codeOther })).statusCode).toBe(200);
    const row = await loadUser(t.ctx.db, user.id);
    expect(row.mobile_phone).toBe(other.e164);
  });

  it('asks the password, refuses the current number, and limits the sends', async () => {
    const { user, b } = await signedInEmployer();
    const phone = freshPhone();
    const wrong = await b.post('/api/profile/phone/send-code', {
      newMobilePhone: phone.typed,
      password: 'pas-le-bon-mot',
    });
    expect(errorOf(wrong)).toMatchObject({
      code: 'password_incorrect',
      fields: { password: 'Mot de passe incorrect' },
    });
    expect(await lastMessageTo(t.ctx, phone.e164, 'sms')).toBeUndefined();

    const same = await b.post('/api/profile/phone/send-code', {
      newMobilePhone: user.mobile_phone,
      password: user.password,
    });
    expect(errorOf(same)).toMatchObject({
      code: 'phone_unchanged',
      fields: { newMobilePhone: expect.any(String) },
    });

    const invalid = await b.post('/api/profile/phone/send-code', {
      newMobilePhone: '01 23 45 67 89',
      password: user.password,
    });
    expect(errorOf(invalid)).toMatchObject({
      code: 'validation_error',
      fields: { newMobilePhone: 'Saisissez un numéro de téléphone mobile' },
    });

    for (let i = 0; i < 5; i += 1) {
      const res = await b.post('/api/profile/phone/send-code', {
        newMobilePhone: phone.typed,
        password: user.password,
      });
      expect(res.statusCode).toBe(200);
      t.clock.advance(CODE_RESEND_COOLDOWN_MS);
    }
    const sixth = await b.post('/api/profile/phone/send-code', {
      newMobilePhone: phone.typed,
      password: user.password,
    });
    expect(sixth.statusCode).toBe(429);
    expect(errorOf(sixth).code).toBe('too_many_attempts');
  });
});

describe('change of password', () => {
  const newPassword = 'Verger-Boussole-Falaise-64';

  it('checks the current password and the policy', async () => {
    const { user, b } = await signedInEmployer();
    const wrong = await b.post('/api/profile/password', {
      currentPassword: 'pas-le-bon-mot',
      newPassword,
    });
    expect(wrong.statusCode).toBe(400);
    expect(errorOf(wrong)).toMatchObject({
      code: 'password_incorrect',
      fields: { currentPassword: 'Mot de passe incorrect' },
    });

    const weak = await b.post('/api/profile/password', {
      currentPassword: user.password,
      newPassword: 'motdepasse12',
    });
    expect(weak.statusCode).toBe(400);
    expect(errorOf(weak)).toMatchObject({
      code: 'validation_error',
      fields: { newPassword: expect.stringContaining('trop facile à deviner') },
    });

    // The server also checks the password against the user's own names.
    await b.patch('/api/profile', { lastName: 'Zyxquorbet', firstName: 'Plimvadrune' });
    const named = await b.post('/api/profile/password', {
      currentPassword: user.password,
      newPassword: 'Zyxquorbet2026',
    });
    expect(errorOf(named)).toMatchObject({
      code: 'password_weak',
      fields: { newPassword: expect.any(String) },
    });

    const same = await b.post('/api/profile/password', {
      currentPassword: user.password,
      newPassword: user.password,
    });
    expect(errorOf(same)).toMatchObject({
      code: 'password_unchanged',
      fields: { newPassword: 'Choisissez un mot de passe différent de l’actuel' },
    });
  });

  it('changes the password, ends the other sessions, keeps this one, and tells the account', async () => {
    const { user, b } = await signedInEmployer();
    const elsewhere = freshBrowser();
    await signInAs(elsewhere, t.ctx, user);
    expect((await elsewhere.get('/api/auth/me')).statusCode).toBe(200);

    const res = await b.post('/api/profile/password', {
      currentPassword: user.password,
      newPassword,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ endedSessions: 1 });
    expect((await b.get('/api/auth/me')).statusCode).toBe(200);
    expect((await elsewhere.get('/api/auth/me')).statusCode).toBe(401);
    const notice = await messagesTo(user.email, 'password_changed_notice');
    expect(notice).toHaveLength(1);
    expect(await auditActions(t.ctx, { actor: user.id })).toContain('profile.password_changed');

    const old = await freshBrowser().post('/api/auth/sign-in', {
      email: user.email,
      password: user.password,
    });
    expect(errorOf(old).code).toBe('invalid_credentials');
    await signInAs(freshBrowser(), t.ctx, { ...user, password: newPassword });
  });
});
