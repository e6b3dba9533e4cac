/**
 * Each scheduled job runs once per period across all instances (issue 17): `jobs_locks` records
 * the start of the last period whose run is done, so an instance that ticks later in the same
 * period finds nothing to do, and an instance killed mid-run leaves the period undone for another
 * to take over once the lease (renewed while the run lasts) has expired. Portable types only
 * (decision 0001).
 */
import type { Kysely } from 'kysely';

type Db = Kysely<unknown>;

export async function up(db: Db): Promise<void> {
  await db.schema.alterTable('jobs_locks').addColumn('done_period', 'text').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.alterTable('jobs_locks').dropColumn('done_period').execute();
}
