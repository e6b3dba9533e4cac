/**
 * Version numbers of data sets, in the database so that every app instance sees them: a write
 * bumps the version in its transaction, and the figures cached from the data (lib/
 * figures-cache.ts) carry the version in their key. `members` covers members and coverages.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { compiledOnce } from '../db/compiled-once';

export type DataSet = 'members';

export async function bumpDataVersion(
  db: Kysely<Database>,
  name: DataSet,
  now: Date,
): Promise<void> {
  await db
    .insertInto('data_versions')
    .values({ name, version: 1, updated_at: now.toISOString() })
    .onConflict((oc) =>
      oc.column('name').doUpdateSet({
        version: sql<number>`data_versions.version + 1`,
        updated_at: now.toISOString(),
      }),
    )
    .execute();
}

// On every read of « Mes salariés » and of the home page: compiled once (db/compiled-once.ts).
const versionOf = compiledOnce(1, (db, name: string) =>
  db.selectFrom('data_versions').select('version').where('name', '=', name),
);

export async function readDataVersion(db: Kysely<Database>, name: DataSet): Promise<number> {
  const [row] = await versionOf(db, name);
  return Number(row?.version ?? 0);
}
