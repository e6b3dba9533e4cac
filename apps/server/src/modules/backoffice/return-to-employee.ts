/**
 * « Retourné au salarié », the one way the insurer sends a request back to the employee: the
 * back office's « Retourner au salarié » of a BIA (backoffice.service.ts) and the refusal of a
 * first request of dispense (commands/decide-dispense.ts). The employee's link reopens the form
 * (to complete it, to adhere or to fix a proof).
 */
import type { AppContext } from '../../lib/context';
import type { Branding } from '../../lib/mail/templates';
import { enqueueEmail } from '../../lib/outbox/outbox';
import { hashToken, newSecretToken } from '../../lib/tokens';
import { loadAffiliationSettings, updateRequest } from '../affiliations/affiliations.repository';
import { recordStatusChange } from '../affiliations/status';
import type { AffiliationStatus } from '../../db/schema';
import { uncertifyForm } from './backoffice.repository';
import type { StaffActor } from './backoffice.service';

export interface ReturnToEmployee {
  request: { id: string; status: AffiliationStatus; email: string | null; first_name: string };
  actor: StaffActor;
  reason: string;
  now: Date;
  branding: Branding;
  /** The link's validity in days (the affiliation settings, read before the transaction). */
  expiryDays: number;
}

/** The days a returned request's new link is valid: read before the transaction. */
export async function returnLinkDays(ctx: AppContext): Promise<number> {
  return (await loadAffiliationSettings(ctx.db)).expiryDays;
}

/**
 * In the caller's transaction: « Retourné » with the reason (history row), a new link valid
 * `expiryDays` days (the birth-date attempts reset), the form to certify again, and the link
 * emailed to the employee with the reason when they have an email. Gives whether it was emailed.
 */
export async function returnToEmployee(
  ctx: AppContext,
  trx: AppContext['db'],
  input: ReturnToEmployee,
): Promise<boolean> {
  const { request: r, reason, now } = input;
  const at = now.toISOString();
  const token = newSecretToken();
  await recordStatusChange(trx, {
    requestId: r.id,
    from: r.status,
    to: 'returned',
    actor: { kind: 'staff', userId: input.actor.userId },
    reason,
    now,
  });
  await updateRequest(trx, r.id, {
    returned_at: at,
    return_reason: reason,
    form_token_hash: hashToken(token),
    form_token_expires_at: new Date(now.getTime() + input.expiryDays * 86_400_000).toISOString(),
    birth_date_attempts: 0,
    birth_date_locked_until: null,
  });
  await uncertifyForm(trx, r.id, at);
  if (!r.email) return false;
  await enqueueEmail(trx, {
    to: r.email,
    template: 'enrolment_returned',
    data: {
      firstName: r.first_name,
      reason,
      url: `${ctx.config.publicUrl}/formulaire/${token}`,
      validity: `${input.expiryDays} jours`,
    },
    branding: input.branding,
    now,
  });
  return true;
}
