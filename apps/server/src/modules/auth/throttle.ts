import type { AppContext } from '../../lib/context';
import { tooManyAttempts } from '../../lib/errors';
import { clearCounters, hitRateLimit, readCounter } from '../../lib/rate-limit';

/**
 * Sign-in throttling of SPEC §9 (CNIL's "restrictions" case): per account, a growing delay after
 * 5 failures and at most 25 failures a day; per IP address, a rate limit. Counters are keyed by
 * a keyed hash of the email, whether or not an account exists, so that the answers never tell.
 * Nothing locks an account for good: the day's counter starts again the next day.
 */
export const FREE_FAILURES = 5;
export const DAILY_FAILURES = 25;
export const IP_ATTEMPTS_PER_15_MIN = 50;
const DAY_MS = 86_400_000;

type Ctx = Pick<AppContext, 'db' | 'clock' | 'cipher'>;

/** Seconds to wait after `failures` failures in the day (0 for the first five). */
export function delayAfterFailures(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(15 * 2 ** (failures - FREE_FAILURES), 15 * 60);
}

const keys = (ctx: Ctx, email: string) => {
  const h = ctx.cipher.hash(`sign-in:${email.toLowerCase()}`);
  return { day: `signin-fail:${h}`, last: `signin-last:${h}` };
};

function dayWindow(now: Date): string {
  return new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS).toISOString();
}

function waitMessage(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return seconds < 60
    ? `Trop de tentatives de connexion. Réessayez dans ${seconds} secondes.`
    : `Trop de tentatives de connexion. Réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.`;
}

/** Throws too_many_attempts when this address or this account must wait. Counts the IP's try. */
export async function assertSignInAllowed(ctx: Ctx, email: string, ip: string): Promise<void> {
  const now = ctx.clock.now();
  const ipHit = await hitRateLimit(ctx.db, `signin-ip:${ip}`, {
    limit: IP_ATTEMPTS_PER_15_MIN,
    windowMs: 15 * 60_000,
    now,
  });
  if (!ipHit.allowed)
    throw tooManyAttempts(waitMessage(ipHit.retryAfterSeconds), ipHit.retryAfterSeconds);

  const k = keys(ctx, email);
  const failures = await readCounter(ctx.db, k.day, dayWindow(now));
  if (failures >= DAILY_FAILURES) {
    throw tooManyAttempts(
      'Trop de tentatives de connexion aujourd’hui. Réessayez demain, ou réinitialisez votre mot de passe avec « Mot de passe oublié ? ».',
      Math.ceil((Date.parse(dayWindow(now)) + DAY_MS - now.getTime()) / 1000),
    );
  }
  const delay = delayAfterFailures(failures);
  if (delay === 0) return;
  const last = await ctx.db
    .selectFrom('rate_limits')
    .select('window_start')
    .where('key', '=', k.last)
    .executeTakeFirst();
  if (!last) return;
  const waitUntil = Date.parse(last.window_start) + delay * 1000;
  if (now.getTime() < waitUntil) {
    const seconds = Math.ceil((waitUntil - now.getTime()) / 1000);
    throw tooManyAttempts(waitMessage(seconds), seconds);
  }
}

export async function recordSignInFailure(ctx: Ctx, email: string): Promise<void> {
  const now = ctx.clock.now();
  const k = keys(ctx, email);
  await hitRateLimit(ctx.db, k.day, { limit: DAILY_FAILURES, windowMs: DAY_MS, now });
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('rate_limits').where('key', '=', k.last).execute();
    await trx
      .insertInto('rate_limits')
      .values({ key: k.last, window_start: now.toISOString(), count: 1 })
      .execute();
  });
}

export async function clearSignInFailures(ctx: Ctx, email: string): Promise<void> {
  const k = keys(ctx, email);
  await clearCounters(ctx.db, k.day);
  await clearCounters(ctx.db, k.last);
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
