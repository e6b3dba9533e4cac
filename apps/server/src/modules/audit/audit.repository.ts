/**
 * The audit log's reads and deletions (audit.service.ts decides who may read it and what the
 * retention is).
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { AuditFilters } from '@affilia/shared/schemas/audit';
import type { Db } from '../../db/database';
import { nextDay, parisDayStart } from '../../lib/clock';
import { IMPORT_REPORT_OWNER_KIND } from '../establishments/establishments.repository';
import { REFERENCE_IMPORT_REPORT_OWNER_KIND } from '../reference-data/import.service';

/** The WHERE conditions of the filters, on `audit_log as a` (dates already checked). */
export function auditConditions(filters: AuditFilters): Expression<SqlBool>[] {
  const where: Expression<SqlBool>[] = [];
  if (filters.actor) {
    const actor = filters.actor.trim();
    where.push(
      actor.includes('@')
        ? sql<SqlBool>`a.actor_user_id in (select id from users where lower(email) = ${actor.toLowerCase()})`
        : sql<SqlBool>`a.actor_user_id = ${actor}`,
    );
  }
  if (filters.company) {
    const compact = filters.company.replace(/\s+/g, '');
    where.push(
      /^\d{9}$/.test(compact)
        ? sql<SqlBool>`a.company_id in (select id from companies where siren = ${compact})`
        : sql<SqlBool>`a.company_id = ${filters.company.trim()}`,
    );
  }
  if (filters.action) {
    const prefix = filters.action
      .trim()
      .toLowerCase()
      .replace(/[\\%_]/g, (c) => `\\${c}`);
    where.push(sql<SqlBool>`a.action like ${`${prefix}%`} escape '\\'`);
  }
  if (filters.from) where.push(sql<SqlBool>`a.at >= ${parisDayStart(filters.from).toISOString()}`);
  if (filters.to) {
    where.push(sql<SqlBool>`a.at < ${parisDayStart(nextDay(filters.to)).toISOString()}`);
  }
  return where;
}

export interface AuditRow {
  id: string;
  at: string;
  actor_kind: string;
  actor_user_id: string | null;
  actor_email: string | null;
  actor_first_name: string | null;
  actor_last_name: string | null;
  company_id: string | null;
  company_name: string | null;
  company_siren: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  user_agent: string | null;
  details: string | null;
}

export async function findAuditRows(
  db: Db,
  where: Expression<SqlBool>[],
  page: { limit: number; offset: number },
): Promise<AuditRow[]> {
  return db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.actor_user_id')
    .leftJoin('companies as c', 'c.id', 'a.company_id')
    .select([
      'a.id',
      'a.at',
      'a.actor_kind',
      'a.actor_user_id',
      'u.email as actor_email',
      'u.first_name as actor_first_name',
      'u.last_name as actor_last_name',
      'a.company_id',
      'c.name as company_name',
      'c.siren as company_siren',
      'a.action',
      'a.target_type',
      'a.target_id',
      'a.ip',
      'a.user_agent',
      'a.details',
    ])
    .where((eb) => eb.and(where))
    .orderBy('a.at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

/** The rows after `row` in the log's order (newest first): the next batch of the export. */
export function olderThan(row: Pick<AuditRow, 'at' | 'id'>): Expression<SqlBool> {
  return sql<SqlBool>`(a.at, a.id) < (${row.at}, ${row.id})`;
}

/** The retention set in the back office, in days; undefined when none was set. */
export async function findRetentionDays(db: Db): Promise<number | undefined> {
  const row = await db
    .selectFrom('insurer_settings')
    .select('audit_retention_days')
    .executeTakeFirst();
  return row?.audit_retention_days == null ? undefined : Number(row.audit_retention_days);
}

export async function saveRetentionDays(db: Db, days: number, now: Date): Promise<void> {
  await db
    .updateTable('insurer_settings')
    .set({ audit_retention_days: days, updated_at: now.toISOString() })
    .execute();
}

/** Deletes up to `batchSize` audit lines older than `cutoff`; gives how many. */
export async function deleteAuditBatch(db: Db, cutoff: string, batchSize: number): Promise<number> {
  const ids = (
    await db
      .selectFrom('audit_log')
      .select('id')
      .where('at', '<', cutoff)
      .limit(batchSize)
      .execute()
  ).map((r) => r.id);
  if (ids.length > 0) await db.deleteFrom('audit_log').where('id', 'in', ids).execute();
  return ids.length;
}

/** Deletes the history of the reference-data imports older than `cutoff`; gives how many. */
export async function deleteImportHistory(db: Db, cutoff: string): Promise<number> {
  const history = await db
    .deleteFrom('reference_imports')
    .where('created_at', '<', cutoff)
    .executeTakeFirst();
  return Number(history.numDeletedRows);
}

/** Deletes the rows of up to `batchSize` import reports older than `cutoff`; gives their storage keys. */
export async function deleteImportReports(
  db: Db,
  cutoff: string,
  batchSize: number,
): Promise<string[]> {
  const reports = await db
    .selectFrom('stored_files')
    .select(['id', 'storage_key'])
    .where('owner_kind', 'in', [IMPORT_REPORT_OWNER_KIND, REFERENCE_IMPORT_REPORT_OWNER_KIND])
    .where('created_at', '<', cutoff)
    .limit(batchSize)
    .execute();
  if (reports.length > 0) {
    await db
      .deleteFrom('stored_files')
      .where(
        'id',
        'in',
        reports.map((r) => r.id),
      )
      .execute();
  }
  return reports.map((r) => r.storage_key);
}
