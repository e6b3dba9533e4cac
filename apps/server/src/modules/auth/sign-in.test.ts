import * as OTPAuth from 'otpauth';
import { describe, expect, it } from 'vitest';
import {
  browser,
  errorOf,
  lastCodeSentTo,
  lastMessageTo,
  signInAs,
  type Browser,
  useTestApp,
  auditActions,
} from '../../../test/helper';
import { solveCaptcha } from '../../../test/captcha';
import { createCompany, createEmployerUser, createStaffUser } from '../../../test/factories';
import { scope } from './scopes';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from './sessions.service';
import { CODE_TTL_MS } from './sign-in.service';
import { loadUser } from '../users/users.repository';

const t = useTestApp({
  async setup(app) {
    // A route of each space, to check that a session of the other kind is refused.
    await app.register(
      scope('employer', {
        routes: async (employer) => {
          employer.get('/api/test/employer-only', async (request) => ({
            id: request.employer.user.id,
          }));
        },
      }),
    );
    await app.register(
      scope('backoffice', {
        routes: async (staff) => {
          staff.get('/api/test/staff-only', async (request) => ({ id: request.staff.userId }));
        },
      }),
    );
  },
});

/** The sign-in form sent with the right password and a solved « Je ne suis pas un robot ». */
const signInWithCaptcha = async (b: Browser, user: { email: string; password: string }) =>
  b.post('/api/auth/sign-in', {
    email: user.email,
    password: user.password,
    captcha: await solveCaptcha(t.app),
  });

async function newEmployer(over: Parameters<typeof createEmployerUser>[2] = {}) {
  const company = await createCompany(t.ctx.db);
  return createEmployerUser(t.ctx.db, [{ company, role: 'admin' }], over);
}

describe('sign-in with email and password', () => {
  it('answers an unknown email and a wrong password the same way', async () => {
    const user = await newEmployer();
    const b = browser(t.app);
    const unknown = await b.post('/api/auth/sign-in', {
      email: 'nobody@exemple.fr',
      password: 'whatever-password',
    });
    const wrong = await b.post('/api/auth/sign-in', {
      email: user.email,
      password: 'not-the-password',
    });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(errorOf(unknown).code).toBe('invalid_credentials');
    expect(errorOf(wrong)).toEqual({
      ...errorOf(unknown),
      requestId: expect.any(String),
    });
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'auth.sign_in_failed')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });

  it('asks a new browser for the SMS code, then opens the session with safe cookies', async () => {
    const user = await newEmployer();
    const b = browser(t.app);
    const first = await b.post('/api/auth/sign-in', {
      email: user.email.toUpperCase(),
      password: user.password,
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      status: 'second_factor_required',
      method: 'sms',
      maskedPhone: expect.stringMatching(/^\+33 6 •• •• •• \d\d$/),
      reasons: ['new_device'],
    });
    expect((await b.get('/api/auth/me')).statusCode).toBe(401);

    const sent = await b.post('/api/auth/second-factor/send', {});
    expect(sent.statusCode).toBe(200);
    const code = await lastCodeSentTo(t.ctx, user.mobile_phone!);
    expect(code).toMatch(/^\d{6}$/);
    const verified = await b.post('/api/auth/second-factor/verify', { code });
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({
      status: 'signed_in',
      user: { email: user.email, firstName: 'Camille' },
    });

    const setCookies = ([] as string[]).concat(verified.headers['set-cookie'] ?? []);
    const session = setCookies.find((c) => c.startsWith('__Host-affilia_session='));
    expect(session).toBeDefined();
    expect(session).toMatch(/; Path=\//);
    expect(session).toMatch(/; HttpOnly/);
    expect(session).toMatch(/; Secure/);
    expect(session).toMatch(/; SameSite=Lax/);
    expect(session).not.toMatch(/Domain=/);
    expect(
      setCookies.some((c) => c.startsWith('__Host-affilia_device=') && /HttpOnly/.test(c)),
    ).toBe(true);

    const me = await b.get('/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      email: user.email,
      kind: 'employer',
      companies: [{ role: 'admin' }],
    });
    const actions = await auditActions(t.ctx, { actor: user.id });
    expect(actions).toEqual(expect.arrayContaining(['auth.code_sent', 'auth.sign_in']));
  });

  it('gives a new session id at every sign-in and ends the previous one', async () => {
    const user = await newEmployer();
    const b = browser(t.app);
    await signInAs(b, t.ctx, user);
    const firstToken = b.jar.get('__Host-affilia_session');
    await signInAs(b, t.ctx, user);
    const secondToken = b.jar.get('__Host-affilia_session');
    expect(secondToken).not.toBe(firstToken);
    const stale = browser(t.app);
    stale.jar.set('__Host-affilia_session', firstToken!);
    expect((await stale.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('asks no code again from the same browser and address, but does after an address change', async () => {
    const user = await newEmployer();
    const b = browser(t.app, { ip: '198.51.100.7' });
    await signInAs(b, t.ctx, user);
    await b.post('/api/auth/sign-out');
    const again = await b.post('/api/auth/sign-in', { email: user.email, password: user.password });
    expect(again.json()).toMatchObject({ status: 'signed_in' });

    await b.post('/api/auth/sign-out');
    b.setIp('198.51.100.99');
    const moved = await b.post('/api/auth/sign-in', { email: user.email, password: user.password });
    expect(moved.json()).toMatchObject({ status: 'second_factor_required', reasons: ['new_ip'] });
  });

  it('asks the code after 3 months without signing in', async () => {
    const user = await newEmployer();
    const b = browser(t.app);
    await signInAs(b, t.ctx, user);
    await b.post('/api/auth/sign-out');
    t.clock.advance(89 * 24 * 3600_000);
    expect(
      (await b.post('/api/auth/sign-in', { email: user.email, password: user.password })).json(),
    ).toMatchObject({
      status: 'signed_in',
    });
    await b.post('/api/auth/sign-out');
    t.clock.advance(93 * 24 * 3600_000);
    expect(
      (await b.post('/api/auth/sign-in', { email: user.email, password: user.password })).json(),
    ).toMatchObject({
      status: 'second_factor_required',
      reasons: ['stale'],
    });
  });

  it('refuses an email not yet confirmed, a suspended account, and the wrong space', async () => {
    const unconfirmed = await newEmployer({ emailVerified: false });
    const suspended = await newEmployer({ status: 'suspended' });
    const staff = await createStaffUser(t.ctx.db);
    const b = browser(t.app);
    const r1 = await b.post('/api/auth/sign-in', {
      email: unconfirmed.email,
      password: unconfirmed.password,
    });
    expect(errorOf(r1).code).toBe('email_not_confirmed');
    const r2 = await b.post('/api/auth/sign-in', {
      email: suspended.email,
      password: suspended.password,
    });
    expect(errorOf(r2).code).toBe('account_disabled');
    // A staff account never opens the employers' space, and the reverse.
    const r3 = await b.post('/api/auth/sign-in', {
      email: staff.email,
      password: staff.password,
      space: 'employer',
    });
    expect(errorOf(r3).code).toBe('invalid_credentials');
    const employer = await newEmployer();
    const r4 = await b.post('/api/auth/sign-in', {
      email: employer.email,
      password: employer.password,
      space: 'backoffice',
    });
    expect(errorOf(r4).code).toBe('invalid_credentials');
  });

  it('keeps the two spaces apart once signed in', async () => {
    const staff = await createStaffUser(t.ctx.db);
    const employer = await newEmployer();
    const s = browser(t.app);
    await signInAs(s, t.ctx, staff, 'backoffice');
    expect((await s.get('/api/test/staff-only')).statusCode).toBe(200);
    expect((await s.get('/api/test/employer-only')).statusCode).toBe(403);
    const e = browser(t.app);
    await signInAs(e, t.ctx, employer);
    expect((await e.get('/api/test/employer-only')).statusCode).toBe(200);
    expect((await e.get('/api/test/staff-only')).statusCode).toBe(403);
    expect((await browser(t.app).get('/api/test/employer-only')).statusCode).toBe(401);
  });

  it('refuses a state-changing call without the CSRF header', async () => {
    const user = await newEmployer();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: { email: user.email, password: user.password },
    });
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).code).toBe('csrf_header_missing');
  });
});

describe('SMS codes', () => {
  async function pending() {
    const user = await newEmployer();
    const b = browser(t.app);
    await b.post('/api/auth/sign-in', { email: user.email, password: user.password });
    return { user, b };
  }

  it('kills a code after 3 wrong tries, even the right one afterwards', async () => {
    const { user, b } = await pending();
    await b.post('/api/auth/second-factor/send', {});
    const code = await lastCodeSentTo(t.ctx, user.mobile_phone!);
    const wrong = code === '000000' ? '111111' : '000000';
    const r1 = await b.post('/api/auth/second-factor/verify', { code: wrong });
    expect(errorOf(r1)).toMatchObject({
      code: 'code_invalid',
      message: expect.stringContaining('2 essais'),
    });
    await b.post('/api/auth/second-factor/verify', { code: wrong });
    const r3 = await b.post('/api/auth/second-factor/verify', { code: wrong });
    expect(errorOf(r3).code).toBe('code_expired');
    const right = await b.post('/api/auth/second-factor/verify', { code });
    expect(right.statusCode).toBe(400);
    expect(errorOf(right).code).toBe('code_expired');
    const failures = await t.ctx.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'auth.code_failed')
      .where('actor_user_id', '=', user.id)
      .execute();
    expect(failures).toHaveLength(3);
  });

  it('refuses an expired code, and a code used once', async () => {
    const { user, b } = await pending();
    await b.post('/api/auth/second-factor/send', {});
    const code = await lastCodeSentTo(t.ctx, user.mobile_phone!);
    t.clock.advance(CODE_TTL_MS + 1000);
    expect(errorOf(await b.post('/api/auth/second-factor/verify', { code })).code).toBe(
      'code_expired',
    );

    const second = await pending();
    await second.b.post('/api/auth/second-factor/send', {});
    const code2 = await lastCodeSentTo(t.ctx, second.user.mobile_phone!);
    const attemptCookie = second.b.jar.get('__Host-affilia_signin')!;
    expect(
      (await second.b.post('/api/auth/second-factor/verify', { code: code2 })).statusCode,
    ).toBe(200);
    // Replaying the same attempt and code from another browser.
    const replay = browser(t.app);
    replay.jar.set('__Host-affilia_signin', attemptCookie);
    const r = await replay.post('/api/auth/second-factor/verify', { code: code2 });
    expect(r.statusCode).toBe(401);
    expect(errorOf(r).code).toBe('second_factor_pending');
  });

  it('binds a code to its sign-in attempt', async () => {
    const a = await pending();
    await a.b.post('/api/auth/second-factor/send', {});
    const code = await lastCodeSentTo(t.ctx, a.user.mobile_phone!);
    // Another attempt of the same user (another browser) cannot use it.
    const other = browser(t.app);
    await other.post('/api/auth/sign-in', { email: a.user.email, password: a.user.password });
    const r = await other.post('/api/auth/second-factor/verify', { code });
    expect(errorOf(r).code).toBe('code_expired');
  });

  it('limits resends with a cool-down', async () => {
    const { b } = await pending();
    const first = await b.post('/api/auth/second-factor/send', {});
    const { resendAvailableAt } = first.json<{ resendAvailableAt: string }>();
    const tooSoon = await b.post('/api/auth/second-factor/send', {});
    expect(tooSoon.statusCode).toBe(429);
    expect(errorOf(tooSoon).code).toBe('resend_too_soon');
    expect(tooSoon.headers['retry-after']).toBeDefined();
    t.clock.set(resendAvailableAt);
    expect((await b.post('/api/auth/second-factor/send', {})).statusCode).toBe(200);
  });

  it('cannot replace a number on file from the security screen', async () => {
    const { user, b } = await pending();
    const r = await b.post('/api/auth/second-factor/send', { mobilePhone: '07 11 22 33 44' });
    expect(r.statusCode).toBe(400);
    expect(errorOf(r).code).toBe('phone_on_file');
    expect(await lastMessageTo(t.ctx, '+33711223344', 'sms')).toBeUndefined();
    expect(user.mobile_phone).not.toBe('+33711223344');
  });

  it('asks for a number when the account has none, and keeps it once the code is checked', async () => {
    const user = await newEmployer({ mobilePhone: null });
    const b = browser(t.app);
    const signIn = await b.post('/api/auth/sign-in', {
      email: user.email,
      password: user.password,
    });
    expect(signIn.json()).toMatchObject({ status: 'second_factor_required', maskedPhone: null });
    expect(errorOf(await b.post('/api/auth/second-factor/send', {})).code).toBe('phone_required');
    const sent = await b.post('/api/auth/second-factor/send', { mobilePhone: '07 98 76 54 32' });
    expect(sent.json()).toMatchObject({ maskedPhone: '+33 7 •• •• •• 32' });
    const code = await lastCodeSentTo(t.ctx, '+33798765432');
    expect((await b.post('/api/auth/second-factor/verify', { code })).statusCode).toBe(200);
    const saved = await loadUser(t.ctx.db, user.id);
    expect(saved.mobile_phone).toBe('+33798765432');
  });
});

describe('throttling', () => {
  it('after 5 failures, asks a captcha or a growing wait, never refusing a solved captcha with the right password', async () => {
    const user = await newEmployer();
    const b = browser(t.app, { ip: '192.0.2.50' });
    for (let i = 0; i < 5; i++) {
      const r = await b.post('/api/auth/sign-in', { email: user.email, password: `wrong-${i}` });
      expect(r.statusCode).toBe(401);
    }
    const blocked = await b.post('/api/auth/sign-in', {
      email: user.email,
      password: user.password,
    });
    expect(blocked.statusCode).toBe(429);
    expect(errorOf(blocked)).toMatchObject({
      code: 'captcha_required',
      message: expect.stringMatching(/«\sJe ne suis pas un robot\s».*réessayez dans 15 secondes/),
    });
    // The same answer for an unknown address with the same history.
    for (let i = 0; i < 5; i++)
      await b.post('/api/auth/sign-in', { email: 'ghost@exemple.fr', password: `x-${i}` });
    const ghost = await b.post('/api/auth/sign-in', { email: 'ghost@exemple.fr', password: 'x' });
    expect(ghost.statusCode).toBe(429);
    expect(errorOf(ghost).code).toBe('captcha_required');

    // A solved captcha lets the right password through at once, without waiting.
    const solved = await signInWithCaptcha(b, user);
    expect(solved.statusCode).toBe(200);
  });

  it('lets the right password through once the delay has passed', async () => {
    const user = await newEmployer();
    const b = browser(t.app, { ip: '192.0.2.52' });
    for (let i = 0; i < 5; i++)
      await b.post('/api/auth/sign-in', { email: user.email, password: `wrong-${i}` });
    t.clock.advance(16_000);
    const ok = await b.post('/api/auth/sign-in', { email: user.email, password: user.password });
    expect(ok.statusCode).toBe(200);
  });

  it('cannot be used to lock the owner out: past 25 failures a day, a solved captcha with the right password signs in, and the owner is emailed once', async () => {
    const user = await newEmployer();
    const b = browser(t.app, { ip: '192.0.2.51' });
    // An attacker's 25 wrong passwords over a few hours, from rotating addresses.
    for (let i = 0; i < 25; i++) {
      const r = await b.post('/api/auth/sign-in', { email: user.email, password: `wrong-${i}` });
      expect(r.statusCode, `attempt ${i + 1}`).toBe(401);
      t.clock.advance(16 * 60_000); // past any growing delay
      if (i % 10 === 9) b.setIp(`192.0.2.${60 + i}`); // stay under the per-address limit
    }
    const owner = browser(t.app, { ip: '198.51.100.25' });
    // Without the captcha, the right password is not checked: the answer asks for it.
    const asked = await owner.post('/api/auth/sign-in', {
      email: user.email,
      password: user.password,
    });
    expect(asked.statusCode).toBe(429);
    expect(errorOf(asked)).toMatchObject({
      code: 'captcha_required',
      message: expect.stringMatching(/«\sJe ne suis pas un robot\s».*«\sMot de passe oublié/),
    });
    const forged = await owner.post('/api/auth/sign-in', {
      email: user.email,
      password: user.password,
      captcha: 'bm9wZQ==',
    });
    expect(forged.statusCode).toBe(400);
    expect(errorOf(forged).code).toBe('captcha_invalid');
    // A captcha does not make a wrong password right, and is accepted once only.
    const captcha = await solveCaptcha(t.app);
    const wrong = await b.post('/api/auth/sign-in', {
      email: user.email,
      password: 'wrong-again',
      captcha,
    });
    expect(wrong.statusCode).toBe(401);
    expect(errorOf(wrong).code).toBe('invalid_credentials');
    const replayed = await owner.post('/api/auth/sign-in', {
      email: user.email,
      password: user.password,
      captcha,
    });
    expect(errorOf(replayed).code).toBe('captcha_invalid');
    // The owner: a solved captcha with the right password signs in, the same day.
    const signedIn = await signInWithCaptcha(owner, user);
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json()).toMatchObject({ status: 'second_factor_required' });

    // One email about the failed attempts, in French, with the way in by « Mot de passe oublié ».
    const notices = await t.ctx.db
      .selectFrom('outbox')
      .selectAll()
      .where('recipient', '=', user.email)
      .where('template', '=', 'sign_in_failures_notice')
      .execute();
    expect(notices).toHaveLength(1);
    expect(notices[0]!.subject).toMatch(/^Tentatives de connexion refusées sur votre compte/);
    expect(notices[0]!.body_text).toContain('25 tentatives');
    expect(notices[0]!.body_text).toContain('Je ne suis pas un robot');
    expect(notices[0]!.body_text).toContain('/mot-de-passe-oublie');

    // The restriction lifts the next day, never for good.
    t.clock.advance(24 * 3600_000);
    expect(
      (await b.post('/api/auth/sign-in', { email: user.email, password: user.password }))
        .statusCode,
    ).toBe(200);
  });

  it('limits the attempts of one address', async () => {
    const b = browser(t.app, { ip: '192.0.2.99' });
    let last = 0;
    for (let i = 0; i < 51; i++) {
      last = (await b.post('/api/auth/sign-in', { email: `someone${i}@exemple.fr`, password: 'x' }))
        .statusCode;
    }
    expect(last).toBe(429);
  });
});

describe('sessions', () => {
  it('end after 30 minutes without activity', async () => {
    const user = await newEmployer();
    const b = browser(t.app);
    await signInAs(b, t.ctx, user);
    t.clock.advance(SESSION_IDLE_MS - 60_000);
    expect((await b.get('/api/auth/me')).statusCode).toBe(200);
    t.clock.advance(SESSION_IDLE_MS - 60_000); // active 29 minutes ago: still alive
    expect((await b.get('/api/auth/me')).statusCode).toBe(200);
    t.clock.advance(SESSION_IDLE_MS + 1000);
    const res = await b.get('/api/auth/me');
    expect(res.statusCode).toBe(401);
    expect(errorOf(res).code).toBe('unauthenticated');
  });

  it('end after 12 hours even when active', async () => {
    const user = await newEmployer();
    const b = browser(t.app);
    await signInAs(b, t.ctx, user);
    for (let elapsed = 0; elapsed < SESSION_ABSOLUTE_MS - 20 * 60_000; elapsed += 20 * 60_000) {
      t.clock.advance(20 * 60_000);
      expect((await b.get('/api/auth/me')).statusCode).toBe(200);
    }
    t.clock.advance(25 * 60_000);
    expect((await b.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('« Se déconnecter » ends the session on the server', async () => {
    const user = await newEmployer();
    const b = browser(t.app);
    await signInAs(b, t.ctx, user);
    const token = b.jar.get('__Host-affilia_session')!;
    expect((await b.post('/api/auth/sign-out')).statusCode).toBe(200);
    const replay = browser(t.app);
    replay.jar.set('__Host-affilia_session', token);
    expect((await replay.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('lists my open sessions and closes one, never another user’s', async () => {
    const user = await newEmployer();
    const laptop = browser(t.app, { ip: '203.0.113.1' });
    const phone = browser(t.app, {
      ip: '203.0.113.2',
      userAgent:
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1',
    });
    await signInAs(laptop, t.ctx, user);
    await signInAs(phone, t.ctx, user);
    const list = (await laptop.get('/api/auth/sessions')).json<{
      sessions: { id: string; current: boolean; browser: string }[];
    }>();
    expect(list.sessions).toHaveLength(2);
    expect(list.sessions.find((s) => s.current)?.browser).toBe('Chrome sur Windows');
    const phoneSession = list.sessions.find((s) => !s.current)!;
    expect(phoneSession.browser).toBe('Safari sur iOS');

    const intruder = await newEmployer();
    const other = browser(t.app);
    await signInAs(other, t.ctx, intruder);
    expect((await other.delete(`/api/auth/sessions/${phoneSession.id}`)).statusCode).toBe(404);

    expect((await laptop.delete(`/api/auth/sessions/${phoneSession.id}`)).statusCode).toBe(200);
    expect((await phone.get('/api/auth/me')).statusCode).toBe(401);
    expect((await laptop.get('/api/auth/me')).statusCode).toBe(200);
  });
});

describe('authenticator app (TOTP)', () => {
  it('replaces SMS codes once confirmed, with single-use recovery codes', async () => {
    const user = await newEmployer();
    const b = browser(t.app);
    await signInAs(b, t.ctx, user);
    expect((await b.post('/api/auth/totp/setup', { password: 'wrong' })).statusCode).toBe(400);
    const setup = await b.post('/api/auth/totp/setup', { password: user.password });
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUrl, qrCodeDataUrl } = setup.json<{
      secret: string;
      otpauthUrl: string;
      qrCodeDataUrl: string;
    }>();
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    expect(qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
    const totp = new OTPAuth.TOTP({
      secret: OTPAuth.Secret.fromBase32(secret),
      digits: 6,
      period: 30,
    });
    const enabled = await b.post('/api/auth/totp/enable', {
      code: totp.generate({ timestamp: t.clock.now().getTime() }),
    });
    expect(enabled.statusCode).toBe(200);
    const { recoveryCodes } = enabled.json<{ recoveryCodes: string[] }>();
    expect(recoveryCodes).toHaveLength(10);
    expect((await lastMessageTo(t.ctx, user.email, 'email'))?.subject).toMatch(
      /double authentification/,
    );
    expect((await b.get('/api/auth/me')).json()).toMatchObject({ secondFactor: 'totp' });

    // A new browser now asks for the app's code, not an SMS.
    const other = browser(t.app);
    const signIn = await other.post('/api/auth/sign-in', {
      email: user.email,
      password: user.password,
    });
    expect(signIn.json()).toMatchObject({ status: 'second_factor_required', method: 'totp' });
    expect((await other.post('/api/auth/second-factor/send', {})).statusCode).toBe(400);
    t.clock.advance(60_000);
    const ok = await other.post('/api/auth/second-factor/verify', {
      code: totp.generate({ timestamp: t.clock.now().getTime() }),
    });
    expect(ok.json()).toMatchObject({ status: 'signed_in' });

    // A recovery code works once.
    const third = browser(t.app);
    await third.post('/api/auth/sign-in', { email: user.email, password: user.password });
    expect(
      (await third.post('/api/auth/second-factor/verify', { code: recoveryCodes[0] })).statusCode,
    ).toBe(200);
    const fourth = browser(t.app);
    await fourth.post('/api/auth/sign-in', { email: user.email, password: user.password });
    expect(
      (await fourth.post('/api/auth/second-factor/verify', { code: recoveryCodes[0] })).statusCode,
    ).toBe(400);

    const audit = await auditActions(t.ctx, { actor: user.id });
    expect(audit).toContain('auth.totp_enabled');

    expect((await b.post('/api/auth/totp/disable', { password: user.password })).statusCode).toBe(
      200,
    );
    expect((await b.get('/api/auth/me')).json()).toMatchObject({ secondFactor: 'sms' });
  });
});
