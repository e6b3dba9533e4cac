import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { buildTestApp, type TestApp } from '../../../test/helper';
import { CAPTCHA_TTL_MS, verifyCaptcha } from '../../lib/captcha';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

/** Does what the `altcha` widget does: fetches a challenge, solves it, builds the payload. */
async function solveThroughTheRoute(): Promise<string> {
  const res = await t.app.inject('/api/captcha/challenge');
  expect(res.statusCode).toBe(200);
  const challenge = res.json<Challenge>();
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error('not solved');
  return btoa(
    JSON.stringify({
      challenge: { parameters: challenge.parameters, signature: challenge.signature },
      solution,
    }),
  );
}

describe('GET /api/captcha/challenge', () => {
  it('answers a fresh signed challenge to anyone, never cached', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/captcha/challenge' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-type']).toContain('application/json');
    const body = res.json<Challenge>();
    expect(body).toEqual({
      parameters: {
        algorithm: 'PBKDF2/SHA-256',
        nonce: expect.stringMatching(/^[0-9a-f]{32}$/),
        salt: expect.stringMatching(/^[0-9a-f]{32}$/),
        cost: expect.any(Number),
        keyLength: 32,
        keyPrefix: expect.stringMatching(/^[0-9a-f]+$/),
        keySignature: expect.stringMatching(/^[0-9a-f]{64}$/),
        data: {
          issuedAt: t.clock.now().getTime() / 1000,
          expiresAt: (t.clock.now().getTime() + CAPTCHA_TTL_MS) / 1000,
        },
      },
      signature: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const again = await t.app.inject('/api/captcha/challenge');
    expect(again.json<Challenge>().parameters.nonce).not.toBe(body.parameters.nonce);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await t.app.inject('/api/docs/json')).json<{ paths: Record<string, unknown> }>();
    expect(doc.paths).toHaveProperty('/api/captcha/challenge');
  });

  it('gives challenges that the server accepts once solved, once only', async () => {
    const payload = await solveThroughTheRoute();
    expect(await verifyCaptcha(t.ctx, payload, t.ctx.clock.now())).toBe(true);
    expect(await verifyCaptcha(t.ctx, payload, t.ctx.clock.now())).toBe(false);
  });

  it('gives challenges that expire after 10 minutes of the app clock', async () => {
    const payload = await solveThroughTheRoute();
    t.clock.advance(CAPTCHA_TTL_MS + 1);
    expect(await verifyCaptcha(t.ctx, payload, t.ctx.clock.now())).toBe(false);
  });

  it('refuses a tampered payload and garbage', async () => {
    const payload = await solveThroughTheRoute();
    const p = JSON.parse(atob(payload)) as { challenge: { parameters: { cost: number } } };
    p.challenge.parameters.cost += 1;
    expect(await verifyCaptcha(t.ctx, btoa(JSON.stringify(p)), t.ctx.clock.now())).toBe(false);
    for (const garbage of ['', 'nope', btoa('{}'), '\u0000'.repeat(50)]) {
      expect(await verifyCaptcha(t.ctx, garbage, t.ctx.clock.now())).toBe(false);
    }
    expect(await verifyCaptcha(t.ctx, payload, t.ctx.clock.now())).toBe(true);
  });
});
