import type { Kysely } from 'kysely';
import type { AuditAction, AuditDetailKey } from '@affilia/shared/domain/audit';
import type { Database } from '../db/schema';
import { newId } from './ids';

export interface AuditEntry {
  /** A code with its French label in `AUDIT_ACTION_LABELS` (the viewer shows the label). */
  action: AuditAction;
  actorUserId?: string | null;
  actorKind: 'employer' | 'staff' | 'employee' | 'system' | 'anonymous';
  companyId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  /** Never a password, code, token, NIR or IBAN. Keys have a French label (`AUDIT_DETAIL_LABELS`). */
  details?: Partial<Record<AuditDetailKey, unknown>>;
}

/** Writes one line of the audit log (in the caller's transaction when given one). */
export async function recordAudit(
  db: Kysely<Database>,
  at: Date,
  entry: AuditEntry,
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: newId(),
      at: at.toISOString(),
      actor_user_id: entry.actorUserId ?? null,
      actor_kind: entry.actorKind,
      action: entry.action,
      company_id: entry.companyId ?? null,
      target_type: entry.targetType ?? null,
      target_id: entry.targetId ?? null,
      ip: entry.ip ?? null,
      user_agent: entry.userAgent?.slice(0, 400) ?? null,
      details: entry.details ? JSON.stringify(entry.details) : null,
    })
    .execute();
}
