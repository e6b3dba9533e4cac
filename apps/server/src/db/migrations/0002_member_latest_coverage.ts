/**
 * « Mes salariés » at 100,000 members: each member carries a copy of their latest coverage
 * (the one with the latest date d'effet) so that the list's filters (contract, « Statut du
 * contrat ») and sorts (date d'effet) read one table through its indexes. The copy is written by
 * `refreshLatestCoverage` (modules/members/latest-coverage.ts) whenever coverages change.
 * Decision record: docs/decisions/0003-member-latest-coverage.md.
 */
import type { Kysely } from 'kysely';

type Db = Kysely<unknown>;

async function index(db: Db, name: string, table: string, columns: string[]) {
  await db.schema.createIndex(name).on(table).columns(columns).execute();
}

export async function up(db: Db): Promise<void> {
  await db.schema.alterTable('members').addColumn('latest_coverage_id', 'text').execute();
  await db.schema.alterTable('members').addColumn('latest_contract_id', 'text').execute();
  await db.schema.alterTable('members').addColumn('latest_effective_date', 'text').execute();
  await db.schema.alterTable('members').addColumn('latest_end_date', 'text').execute();
  // Pages in name order and in date d'effet order, read from the index alone (the perimeter's
  // columns included), however deep the page.
  await index(db, 'members_by_name_idx', 'members', [
    'search_name',
    'id',
    'company_id',
    'establishment_id',
  ]);
  await index(db, 'members_by_effective_date_idx', 'members', [
    'latest_effective_date',
    'search_name',
    'id',
    'company_id',
    'establishment_id',
  ]);
  // Counts and the home page's figures, read from the index alone.
  await index(db, 'members_figures_idx', 'members', [
    'company_id',
    'establishment_id',
    'latest_effective_date',
    'latest_end_date',
    'latest_contract_id',
  ]);

  // Versions of data sets that the application caches figures of (lib/data-versions.ts).
  await db.schema
    .createTable('data_versions')
    .addColumn('name', 'text', (c) => c.primaryKey().notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('data_versions').execute();
  for (const name of [
    'members_by_name_idx',
    'members_by_effective_date_idx',
    'members_figures_idx',
  ]) {
    await db.schema.dropIndex(name).execute();
  }
  for (const column of [
    'latest_end_date',
    'latest_effective_date',
    'latest_contract_id',
    'latest_coverage_id',
  ]) {
    await db.schema.alterTable('members').dropColumn(column).execute();
  }
}
