import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';

/**
 * Fixed-window counters in the database, shared by every app instance (SPEC §8).
 * `hitRateLimit` counts one event and says whether it is still within `limit` for the window:
 * one statement (insert … on conflict do update … returning, SQLite ≥ 3.35 and PostgreSQL), so
 * that simultaneous calls on several instances each get their own count — exactly `limit` pass.
 */
export async function hitRateLimit(
  db: Kysely<Database>,
  key: string,
  opts: { limit: number; windowMs: number; now: Date },
): Promise<{ allowed: boolean; count: number; retryAfterSeconds: number }> {
  const windowStartMs = Math.floor(opts.now.getTime() / opts.windowMs) * opts.windowMs;
  const windowStart = new Date(windowStartMs).toISOString();
  const { count } = await db
    .insertInto('rate_limits')
    .values({ key, window_start: windowStart, count: 1 })
    .onConflict((oc) =>
      oc.columns(['key', 'window_start']).doUpdateSet({ count: sql`rate_limits.count + 1` }),
    )
    .returning('count')
    .executeTakeFirstOrThrow();
  const retryAfterSeconds = Math.ceil((windowStartMs + opts.windowMs - opts.now.getTime()) / 1000);
  return { allowed: count <= opts.limit, count, retryAfterSeconds };
}

/** Reads a counter without counting. */
export async function readCounter(
  db: Kysely<Database>,
  key: string,
  windowStart: string,
): Promise<number> {
  const row = await db
    .selectFrom('rate_limits')
    .select('count')
    .where('key', '=', key)
    .where('window_start', '=', windowStart)
    .executeTakeFirst();
  return row?.count ?? 0;
}

export async function clearCounters(db: Kysely<Database>, keyPrefix: string): Promise<void> {
  await db.deleteFrom('rate_limits').where('key', 'like', `${keyPrefix}%`).execute();
}
