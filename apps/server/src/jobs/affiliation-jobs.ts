/**
 * Scheduled work on affiliation requests (SPEC §5.4):
 * - `expireAffiliationRequests`: a request sent or started whose link expired is abandoned
 *   (« Lien expiré »);
 * - `sendAutomaticReminders`: a reminder when the request is `reminder_delays_days` old
 *   (e.g. "7,14"). A delay counts as reminded when an email (the first one, a manual or an
 *   automatic reminder) went out at or after that moment: a manual reminder on day 8 stands for
 *   the day-7 one, and a server stopped for a while sends one reminder, not several.
 */
import { isOneOf } from '@affilia/shared/domain/enums';
import type { AppContext } from '../lib/context';
import { recordAudit } from '../lib/audit';
import { AppError } from '../lib/errors';
import {
  LINK_EXPIRED,
  REMINDABLE_STATUSES,
  sendReminderEmail,
} from '../modules/affiliations/affiliations.service';
import {
  findExpiredLinks,
  findReminderCandidates,
  loadAffiliationSettings,
} from '../modules/affiliations/affiliations.repository';
import { abandonRequest } from '../modules/affiliations/status';
import { getBranding } from '../modules/settings/settings.service';

const DAY_MS = 24 * 3600_000;
const BATCH = 500;

/** Abandons the requests whose link expired. Returns how many. */
export async function expireAffiliationRequests(ctx: AppContext, now: Date): Promise<number> {
  const nowIso = now.toISOString();
  let expired = 0;
  for (;;) {
    const due = await findExpiredLinks(ctx.db, ['sent', 'started'], nowIso, BATCH);
    let done = 0;
    for (const r of due) {
      if (!isOneOf(['sent', 'started'] as const, r.status)) continue;
      const from = r.status;
      try {
        await ctx.db.transaction().execute(async (trx) => {
          await abandonRequest(trx, {
            requestId: r.id,
            from,
            actor: { kind: 'system' },
            reason: LINK_EXPIRED,
            abandonReason: 'expired',
            now,
          });
          await recordAudit(trx, now, {
            action: 'affiliations.expired',
            actorKind: 'system',
            companyId: r.company_id,
            targetType: 'affiliation_request',
            targetId: r.id,
            details: { from },
          });
        });
        done++;
      } catch (err) {
        // Changed meanwhile (the employee finalised, the employer cancelled): nothing to do.
        if (!(err instanceof AppError && err.code === 'invalid_transition')) throw err;
      }
    }
    expired += done;
    if (due.length < BATCH || done === 0) return expired;
  }
}

/** The latest reminder delay reached by a request sent at `sentAt`, or null. */
export function dueReminderMoment(sentAt: Date, delaysDays: readonly number[], now: Date) {
  let due: Date | null = null;
  for (const d of delaysDays) {
    const at = new Date(sentAt.getTime() + d * DAY_MS);
    if (at <= now) due = at;
  }
  return due;
}

/** Sends the automatic reminders due at `now`. Returns how many. */
export async function sendAutomaticReminders(ctx: AppContext, now: Date): Promise<number> {
  const settings = await loadAffiliationSettings(ctx.db);
  const first = settings.reminderDelaysDays[0];
  if (first === undefined) return 0;
  const nowIso = now.toISOString();
  const candidates = await findReminderCandidates(
    ctx.db,
    REMINDABLE_STATUSES,
    new Date(now.getTime() - first * DAY_MS).toISOString(),
    nowIso,
  );
  const due = candidates.filter((r) => {
    if (!r.sent_at || !r.email) return false;
    const moment = dueReminderMoment(new Date(r.sent_at), settings.reminderDelaysDays, now);
    const lastEmail = new Date(r.last_reminder_at ?? r.sent_at);
    return moment !== null && lastEmail < moment;
  });
  if (due.length === 0) return 0;
  // Read before the transactions (never ctx.db inside one: SQLite has a single connection).
  const branding = await getBranding(ctx);
  let sent = 0;
  for (const r of due) {
    const ok = await sendReminderEmail(ctx, {
      request: r,
      expiryDays: settings.expiryDays,
      branding,
      now,
      audit: {
        action: 'affiliations.reminder_sent',
        actorKind: 'system',
        companyId: r.company_id,
        targetType: 'affiliation_request',
        targetId: r.id,
        details: { reminder: r.reminder_count + 1, automatic: true },
      },
    });
    if (ok) sent++;
  }
  if (sent > 0) ctx.outboxWorker?.wake();
  return sent;
}
