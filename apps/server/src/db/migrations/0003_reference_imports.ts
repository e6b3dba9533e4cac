/**
 * The history of the reference-data imports (back office and command line, SPEC §3): who, when,
 * which kind of data, the counts of the row-by-row report, and the report itself (a stored CSV).
 */
import type { Kysely } from 'kysely';

type Db = Kysely<unknown>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('reference_imports')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('dry_run', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('report_file_id', 'text', (c) =>
      c.references('stored_files.id').onDelete('set null'),
    )
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('created_count', 'integer', (c) => c.notNull())
    .addColumn('updated_count', 'integer', (c) => c.notNull())
    .addColumn('unchanged_count', 'integer', (c) => c.notNull())
    .addColumn('error_count', 'integer', (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('reference_imports_created_at_idx')
    .on('reference_imports')
    .columns(['created_at'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('reference_imports').execute();
}
