import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { buildTestApp, type TestApp } from '../../test/helper';
import {
  CAPTCHA_TTL_MS,
  captchaDifficulty,
  createCaptchaChallenge,
  verifyCaptcha,
} from './captcha';
import { createFieldCipher } from './crypto';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

const now = () => t.ctx.clock.now();

/** What the widget sends: base64 of `{ challenge: { parameters, signature }, solution }`. */
function widgetPayload(challenge: Challenge, solution: unknown): string {
  return btoa(
    JSON.stringify({
      challenge: { parameters: challenge.parameters, signature: challenge.signature },
      solution,
    }),
  );
}

async function solved(ctx = t.ctx) {
  const challenge = await createCaptchaChallenge(ctx, ctx.clock.now());
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error('not solved');
  return { challenge, solution, payload: widgetPayload(challenge, solution) };
}

function decode(payload: string) {
  return JSON.parse(atob(payload)) as {
    challenge: Challenge & { parameters: Record<string, unknown> };
    solution: { counter: number; derivedKey: string; time?: number };
  };
}
const encode = (value: unknown) => btoa(JSON.stringify(value));

describe('createCaptchaChallenge', () => {
  it('signs a deterministic PBKDF2 challenge that expires 10 minutes after `now`', async () => {
    const at = now();
    const c = await createCaptchaChallenge(t.ctx, at);
    expect(c.signature).toMatch(/^[0-9a-f]{64}$/);
    expect(c.parameters).toMatchObject({
      algorithm: 'PBKDF2/SHA-256',
      keySignature: expect.stringMatching(/^[0-9a-f]{64}$/),
      data: {
        issuedAt: at.getTime() / 1000,
        expiresAt: (at.getTime() + CAPTCHA_TTL_MS) / 1000,
      },
    });
    // The widget would time the expiry with the visitor's clock: the component does it instead.
    expect(c.parameters.expiresAt).toBeUndefined();
    const other = await createCaptchaChallenge(t.ctx, at);
    expect(other.parameters.nonce).not.toBe(c.parameters.nonce);
  });

  it('asks real work outside tests: cost 5,000 × a counter of 900 to 2,500', async () => {
    expect(captchaDifficulty('production')).toEqual({
      cost: 5_000,
      counterMin: 900,
      counterMax: 2_500,
    });
    expect(captchaDifficulty('development')).toEqual(captchaDifficulty('production'));
    const prod = { ...t.ctx, config: { ...t.ctx.config, env: 'production' as const } };
    const c = await createCaptchaChallenge(prod, now());
    expect(c.parameters.cost).toBe(5_000);
  });
});

describe('verifyCaptcha', () => {
  it('accepts a solved challenge once, then refuses it (replay)', async () => {
    const { payload, challenge } = await solved();
    expect(await verifyCaptcha(t.ctx, payload, now())).toBe(true);
    expect(await verifyCaptcha(t.ctx, payload, now())).toBe(false);
    t.clock.advance(60_000);
    expect(await verifyCaptcha(t.ctx, payload, now())).toBe(false);
    const row = await t.ctx.db
      .selectFrom('rate_limits')
      .selectAll()
      .where('key', '=', `captcha:${challenge.signature}`)
      .execute();
    expect(row).toHaveLength(1);
  });

  it('accepts only one of two simultaneous submissions of the same payload', async () => {
    const { payload } = await solved();
    const results = await Promise.all([
      verifyCaptcha(t.ctx, payload, now()),
      verifyCaptcha(t.ctx, payload, now()),
      verifyCaptcha(t.ctx, payload, now()),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('accepts a payload until the challenge is 10 minutes old, not after', async () => {
    const late = await solved();
    const tooLate = await solved();
    t.clock.advance(CAPTCHA_TTL_MS - 1000);
    expect(await verifyCaptcha(t.ctx, late.payload, now())).toBe(true);
    t.clock.advance(1000);
    expect(await verifyCaptcha(t.ctx, tooLate.payload, now())).toBe(false);
  });

  it('forgets used challenges once they have expired', async () => {
    const { payload, challenge } = await solved();
    expect(await verifyCaptcha(t.ctx, payload, now())).toBe(true);
    t.clock.advance(CAPTCHA_TTL_MS + 1000);
    // Any later successful verification sweeps the expired records.
    expect(await verifyCaptcha(t.ctx, (await solved()).payload, now())).toBe(true);
    const row = await t.ctx.db
      .selectFrom('rate_limits')
      .select('key')
      .where('key', '=', `captcha:${challenge.signature}`)
      .executeTakeFirst();
    expect(row).toBeUndefined();
    // And the expired payload stays refused, as expired.
    expect(await verifyCaptcha(t.ctx, payload, now())).toBe(false);
  });

  it('refuses a tampered payload', async () => {
    const tamperings: ((p: ReturnType<typeof decode>) => void)[] = [
      // A later expiry.
      (p) => {
        (p.challenge.parameters.data as { expiresAt: number }).expiresAt += 3600;
      },
      // Easier work.
      (p) => {
        p.challenge.parameters.cost = 1;
      },
      (p) => {
        p.challenge.parameters.keyPrefix = '00';
      },
      // Another key signature, another signature.
      (p) => {
        p.challenge.parameters.keySignature = '0'.repeat(64);
      },
      (p) => {
        p.challenge.signature = '0'.repeat(64);
      },
      (p) => {
        delete p.challenge.signature;
      },
      // A wrong answer.
      (p) => {
        p.solution.derivedKey = '0'.repeat(64);
      },
      (p) => {
        p.solution.derivedKey = p.solution.derivedKey.toUpperCase();
      },
      // An extra, unsigned parameter (e.g. an expiry for the widget).
      (p) => {
        p.challenge.parameters.expiresAt = 1;
      },
    ];
    for (const tamper of tamperings) {
      const { payload } = await solved();
      const p = decode(payload);
      tamper(p);
      expect(await verifyCaptcha(t.ctx, encode(p), now()), tamper.toString()).toBe(false);
      // The genuine payload is still good: the forgery did not burn it.
      expect(await verifyCaptcha(t.ctx, payload, now())).toBe(true);
    }
  });

  it('refuses a challenge signed with another data key', async () => {
    const otherCtx = { ...t.ctx, cipher: createFieldCipher(crypto.randomBytes(32)) };
    const { payload } = await solved(otherCtx);
    expect(await verifyCaptcha(t.ctx, payload, now())).toBe(false);
  });

  it('refuses an unsolved challenge', async () => {
    const challenge = await createCaptchaChallenge(t.ctx, now());
    const guess = { counter: 1, derivedKey: crypto.randomBytes(32).toString('hex') };
    expect(await verifyCaptcha(t.ctx, widgetPayload(challenge, guess), now())).toBe(false);
  });

  it('answers false, without throwing, for garbage', async () => {
    const { payload } = await solved();
    const p = decode(payload);
    const garbage: unknown[] = [
      '',
      'nope',
      'forged',
      '====',
      '%%%%',
      'a'.repeat(20_000),
      payload.slice(0, -10),
      payload + '!',
      btoa('not json'),
      encode(null),
      encode(42),
      encode([]),
      encode({}),
      encode({ challenge: null, solution: null, test: true }), // the widget's test mode
      encode({ challenge: p.challenge }),
      encode({ solution: p.solution }),
      encode({ ...p, solution: { ...p.solution, counter: -1 } }),
      encode({ ...p, solution: { ...p.solution, counter: '12' } }),
      encode({ ...p, solution: { ...p.solution, derivedKey: 'zz' } }),
      encode({ ...p, solution: { ...p.solution, derivedKey: 'abc' } }),
      encode({ ...p, challenge: { ...p.challenge, parameters: 'x' } }),
      encode({
        ...p,
        challenge: { ...p.challenge, parameters: { ...p.challenge.parameters, data: null } },
      }),
      encode({
        ...p,
        challenge: {
          ...p.challenge,
          parameters: { ...p.challenge.parameters, algorithm: 'SHA-1' },
        },
      }),
      // An own `__proto__` key (JSON.parse makes one; an object literal would not).
      btoa(JSON.stringify(p).replace('"parameters":{', '"parameters":{"__proto__":{"cost":1},')),
      // A v1 payload.
      encode({ algorithm: 'SHA-256', challenge: 'ab', number: 1, salt: 'x', signature: 'y' }),
      undefined,
      null,
      42,
      { challenge: p.challenge, solution: p.solution },
    ];
    for (const [i, value] of garbage.entries()) {
      expect(await verifyCaptcha(t.ctx, value as string, now()), `garbage #${i}`).toBe(false);
    }
    expect(await verifyCaptcha(t.ctx, payload, now())).toBe(true);
  });
});
