import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordEvaluatorLoaded } from '@affilia/shared/domain/password-policy';
import { browser, buildTestApp, type TestApp } from '../../test/helper';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('the password estimator, loaded with the first password chosen', () => {
  it('is not loaded at start', () => {
    expect(passwordEvaluatorLoaded()).toBe(false);
  });

  it('is loaded before the body of every route that chooses a password is validated', () => {
    // printRoutes: each route's line, then a line per kind of hook.
    const hooked: string[] = [];
    for (const method of ['POST', 'PUT', 'PATCH'] as const) {
      let route = '';
      const lines = t.app.printRoutes({ method, includeHooks: true, commonPrefix: false });
      for (const line of lines.split('\n')) {
        const text = line.replace(/^[\s│├└─]+/, '');
        if (!text.startsWith('•')) route = text;
        else if (text.includes('loadPasswordEstimator')) hooked.push(route);
      }
    }
    expect(hooked.sort()).toEqual([
      '/api/auth/activation/complete (POST)',
      '/api/auth/invitation/accept (POST)',
      '/api/auth/password/reset (POST)',
      '/api/profile/password (POST)',
    ]);
  });

  it('the first request judges the strength (the French error of the policy), not only the length', async () => {
    expect(passwordEvaluatorLoaded()).toBe(false);
    const res = await browser(t.app).post('/api/auth/password/reset', {
      token: 'x'.repeat(40),
      password: 'motdepasse12',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      error: {
        code: 'validation_error',
        fields: { password: expect.stringContaining('trop facile à deviner') },
      },
    });
    expect(passwordEvaluatorLoaded()).toBe(true);
  });
});
