/**
 * Dispenses d'affiliation (issue 19, decision 0012): the employee's (or the employer's paper)
 * request to be exempted from the group cover, its proofs, the insurer's check, the yearly
 * renewal. Portable types only (decision 0001); helpers local on purpose, so that this file never
 * changes once released.
 *
 * - `affiliation_requests.status` (and its history) gains `dispense_requested` and `dispensed`.
 *   A CHECK constraint cannot be altered in SQLite: the two tables are rebuilt there from their
 *   own stored definition with only the list of statuses changed (SQLite's « generalized ALTER
 *   TABLE procedure », https://www.sqlite.org/lang_altertable.html#otheralter), in one
 *   transaction, foreign keys checked before it commits. PostgreSQL replaces the constraints.
 * - `dispenses`: one row per request of dispense (the first one, and each yearly renewal, which
 *   points to the one it renews). At most one waiting for the insurer and one in force per
 *   affiliation request (partial unique indexes). The perimeter columns (company, establishment)
 *   are copied from the request, as radiations do.
 * - `dispense_files`: the proofs and the signed request, stored files of the request; a proof
 *   uploaded in the employee's form waits with no dispense until the form is sent.
 * - `contracts.dispense_cases`: the founding-act cases (CSS art. R242-1-6) this contract allows,
 *   a JSON array of codes; the « de droit » cases need no setting.
 */
import { SqliteAdapter, sql } from 'kysely';
import type { ColumnDefinitionBuilder, Kysely } from 'kysely';

type Db = Kysely<unknown>;
type Col = ColumnDefinitionBuilder;

/** In the order of migration 0001. */
const OLD_STATUSES = ['sent', 'started', 'finalised', 'abandoned', 'validated', 'returned'];
const NEW_STATUSES = [...OLD_STATUSES, 'dispense_requested', 'dispensed'];
const DISPENSE_STATUSES = [
  'requested',
  'validated',
  'refused',
  'expired',
  'renewed',
  'ended',
  'cancelled',
];
/** The status columns of the two tables, each under a CHECK of the statuses. */
const STATUS_COLUMNS: Record<string, string[]> = {
  affiliation_requests: ['status'],
  affiliation_status_history: ['from_status', 'to_status'],
};

function oneOf(column: string, values: readonly string[]) {
  return sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
}
const notNull = (c: Col) => c.notNull();
const pk = (c: Col) => c.primaryKey().notNull();

function isSqlite(db: Db): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

async function index(db: Db, table: string, columns: string[]) {
  await db.schema
    .createIndex(`${table}_${columns.join('_')}_idx`)
    .on(table)
    .columns(columns)
    .execute();
}

/** `"status" in ('sent', …)` as Kysely wrote it in the table's definition. */
function statusListSql(column: string, values: readonly string[]): string {
  return `"${column}" in (${values.map((v) => `'${v}'`).join(', ')})`;
}

/**
 * SQLite: rebuilds `table` with its CHECK lists of statuses changed from `from` to `to`, keeping
 * every column, row, index and the foreign keys that point to it.
 */
async function rebuildSqliteStatusChecks(
  db: Db,
  table: string,
  from: readonly string[],
  to: readonly string[],
): Promise<void> {
  // The definition Kysely wrote, e.g. check ("status" in ('sent', 'started', …)).
  const rows = await sql<{
    type: string;
    sql: string;
  }>`select type, sql from sqlite_master where tbl_name = ${table} and sql is not null`.execute(db);
  const tableSql = rows.rows.find((r) => r.type === 'table')?.sql;
  if (!tableSql) throw new Error(`No table ${table}`);
  let newSql = tableSql.replace(/^create table "?[a-z_]+"?/i, `create table "${table}_new"`);
  for (const column of STATUS_COLUMNS[table] ?? []) {
    const before = statusListSql(column, from);
    if (!newSql.includes(before)) throw new Error(`${table}.${column}: check not found`);
    newSql = newSql.replace(before, statusListSql(column, to));
  }
  await sql.raw(newSql).execute(db);
  await sql.raw(`insert into "${table}_new" select * from "${table}"`).execute(db);
  await sql.raw(`drop table "${table}"`).execute(db);
  await sql.raw(`alter table "${table}_new" rename to "${table}"`).execute(db);
  for (const row of rows.rows.filter((r) => r.type === 'index')) await sql.raw(row.sql).execute(db);
}

async function changeStatusChecks(db: Db, from: string[], to: string[]): Promise<void> {
  if (isSqlite(db)) {
    // Outside a transaction (SQLite ignores the pragma inside one); Kysely's migrator runs
    // SQLite's migrations without a transaction, so this one opens its own.
    await sql`pragma foreign_keys = off`.execute(db);
    try {
      await db.transaction().execute(async (trx) => {
        for (const table of Object.keys(STATUS_COLUMNS))
          await rebuildSqliteStatusChecks(trx, table, from, to);
        const broken = await sql`pragma foreign_key_check`.execute(trx);
        if (broken.rows.length > 0) throw new Error('Foreign keys broken by the rebuild');
      });
    } finally {
      await sql`pragma foreign_keys = on`.execute(db);
    }
    return;
  }
  for (const [table, columns] of Object.entries(STATUS_COLUMNS))
    for (const column of columns) {
      const name = `${table}_${column}_check`;
      await sql
        .raw(
          `alter table "${table}" drop constraint "${name}", add constraint "${name}" check (${statusListSql(column, to)})`,
        )
        .execute(db);
    }
}

export async function up(db: Db): Promise<void> {
  await changeStatusChecks(db, OLD_STATUSES, NEW_STATUSES);

  await db.schema
    .alterTable('contracts')
    .addColumn('dispense_cases', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();

  await db.schema
    .createTable('dispenses')
    .addColumn('id', 'text', pk)
    .addColumn('request_id', 'text', (c) =>
      c.notNull().references('affiliation_requests.id').onDelete('restrict'),
    )
    .addColumn('company_id', 'text', (c) =>
      c.notNull().references('companies.id').onDelete('restrict'),
    )
    .addColumn('establishment_id', 'text', (c) =>
      c.notNull().references('establishments.id').onDelete('restrict'),
    )
    .addColumn('renews_dispense_id', 'text', (c) =>
      c.references('dispenses.id').onDelete('set null'),
    )
    .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', DISPENSE_STATUSES)))
    .addColumn('origin', 'text', (c) => c.notNull().check(oneOf('origin', ['online', 'paper'])))
    .addColumn('case_code', 'text', notNull)
    .addColumn('other_plan_type', 'text')
    .addColumn('justification_end_date', 'text')
    .addColumn('effective_date', 'text', notNull)
    .addColumn('end_date', 'text')
    .addColumn('renewal_due_date', 'text')
    .addColumn('signed_on', 'text', notNull)
    .addColumn('sworn_statement', 'text', notNull)
    .addColumn('pdf_file_id', 'text', (c) => c.references('stored_files.id').onDelete('set null'))
    .addColumn('created_by_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('refusal_reason', 'text')
    .addColumn('reminded_deadline', 'text')
    .addColumn('reminded_at', 'text')
    .addColumn('expired_at', 'text')
    .addColumn('ended_at', 'text')
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .execute();
  await index(db, 'dispenses', ['company_id', 'status', 'created_at']);
  await index(db, 'dispenses', ['establishment_id', 'status', 'created_at']);
  await index(db, 'dispenses', ['status', 'created_at']);
  await index(db, 'dispenses', ['request_id']);
  for (const status of ['requested', 'validated'])
    await db.schema
      .createIndex(`dispenses_request_${status}_key`)
      .unique()
      .on('dispenses')
      .column('request_id')
      .where(sql.ref('status'), '=', status)
      .execute();

  await db.schema
    .createTable('dispense_files')
    .addColumn('id', 'text', pk)
    .addColumn('request_id', 'text', (c) =>
      c.notNull().references('affiliation_requests.id').onDelete('cascade'),
    )
    .addColumn('dispense_id', 'text', (c) => c.references('dispenses.id').onDelete('cascade'))
    .addColumn('file_id', 'text', (c) =>
      c.notNull().references('stored_files.id').onDelete('restrict'),
    )
    .addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', ['proof', 'signed_request'])))
    .addColumn('created_at', 'text', notNull)
    .execute();
  await index(db, 'dispense_files', ['request_id']);
  await index(db, 'dispense_files', ['dispense_id']);
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('dispense_files').execute();
  await db.schema.dropTable('dispenses').execute();
  await db.schema.alterTable('contracts').dropColumn('dispense_cases').execute();
  await sql`delete from affiliation_status_history where to_status in ('dispense_requested', 'dispensed') or from_status in ('dispense_requested', 'dispensed')`.execute(
    db,
  );
  await sql`update affiliation_requests set status = 'abandoned' where status in ('dispense_requested', 'dispensed')`.execute(
    db,
  );
  await changeStatusChecks(db, NEW_STATUSES, OLD_STATUSES);
}
