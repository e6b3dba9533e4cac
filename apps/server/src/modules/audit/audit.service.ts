/**
 * The back office's « Journal d'audit » (SPEC §8): the filtered log, newest first, its CSV
 * export (streamed) and the retention applied by the `audit.purge` job.
 */
import { Readable } from 'node:stream';
import type { Expression, SqlBool } from 'kysely';
import type { AuditEntry, AuditFilters, AuditPage } from '@affilia/shared/schemas/audit';
import { recordAudit } from '../../lib/audit';
import { describeBrowser } from '../../lib/user-agent';
import type { AppContext } from '../../lib/context';
import { badRequest } from '../../lib/errors';
import type { RequestMeta } from '../../lib/request-meta';
import { ensureSettingsRow } from '../content/content.service';
import { CSV_BOM, csvLines } from '../../lib/csv';
import {
  auditConditions,
  deleteAuditBatch,
  deleteImportHistory,
  deleteImportReports,
  findAuditRows as findRows,
  findRetentionDays,
  olderThan,
  saveRetentionDays,
  type AuditRow as Row,
} from './audit.repository';
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

/** The filters' conditions; a date that does not exist is a 400 next to its field. */
function conditions(filters: AuditFilters): Expression<SqlBool>[] {
  for (const field of ['from', 'to'] as const) {
    const value = filters[field];
    if (value && Number.isNaN(Date.parse(`${value}T00:00:00.000Z`))) throw invalidDate(field);
  }
  return auditConditions(filters);
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
      const rows = await findRows(db, after ? [...where, olderThan(after)] : where, {
        limit: batchSize,
        offset: 0,
      });
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
  return (await findRetentionDays(ctx.db)) ?? DEFAULT_AUDIT_RETENTION_DAYS;
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
    await saveRetentionDays(trx, days, now);
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
    const count = await deleteAuditBatch(ctx.db, cutoff, batchSize);
    deleted += count;
    if (count < batchSize) break;
  }
  deleted += await deleteImportHistory(ctx.db, cutoff);
  const reports = await deleteImportReports(ctx.db, cutoff, batchSize);
  for (const storageKey of reports) {
    try {
      await ctx.storage.remove(storageKey);
    } catch {
      // The row is gone: a file left on disk is unreachable, and removed by hand if ever.
    }
  }
  return deleted + reports.length;
}
