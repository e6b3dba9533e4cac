/**
 * « Mes salariés » at 100,000 members: each member carries a copy of their latest coverage
 * (the one with the latest date d'effet) so that the list's filters (contract, « Statut du
 * contrat ») and sorts (date d'effet) read one table through its indexes. The copy is written by
 * `refreshLatestCoverage` (modules/members/latest-coverage.ts) whenever coverages change.
 * Decision record: docs/decisions/0003-member-latest-coverage.md.
 */
import type { Kysely } from 'kysely';

type Db = Kysely<unknown>;

async function index(db: Db, table: string, columns: string[]) {
  await db.schema
    .createIndex(`${table}_${columns.join('_')}_idx`)
    .on(table)
    .columns(columns)
    .execute();
}

export async function up(db: Db): Promise<void> {
  await db.schema.alterTable('members').addColumn('latest_coverage_id', 'text').execute();
  await db.schema.alterTable('members').addColumn('latest_contract_id', 'text').execute();
  await db.schema.alterTable('members').addColumn('latest_effective_date', 'text').execute();
  await db.schema.alterTable('members').addColumn('latest_end_date', 'text').execute();
  // Sort by date d'effet within a company; filter by contract; dashboard counts.
  await index(db, 'members', ['company_id', 'latest_effective_date']);
  await index(db, 'members', ['company_id', 'latest_contract_id', 'latest_effective_date']);
  await index(db, 'members', ['company_id', 'establishment_id']);
}

export async function down(db: Db): Promise<void> {
  for (const name of [
    'members_company_id_latest_effective_date_idx',
    'members_company_id_latest_contract_id_latest_effective_date_idx',
    'members_company_id_establishment_id_idx',
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
