import { describe, expect, it } from 'vitest';
import {
  browser,
  errorOf,
  lastLinkSentTo,
  lastMessageTo,
  signInAs,
  useTestApp,
  auditActions,
} from '../../../test/helper';
import { solveCaptcha } from '../../../test/captcha';
import { createCompany, createEmployerUser, createStaffUser } from '../../../test/factories';
import { PASSWORD_RESET_TTL_MS } from './links.service';

const t = useTestApp();

const NEW_PASSWORD = 'Glycine-Boussole-Renard-7';

async function employer() {
  const company = await createCompany(t.ctx.db);
  return createEmployerUser(t.ctx.db, [{ company, role: 'user' }]);
}

async function forgot(email: string, space: 'employer' | 'backoffice' = 'employer') {
  return browser(t.app).post('/api/auth/password/forgot', {
    email,
    space,
    captcha: await solveCaptcha(t.app),
  });
}

describe('« Mot de passe oublié »', () => {
  it('answers the same whether the address exists or not', async () => {
    const user = await employer();
    const known = await forgot(user.email);
    const unknown = await forgot('inconnu@exemple.fr');
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(known.body).toBe(unknown.body);
    expect(await lastMessageTo(t.ctx, 'inconnu@exemple.fr', 'email')).toBeUndefined();
    expect((await lastMessageTo(t.ctx, user.email, 'email'))?.subject).toMatch(/Réinitialisation/);
  });

  it('needs the captcha', async () => {
    const user = await employer();
    const res = await browser(t.app).post('/api/auth/password/forgot', {
      email: user.email,
      captcha: 'nope',
    });
    expect(errorOf(res).code).toBe('captcha_invalid');
  });

  it('resets the password once, and ends every session of the account', async () => {
    const user = await employer();
    const laptop = browser(t.app);
    await signInAs(laptop, t.ctx, user);
    await forgot(user.email);
    const token = (await lastLinkSentTo(t.ctx, user.email)).split(
      '/reinitialiser-mot-de-passe/',
    )[1]!;
    const check = await browser(t.app).post('/api/auth/password/reset/check', { token });
    expect(check.json()).toEqual({ email: user.email });
    const weak = await browser(t.app).post('/api/auth/password/reset', {
      token,
      password: 'azertyuiop12',
    });
    expect(weak.statusCode).toBe(400);
    const ok = await browser(t.app).post('/api/auth/password/reset', {
      token,
      password: NEW_PASSWORD,
    });
    expect(ok.statusCode).toBe(200);
    expect((await laptop.get('/api/auth/me')).statusCode).toBe(401);
    const reused = await browser(t.app).post('/api/auth/password/reset', {
      token,
      password: NEW_PASSWORD,
    });
    expect(errorOf(reused).code).toBe('link_used');
    const oldPassword = await browser(t.app).post('/api/auth/sign-in', {
      email: user.email,
      password: user.password,
    });
    expect(oldPassword.statusCode).toBe(401);
    const b = browser(t.app);
    await signInAs(b, t.ctx, { ...user, password: NEW_PASSWORD });
    expect((await b.get('/api/auth/me')).statusCode).toBe(200);
    expect(await auditActions(t.ctx, { actor: user.id })).toContain('auth.password_reset');
  });

  it('expires the link after 20 minutes', async () => {
    const user = await employer();
    await forgot(user.email);
    const token = (await lastLinkSentTo(t.ctx, user.email)).split(
      '/reinitialiser-mot-de-passe/',
    )[1]!;
    t.clock.advance(PASSWORD_RESET_TTL_MS + 1000);
    const res = await browser(t.app).post('/api/auth/password/reset', {
      token,
      password: NEW_PASSWORD,
    });
    expect(res.statusCode).toBe(410);
    expect(errorOf(res).code).toBe('link_expired');
  });

  it('refuses the current password as the new one, next to the field, and keeps the link', async () => {
    const user = await employer();
    await forgot(user.email);
    const token = (await lastLinkSentTo(t.ctx, user.email)).split(
      '/reinitialiser-mot-de-passe/',
    )[1]!;
    const same = await browser(t.app).post('/api/auth/password/reset', {
      token,
      password: user.password,
    });
    expect(same.statusCode).toBe(400);
    expect(errorOf(same)).toMatchObject({
      code: 'password_unchanged',
      message: 'Choisissez un mot de passe différent de l’actuel.',
      fields: { password: 'Choisissez un mot de passe différent de l’actuel' },
    });
    // The link still works for a different password.
    const ok = await browser(t.app).post('/api/auth/password/reset', {
      token,
      password: NEW_PASSWORD,
    });
    expect(ok.statusCode).toBe(200);
  });

  it('resets a back-office password from the back-office door only', async () => {
    const staff = await createStaffUser(t.ctx.db);
    await forgot(staff.email, 'employer');
    expect(await lastMessageTo(t.ctx, staff.email, 'email')).toBeUndefined();
    await forgot(staff.email, 'backoffice');
    expect(await lastMessageTo(t.ctx, staff.email, 'email')).toBeDefined();
  });
});
