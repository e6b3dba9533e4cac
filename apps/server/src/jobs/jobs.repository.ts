/**
 * The jobs' repository: one row per job in `jobs_locks`, so that with several instances of the
 * server each job runs once per period. An instance claims the period's run when no run of that
 * period is done (`done_period`) and nobody holds the lease (`locked_until`, renewed while the run
 * lasts); it records the period done at the end. An instance killed mid-run stops renewing: its
 * lease expires within a minute and another instance takes the period over.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;

const leaseEnd = (now: Date, ttlMs: number) => new Date(now.getTime() + ttlMs).toISOString();

/** Claims the run of `name` for the period starting at `period` (an ISO instant). */
export async function claimRun(
  db: Db,
  input: { name: string; owner: string; now: Date; period: string; ttlMs: number },
): Promise<boolean> {
  await db
    .insertInto('jobs_locks')
    .values({
      name: input.name,
      locked_until: null,
      locked_by: null,
      last_run_at: null,
      done_period: null,
    })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  // One statement: of two instances claiming at once, one updates the row, the other finds the
  // lease taken.
  const result = await db
    .updateTable('jobs_locks')
    .set({ locked_until: leaseEnd(input.now, input.ttlMs), locked_by: input.owner })
    .where('name', '=', input.name)
    .where((eb) => eb.or([eb('done_period', 'is', null), eb('done_period', '<', input.period)]))
    .where((eb) =>
      eb.or([
        eb('locked_until', 'is', null),
        eb('locked_until', '<', input.now.toISOString()),
        eb('locked_by', '=', input.owner),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Extends the lease of a run in progress (while it is still ours). */
export async function renewLease(
  db: Db,
  input: { name: string; owner: string; now: Date; ttlMs: number },
): Promise<void> {
  await db
    .updateTable('jobs_locks')
    .set({ locked_until: leaseEnd(input.now, input.ttlMs) })
    .where('name', '=', input.name)
    .where('locked_by', '=', input.owner)
    .execute();
}

/** Records the period's run done and frees the lease (only if still ours). */
export async function finishRun(
  db: Db,
  input: { name: string; owner: string; now: Date; period: string },
): Promise<void> {
  await db
    .updateTable('jobs_locks')
    .set({
      locked_until: null,
      locked_by: null,
      last_run_at: input.now.toISOString(),
      done_period: input.period,
    })
    .where('name', '=', input.name)
    .where('locked_by', '=', input.owner)
    .execute();
}
