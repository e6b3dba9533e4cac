import { captchaInvalid, verifyCaptcha } from '../../lib/captcha';
import type { AppContext } from '../../lib/context';
import { AppError, tooManyAttempts } from '../../lib/errors';
import { clearCounters, hitRateLimit, readCounter } from '../../lib/rate-limit';
import { claimKeyOnce, findKeyStamp, restampKey } from './auth.repository';

/**
 * Sign-in throttling of SPEC §9. The rule follows the CNIL's recommendation on passwords
 * (délibération n° 2022-100 du 21 juillet 2022, JORF 16 octobre 2022, « cas n° 2 : mot de passe et
 * restriction d'accès au compte »): a password is accompanied by a restriction of access to the
 * account after failures, such as a delay that grows with the failures, a cap on attempts over a
 * period, or a mechanism against automated and intensive attempts (a captcha).
 *
 * Per account (a keyed hash of the email, whether or not an account exists, so that the answers
 * never tell): the first 5 failures of the day are free; then each attempt waits a growing delay
 * (15 s doubling up to 15 min) unless it carries a solved captcha; from 25 failures in the day,
 * every attempt needs a solved captcha. Per IP address, a rate limit.
 *
 * Nothing refuses the owner's right password: a refusal anyone can trigger by typing wrong
 * passwords (25 requests over a few hours) would lock the owner out (issue 14 #3). A captcha is
 * the restriction instead: it costs an automated guesser a proof of work on every attempt, and
 * the owner one tick of « Je ne suis pas un robot ». The owner is emailed once a day when the
 * day's failures reach 25, and « Mot de passe oublié » always works.
 */
export const FREE_FAILURES = 5;
export const DAILY_FAILURES = 25;
const DAY_MS = 86_400_000;

type Ctx = Pick<AppContext, 'db' | 'clock' | 'cipher'>;

/** Seconds to wait after `failures` failures in the day (0 for the first five). */
export function delayAfterFailures(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(15 * 2 ** (failures - FREE_FAILURES), 15 * 60);
}

const keys = (ctx: Ctx, email: string) => {
  const h = ctx.cipher.hash(`sign-in:${email.toLowerCase()}`);
  return { day: `signin-fail:${h}`, last: `signin-last:${h}`, alert: `signin-alert:${h}` };
};

function dayWindow(now: Date): string {
  return new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS).toISOString();
}

function waitText(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return seconds < 60 ? `${seconds} secondes` : `${minutes} minute${minutes > 1 ? 's' : ''}`;
}

function waitMessage(seconds: number): string {
  return `Trop de tentatives de connexion. Réessayez dans ${waitText(seconds)}.`;
}

/** The answer that asks the sign-in form to show « Je ne suis pas un robot » (stable code). */
function captchaRequired(message: string, retryAfterSeconds?: number): AppError {
  const err = new AppError('captcha_required', 429, message, {
    captcha: 'Cochez « Je ne suis pas un robot »',
  });
  if (retryAfterSeconds !== undefined) err.retryAfterSeconds = retryAfterSeconds;
  return err;
}

/** The account's restriction now: none, a wait (seconds), or the day's cap reached. */
async function restriction(
  ctx: Ctx,
  email: string,
  now: Date,
): Promise<{ kind: 'none' } | { kind: 'wait'; seconds: number } | { kind: 'capped' }> {
  const k = keys(ctx, email);
  const failures = await readCounter(ctx.db, k.day, dayWindow(now));
  if (failures >= DAILY_FAILURES) return { kind: 'capped' };
  const delay = delayAfterFailures(failures);
  if (delay === 0) return { kind: 'none' };
  const last = await findKeyStamp(ctx.db, k.last);
  if (!last) return { kind: 'none' };
  const waitUntil = Date.parse(last) + delay * 1000;
  if (now.getTime() >= waitUntil) return { kind: 'none' };
  return { kind: 'wait', seconds: Math.ceil((waitUntil - now.getTime()) / 1000) };
}

/**
 * Before the password is checked. Counts the IP's try. For the sign-in form (`opts.captcha`
 * given, possibly null): a restricted account needs a solved captcha (`captcha_required`, 429,
 * then `captcha_invalid`), never a plain refusal. For a re-authentication inside a session
 * (no `opts`, « Mon profil »), where no captcha is shown, the restriction refuses
 * (`too_many_attempts`) and « Mot de passe oublié » stays the way out.
 */
export async function assertSignInAllowed(
  ctx: Ctx & Pick<AppContext, 'config'>,
  email: string,
  ip: string,
  opts?: { captcha: string | null | undefined },
): Promise<void> {
  const now = ctx.clock.now();
  const ipHit = await hitRateLimit(ctx.db, `signin-ip:${ip}`, {
    limit: ctx.config.signInPerIpPer15Min,
    windowMs: 15 * 60_000,
    now,
  });
  if (!ipHit.allowed)
    throw tooManyAttempts(waitMessage(ipHit.retryAfterSeconds), ipHit.retryAfterSeconds);

  const state = await restriction(ctx, email, now);
  if (state.kind === 'none') return;

  if (!opts) {
    if (state.kind === 'wait') throw tooManyAttempts(waitMessage(state.seconds), state.seconds);
    throw tooManyAttempts(
      'Trop de tentatives de connexion aujourd’hui. Réessayez demain, ou réinitialisez votre mot de passe avec « Mot de passe oublié ? ».',
      Math.ceil((Date.parse(dayWindow(now)) + DAY_MS - now.getTime()) / 1000),
    );
  }
  if (opts.captcha) {
    if (await verifyCaptcha(ctx, opts.captcha, now)) return;
    throw captchaInvalid();
  }
  if (state.kind === 'wait') {
    throw captchaRequired(
      `Trop de tentatives de connexion. Cochez « Je ne suis pas un robot » puis reconnectez-vous, ou réessayez dans ${waitText(state.seconds)}.`,
      state.seconds,
    );
  }
  throw captchaRequired(
    'Trop de tentatives de connexion sur ce compte aujourd’hui. Cochez « Je ne suis pas un robot » puis reconnectez-vous. Mot de passe perdu ? Utilisez « Mot de passe oublié ? ».',
  );
}

/** Counts a failure; returns the day's failures for this email, this one included. */
export async function recordSignInFailure(ctx: Ctx, email: string): Promise<number> {
  const now = ctx.clock.now();
  const k = keys(ctx, email);
  const hit = await hitRateLimit(ctx.db, k.day, { limit: DAILY_FAILURES, windowMs: DAY_MS, now });
  await ctx.db.transaction().execute((trx) => restampKey(trx, k.last, now.toISOString()));
  return hit.count;
}

/**
 * True once a day per email, for the first caller once the day's failures reach 25: the owner
 * is told about the failed attempts once, not at every further one. A row keyed by the day,
 * inserted once (a concurrent second insert conflicts), shared by every app instance.
 */
export async function claimFailuresNotice(
  ctx: Ctx,
  email: string,
  failures: number,
): Promise<boolean> {
  if (failures < DAILY_FAILURES) return false;
  return claimKeyOnce(ctx.db, keys(ctx, email).alert, dayWindow(ctx.clock.now()));
}

export async function clearSignInFailures(ctx: Ctx, email: string): Promise<void> {
  const k = keys(ctx, email);
  await clearCounters(ctx.db, k.day);
  await clearCounters(ctx.db, k.last);
  // A new episode of failures after the owner's sign-in is told again.
  await clearCounters(ctx.db, k.alert);
}

/** A simple per-key limit for other public forms (activation, password reset, resends). */
export async function assertWithinLimit(
  ctx: Ctx,
  key: string,
  limit: number,
  windowMs: number,
  message = 'Trop de demandes. Réessayez dans quelques minutes.',
): Promise<void> {
  const hit = await hitRateLimit(ctx.db, key, { limit, windowMs, now: ctx.clock.now() });
  if (!hit.allowed) throw tooManyAttempts(message, hit.retryAfterSeconds);
}
