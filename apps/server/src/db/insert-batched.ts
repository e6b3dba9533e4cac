import type { Insertable, Kysely } from 'kysely';
import type { Database } from './schema';

/**
 * Inserts rows in batches that stay under both dialects' limit of bound parameters (SQLite
 * 32,766, PostgreSQL 65,535): the imports and the seeds.
 */
export async function insertBatched<T extends keyof Database>(
  db: Kysely<Database>,
  table: T,
  rows: Insertable<Database[T]>[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object).length;
  const size = Math.max(1, Math.floor(30_000 / Math.max(1, columns)));
  for (let i = 0; i < rows.length; i += size) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely cannot type a generic table name
    await (db as Kysely<any>)
      .insertInto(table)
      .values(rows.slice(i, i + size))
      .execute();
  }
}
