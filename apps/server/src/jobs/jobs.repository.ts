/**
 * The jobs' repository: a lease per job name in `jobs_locks`, so that with several instances of
 * the server only one runs a given job at a time. A lease expires by itself (`locked_until`): a
 * crashed instance does not block the job for ever.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** Takes the lease of `name` for `ttlMs` when it is free or expired (or already ours). */
export async function acquireLease(
  db: Kysely<Database>,
  input: { name: string; owner: string; now: Date; ttlMs: number },
): Promise<boolean> {
  const nowIso = input.now.toISOString();
  await db
    .insertInto('jobs_locks')
    .values({ name: input.name, locked_until: null, locked_by: null, last_run_at: null })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const result = await db
    .updateTable('jobs_locks')
    .set({
      locked_until: new Date(input.now.getTime() + input.ttlMs).toISOString(),
      locked_by: input.owner,
    })
    .where('name', '=', input.name)
    .where((eb) =>
      eb.or([
        eb('locked_until', 'is', null),
        eb('locked_until', '<', nowIso),
        eb('locked_by', '=', input.owner),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Frees the lease (only if still ours) and records the run. */
export async function releaseLease(
  db: Kysely<Database>,
  input: { name: string; owner: string; now: Date },
): Promise<void> {
  await db
    .updateTable('jobs_locks')
    .set({ locked_until: null, locked_by: null, last_run_at: input.now.toISOString() })
    .where('name', '=', input.name)
    .where('locked_by', '=', input.owner)
    .execute();
}
