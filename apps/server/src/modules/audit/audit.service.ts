/**
 * The back office's « Journal d'audit » (SPEC §8): the filtered log, newest first, its CSV
 * export (streamed) and the retention applied by the `audit.purge` job.
 */
import { Readable } from 'node:stream';
import { sql, type Expression, type SqlBool } from 'kysely';
import type { AuditEntry, AuditFilters, AuditPage } from '@affilia/shared/schemas/audit';
import type { Db } from '../../db/database';
import { recordAudit } from '../../lib/audit';
import { nextDay, parisDayStart } from '../../lib/clock';
import { describeBrowser } from '../../lib/user-agent';
import type { AppContext } from '../../lib/context';
import { badRequest } from '../../lib/errors';
import type { RequestMeta } from '../../lib/request-meta';
import { ensureSettingsRow } from '../content/content.service';
import { IMPORT_REPORT_OWNER_KIND } from '../establishments/establishments.repository';
import { REFERENCE_IMPORT_REPORT_OWNER_KIND } from '../reference-data/import.service';
import { CSV_BOM, csvLines } from '../../lib/csv';
import { getBranding } from '../settings/settings.service';

export interface AuditViewer {
  userId: string;
  meta: RequestMeta;
}

function invalidDate(field: 'from' | 'to') {
  return badRequest('validation_error', 'Vérifiez les dates du filtre.', {
    [field]: 'Date invalide',
  });
}

/** The WHERE conditions of the filters, on `audit_log as a`. */
function conditions(filters: AuditFilters): Expression<SqlBool>[] {
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
  for (const field of ['from', 'to'] as const) {
    const value = filters[field];
    if (value && Number.isNaN(Date.parse(`${value}T00:00:00.000Z`))) throw invalidDate(field);
  }
  if (filters.from) where.push(sql<SqlBool>`a.at >= ${parisDayStart(filters.from).toISOString()}`);
  if (filters.to) {
    where.push(sql<SqlBool>`a.at < ${parisDayStart(nextDay(filters.to)).toISOString()}`);
  }
  return where;
}

interface Row {
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

async function findRows(
  db: Db,
  where: Expression<SqlBool>[],
  page: { limit: number; offset: number },
): Promise<Row[]> {
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

function parseDetails(text: string | null): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : { value };
  } catch {
    return { text };
  }
}

function toEntry(r: Row): AuditEntry {
  return {
    id: r.id,
    at: r.at,
    actorKind: r.actor_kind,
    actor:
      r.actor_user_id && r.actor_email
        ? {
            id: r.actor_user_id,
            name: `${r.actor_first_name ?? ''} ${r.actor_last_name ?? ''}`.trim(),
            email: r.actor_email,
          }
        : null,
    company:
      r.company_id && r.company_name
        ? { id: r.company_id, name: r.company_name, siren: r.company_siren ?? '' }
        : null,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    ip: r.ip,
    userAgent: r.user_agent,
    browser: describeBrowser(r.user_agent),
    details: parseDetails(r.details),
  };
}

/** The filters worth keeping in the audit line of a read or an export. */
function usedFilters(filters: AuditFilters) {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined));
}

/** One page of the log, newest first; the read itself is audited (`audit.viewed`). */
export async function listAudit(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  viewer: AuditViewer,
  input: AuditFilters & { page: number; pageSize: number },
): Promise<AuditPage> {
  const { page, pageSize, ...filters } = input;
  const rows = await findRows(ctx.db, conditions(filters), {
    limit: pageSize + 1,
    offset: (page - 1) * pageSize,
  });
  await recordAudit(ctx.db, ctx.clock.now(), {
    action: 'audit.viewed',
    actorUserId: viewer.userId,
    actorKind: 'staff',
    ip: viewer.meta.ip,
    userAgent: viewer.meta.userAgent,
    details: { page, filters: usedFilters(filters) },
  });
  return {
    entries: rows.slice(0, pageSize).map(toEntry),
    page,
    pageSize,
    hasMore: rows.length > pageSize,
  };
}

export const AUDIT_EXPORT_COLUMNS = [
  'Date (heure de Paris)',
  'Type d’acteur',
  'Acteur',
  'E-mail de l’acteur',
  'Société',
  'SIREN',
  'Action',
  'Type de cible',
  'Cible',
  'Adresse IP',
  'Navigateur',
  'Détails',
];

const PARIS_TIME = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function exportValues(r: Row): string[] {
  const e = toEntry(r);
  return [
    PARIS_TIME.format(new Date(e.at)),
    e.actorKind,
    e.actor?.name ?? '',
    e.actor?.email ?? '',
    e.company?.name ?? '',
    e.company?.siren ?? '',
    e.action,
    e.targetType ?? '',
    e.targetId ?? '',
    e.ip ?? '',
    e.userAgent ?? '',
    r.details ?? '',
  ];
}

/**
 * The filtered log as a CSV stream for French Excel (UTF-8 with BOM, `;`, formulas neutralised),
 * newest first, read by batches in keyset order. The export is audited when it starts.
 */
export async function exportAudit(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  viewer: AuditViewer,
  filters: AuditFilters,
  batchSize = 1000,
): Promise<Readable> {
  const where = conditions(filters);
  await recordAudit(ctx.db, ctx.clock.now(), {
    action: 'audit.exported',
    actorUserId: viewer.userId,
    actorKind: 'staff',
    ip: viewer.meta.ip,
    userAgent: viewer.meta.userAgent,
    details: { format: 'csv', filters: usedFilters(filters) },
  });
  const db = ctx.db;
  async function* lines() {
    yield CSV_BOM + csvLines([AUDIT_EXPORT_COLUMNS]);
    let after: Row | undefined;
    for (;;) {
      const rows = await findRows(
        db,
        after ? [...where, sql<SqlBool>`(a.at, a.id) < (${after.at}, ${after.id})`] : where,
        { limit: batchSize, offset: 0 },
      );
      if (rows.length > 0) {
        yield csvLines(rows.map(exportValues));
      }
      if (rows.length < batchSize) return;
      after = rows[rows.length - 1];
    }
  }
  // Pulled by the client (back-pressure): one batch read ahead at most.
  return Readable.from(lines());
}

// ---------------------------------------------------------------------------------------------
// Retention

export const DEFAULT_AUDIT_RETENTION_DAYS = 365;

export async function getAuditRetentionDays(ctx: Pick<AppContext, 'db'>): Promise<number> {
  const row = await ctx.db
    .selectFrom('insurer_settings')
    .select('audit_retention_days')
    .executeTakeFirst();
  return Number(row?.audit_retention_days ?? DEFAULT_AUDIT_RETENTION_DAYS);
}

/** Changes the retention (30 days to 10 years); audited with the old and new values. */
export async function setAuditRetentionDays(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  viewer: AuditViewer,
  days: number,
): Promise<number> {
  const previous = await getAuditRetentionDays(ctx);
  const branding = await getBranding(ctx);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await ensureSettingsRow(trx, branding, now.toISOString());
    await trx
      .updateTable('insurer_settings')
      .set({ audit_retention_days: days, updated_at: now.toISOString() })
      .execute();
    await recordAudit(trx, now, {
      action: 'audit.retention_changed',
      actorUserId: viewer.userId,
      actorKind: 'staff',
      targetType: 'settings',
      ip: viewer.meta.ip,
      userAgent: viewer.meta.userAgent,
      details: { from: previous, to: days },
    });
  });
  return days;
}

/**
 * The `audit.purge` job: deletes the audit lines older than the retention, by batches (short
 * transactions on a large log), then the history of the reference-data imports and the stored
 * import reports (establishments and reference data) as old. Returns the number of audit lines,
 * import history rows and reports deleted.
 */
export async function purgeAuditLog(
  ctx: Pick<AppContext, 'db' | 'storage'>,
  now: Date,
  batchSize = 5000,
): Promise<number> {
  const days = await getAuditRetentionDays(ctx);
  const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
  let deleted = 0;
  for (;;) {
    const ids = (
      await ctx.db
        .selectFrom('audit_log')
        .select('id')
        .where('at', '<', cutoff)
        .limit(batchSize)
        .execute()
    ).map((r) => r.id);
    if (ids.length === 0) break;
    await ctx.db.deleteFrom('audit_log').where('id', 'in', ids).execute();
    deleted += ids.length;
    if (ids.length < batchSize) break;
  }
  const history = await ctx.db
    .deleteFrom('reference_imports')
    .where('created_at', '<', cutoff)
    .executeTakeFirst();
  deleted += Number(history.numDeletedRows);
  const reports = await ctx.db
    .selectFrom('stored_files')
    .select(['id', 'storage_key'])
    .where('owner_kind', 'in', [IMPORT_REPORT_OWNER_KIND, REFERENCE_IMPORT_REPORT_OWNER_KIND])
    .where('created_at', '<', cutoff)
    .limit(batchSize)
    .execute();
  if (reports.length > 0) {
    await ctx.db
      .deleteFrom('stored_files')
      .where(
        'id',
        'in',
        reports.map((r) => r.id),
      )
      .execute();
    for (const r of reports) {
      try {
        await ctx.storage.remove(r.storage_key);
      } catch {
        // The row is gone: a file left on disk is unreachable, and removed by hand if ever.
      }
    }
  }
  return deleted + reports.length;
}
