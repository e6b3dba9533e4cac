/**
 * The self-hosted captcha (« Je ne suis pas un robot », SPEC §4.1 and §9): an ALTCHA
 * proof-of-work challenge, no third-party service involved.
 *
 * - The server signs each challenge (HMAC, secrets derived from the data key, so every instance
 *   of the app signs and verifies alike without any extra configuration).
 * - Deterministic mode: the server picks the counter the browser must find and signs the key it
 *   derives from it, so the browser's work is bounded (about `counter × cost` PBKDF2 iterations,
 *   shared among its web workers) and checking a solution costs the server one HMAC.
 * - A challenge lives 10 minutes. Its expiry is signed in `parameters.data.expiresAt` and checked
 *   against the app's clock (`now`), not by the library, which reads the system clock and
 *   would ignore the clock tests move. The widget is not given `parameters.expiresAt`: it would
 *   compare it with the visitor's own clock, which may be wrong by more than 10 minutes; the web
 *   component times the lifetime itself from `data.issuedAt` / `data.expiresAt`.
 * - A solved challenge is accepted once: its signature is recorded in `rate_limits`
 *   (`captcha:<signature>`), shared by every app instance; a second insert conflicts.
 */
import { z } from 'zod';
import { createChallenge, randomInt, verifySolution, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import type { AppContext } from './context';
import { AppError } from './errors';

type CaptchaContext = Pick<AppContext, 'db' | 'cipher' | 'config'>;

/** How long a challenge may be solved and then used. */
export const CAPTCHA_TTL_MS = 10 * 60_000;

const ALGORITHM = 'PBKDF2/SHA-256';
/** Longer than any real payload (about 800 characters); the API schema allows 10,000. */
const MAX_PAYLOAD_LENGTH = 10_000;

/**
 * The work asked of the browser: about `counter × cost` PBKDF2-SHA256 iterations, which the
 * widget spreads over one web worker per core. Measured in Chromium on a 2-core machine: 0.58 ms
 * per counter value at cost 5,000 (about 4.3 million iterations a second per worker), so a
 * counter of 900 to 2,500 takes 0.5 to 1.5 s. Tests use a tiny one so that the suite solves
 * challenges instantly.
 */
export function captchaDifficulty(env: CaptchaContext['config']['env']): {
  cost: number;
  counterMin: number;
  counterMax: number;
} {
  return env === 'test'
    ? { cost: 10, counterMin: 5, counterMax: 20 }
    : { cost: 5_000, counterMin: 900, counterMax: 2_500 };
}

function secrets(ctx: CaptchaContext) {
  return {
    hmacSignatureSecret: ctx.cipher.hash('altcha/challenge-signature'),
    hmacKeySignatureSecret: ctx.cipher.hash('altcha/key-signature'),
  };
}

/** A new signed challenge, as the `altcha` widget expects it from GET /api/captcha/challenge. */
export async function createCaptchaChallenge(ctx: CaptchaContext, now: Date): Promise<Challenge> {
  const { cost, counterMin, counterMax } = captchaDifficulty(ctx.config.env);
  const issuedAt = Math.floor(now.getTime() / 1000);
  return createChallenge({
    algorithm: ALGORITHM,
    cost,
    counter: randomInt(counterMax, counterMin),
    deriveKey,
    data: { issuedAt, expiresAt: issuedAt + CAPTCHA_TTL_MS / 1000 },
    ...secrets(ctx),
  });
}

const hex = z.string().regex(/^[0-9a-f]+$/);
/** The widget's payload: base64 of `{ challenge: { parameters, signature }, solution }`. */
const PayloadSchema = z.object({
  challenge: z.object({
    // Loose: the signature covers every field as sent, so none may be dropped.
    parameters: z.looseObject({
      algorithm: z.literal(ALGORITHM),
      nonce: hex,
      salt: hex,
      cost: z.number().int().positive(),
      keyLength: z.number().int().positive(),
      keyPrefix: hex,
      keySignature: hex,
      data: z.looseObject({ expiresAt: z.number().int().positive() }),
    }),
    signature: hex,
  }),
  solution: z.object({
    counter: z.number().int().nonnegative(),
    derivedKey: hex,
    time: z.number().optional(),
  }),
});

function parsePayload(payload: unknown) {
  if (typeof payload !== 'string' || payload.length > MAX_PAYLOAD_LENGTH) return null;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(payload)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
  } catch {
    return null;
  }
  if (!PayloadSchema.safeParse(json).success) return null;
  // The payload as sent, not zod's copy: every key it holds must be covered by the signature.
  const { challenge, solution } = json as z.infer<typeof PayloadSchema>;
  return {
    challenge: challenge as Challenge,
    solution,
    expiresAtMs: challenge.parameters.data.expiresAt * 1000,
  };
}

/**
 * True when `payload` (the widget's value) solves one of our challenges, unexpired at `now` and
 * not used before; it is then marked used. Anything else is false, never a throw.
 */
export async function verifyCaptcha(
  ctx: CaptchaContext,
  payload: string,
  now: Date,
): Promise<boolean> {
  const parsed = parsePayload(payload);
  if (!parsed) return false;
  const { challenge, solution, expiresAtMs } = parsed;
  if (expiresAtMs <= now.getTime()) return false;

  try {
    const result = await verifySolution({ challenge, solution, deriveKey, ...secrets(ctx) });
    if (!result.verified) return false;
  } catch {
    return false;
  }

  // Once only. The row's window is the challenge's expiry: fixed for a given challenge (key and
  // window form the primary key), and a row whose window has passed belongs to a challenge that
  // is refused anyway, so it can go.
  const inserted = await ctx.db
    .insertInto('rate_limits')
    .values({
      key: `captcha:${challenge.signature}`,
      window_start: new Date(expiresAtMs).toISOString(),
      count: 1,
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) return false;

  await ctx.db
    .deleteFrom('rate_limits')
    .where('key', 'like', 'captcha:%')
    .where('window_start', '<', now.toISOString())
    .execute();
  return true;
}

/** The answer to a captcha payload that `verifyCaptcha` refused (every form that asks one). */
export const captchaInvalid = () =>
  new AppError(
    'captcha_invalid',
    400,
    'La vérification « Je ne suis pas un robot » a échoué. Recommencez.',
    { captcha: 'Cochez à nouveau « Je ne suis pas un robot »' },
  );
