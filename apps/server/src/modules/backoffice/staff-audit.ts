import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { recordAudit, type AuditEntry } from '../../lib/audit';
import type { StaffActor } from './backoffice.service';

/** The audit line of a back-office action: the staff member, their IP and browser. */
export async function recordStaffAudit(
  db: Kysely<Database>,
  now: Date,
  actor: StaffActor,
  entry: Omit<AuditEntry, 'actorUserId' | 'actorKind' | 'ip' | 'userAgent'>,
): Promise<void> {
  await recordAudit(db, now, {
    ...entry,
    actorUserId: actor.userId,
    actorKind: 'staff',
    ip: actor.meta.ip,
    userAgent: actor.meta.userAgent,
  });
}
