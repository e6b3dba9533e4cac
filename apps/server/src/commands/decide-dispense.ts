/**
 * The insurer's decision on a request of dispense d'affiliation (back office, issue 19): « Valider
 * la dispense » or « Refuser » with a reason. The request of dispense was written by
 * commands/request-dispense.ts (a first request, or a yearly renewal of a dispense in force).
 */
import { ofName } from '@affilia/shared/domain/person-name';
import { dispenseCaseLabel } from '@affilia/shared/domain/dispense';
import { formatFrenchDate } from '@affilia/shared/validators/dates';
import type { AppContext } from '../lib/context';
import { AppError, notFound } from '../lib/errors';
import type { Branding } from '../lib/mail/templates';
import { enqueueEmail } from '../lib/outbox/outbox';
import { loadRequest, updateRequest } from '../modules/affiliations/affiliations.repository';
import { recordStatusChange } from '../modules/affiliations/status';
import type { StaffActor } from '../modules/backoffice/backoffice.service';
import { returnToEmployee } from '../modules/backoffice/return-to-employee';
import { recordStaffAudit } from '../modules/backoffice/staff-audit';
import {
  findDispenseRow,
  moveDispense,
  type DispenseRow,
} from '../modules/dispenses/dispenses.repository';
import { notifyUsers } from '../modules/notifications/notify';

export type DispenseDecision = { kind: 'validate' } | { kind: 'refuse'; reason: string };

export interface DecideDispenseInput {
  dispenseId: string;
  decision: DispenseDecision;
  /** The employer's users who follow the establishment, read before the transaction. */
  recipients: readonly { id: string }[];
  branding: Branding;
  /** The validity in days of the new link of a refused first request (read before). */
  expiryDays: number;
}

interface Step {
  ctx: AppContext;
  trx: AppContext['db'];
  now: Date;
  at: string;
  actor: StaffActor;
  dispense: DispenseRow;
  request: Awaited<ReturnType<typeof loadRequest>>;
  input: DecideDispenseInput;
}

export const dispenseNotFound = () => notFound('Cette demande de dispense est introuvable.');
export const dispenseInvalidTransition = () =>
  new AppError(
    'invalid_transition',
    409,
    'Cette demande de dispense a déjà été traitée : rechargez la page pour voir son état.',
  );

const renewedDispenseEnded = () =>
  new AppError(
    'invalid_transition',
    409,
    'La dispense que ce renouvellement prolonge a pris fin (le salarié a fait l’objet d’une nouvelle demande d’affiliation) : ce renouvellement ne peut plus être validé.',
  );

/**
 * In one transaction, on a dispense still « À vérifier par l'assureur » (else 409
 * `invalid_transition`, also when someone decided it first):
 * - validate: the dispense « Dispensé » (who, when); a first request moves the affiliation
 *   request to « Dispensé »; a renewal replaces the dispense it renews (« Renouvelée »); the
 *   form link dies (a live link on a dispensed request opens the renewal screen: the reminder
 *   job sends a new one when the next proof is due);
 * - refuse: the dispense « Refusée » with the reason; a first request goes back to the employee
 *   (« Retourné au salarié », a new link emailed with the reason: the form reopens to adhere or
 *   fix the proof); a renewal is only refused (the link stays open until its expiry) and the
 *   employee is emailed the reason;
 * then the audit line and the employer's users notified. On a failure nothing is written.
 */
export async function decideDispense(
  ctx: AppContext,
  actor: StaffActor,
  input: DecideDispenseInput,
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const dispense = await findDispenseRow(trx, input.dispenseId);
    if (!dispense) throw dispenseNotFound();
    if (dispense.status !== 'requested') throw dispenseInvalidTransition();
    const request = await loadRequest(trx, dispense.request_id);
    const step: Step = { ctx, trx, now, at: now.toISOString(), actor, dispense, request, input };
    if (input.decision.kind === 'validate') await validate(step);
    else await refuse(step, input.decision.reason);
    await recordStaffAudit(trx, now, actor, {
      action: input.decision.kind === 'validate' ? 'dispense.validated' : 'dispense.refused',
      companyId: dispense.company_id,
      targetType: 'dispense',
      targetId: dispense.id,
      details: {
        dispenseCase: dispense.case_code,
        ...(input.decision.kind === 'refuse' ? { reason: input.decision.reason } : {}),
      },
    });
    await notifyEmployer(step);
  });
}

async function move(step: Step, to: 'validated' | 'refused', reason: string | null = null) {
  const moved = await moveDispense(step.trx, step.dispense.id, {
    from: 'requested',
    to,
    at: step.at,
    decided_at: step.at,
    decided_by: step.actor.userId,
    refusal_reason: reason,
  });
  if (!moved) throw dispenseInvalidTransition();
}

async function validate(step: Step): Promise<void> {
  const { trx, dispense, request } = step;
  if (dispense.renews_dispense_id) {
    // First the one it renews gives way (one validated dispense per request at a time): in force,
    // or expired while the renewal waited for the insurer (the renewal job does not wait).
    const renews = (from: 'validated' | 'expired') =>
      moveDispense(trx, dispense.renews_dispense_id!, { from, to: 'renewed', at: step.at });
    if (!(await renews('validated')) && !(await renews('expired'))) throw renewedDispenseEnded();
    await move(step, 'validated');
  } else {
    await move(step, 'validated');
    await recordStatusChange(trx, {
      requestId: request.id,
      from: request.status,
      to: 'dispensed',
      actor: { kind: 'staff', userId: step.actor.userId },
      now: step.now,
    });
  }
  await updateRequest(trx, request.id, { form_token_hash: null, form_token_expires_at: null });
}

async function refuse(step: Step, reason: string): Promise<void> {
  const { ctx, trx, now, request, input } = step;
  await move(step, 'refused', reason);
  if (!step.dispense.renews_dispense_id) {
    await returnToEmployee(ctx, trx, {
      request,
      actor: step.actor,
      reason,
      now,
      branding: input.branding,
      expiryDays: input.expiryDays,
    });
    return;
  }
  if (!request.email) return;
  await enqueueEmail(trx, {
    to: request.email,
    template: 'notification',
    data: {
      firstName: request.first_name,
      title: 'Le renouvellement de votre dispense d’adhésion est refusé',
      body: `Votre assureur santé a refusé le renouvellement de votre dispense d’adhésion à la complémentaire santé, avec ce motif : « ${reason} ». Reprenez votre demande avec le lien reçu pour le renouvellement, avant sa date d’expiration ; sans renouvellement, vous serez affilié(e) au contrat de votre entreprise.`,
      url: null,
    },
    branding: input.branding,
    now,
  });
}

/** The employer's users who follow the establishment, in the app and by email. */
async function notifyEmployer({ ctx, trx, now, dispense, request, input }: Step) {
  const name = `${request.first_name} ${request.last_name}`;
  const what = dispense.renews_dispense_id ? 'Le renouvellement de la dispense' : 'La dispense';
  const body =
    input.decision.kind === 'validate'
      ? `${what} d’adhésion ${ofName(name)} est validée par l’assureur (« ${dispenseCaseLabel(dispense.case_code)} »)${dispense.end_date ? `, jusqu’au ${formatFrenchDate(dispense.end_date)}` : ''}.`
      : `${what} d’adhésion ${ofName(name)} est refusée par l’assureur, avec ce motif : « ${input.decision.reason} ».${dispense.renews_dispense_id ? '' : ' Le formulaire est rouvert au salarié pour adhérer ou corriger son justificatif.'}`;
  await notifyUsers(trx, {
    userIds: input.recipients.map((u) => u.id),
    type: 'dispense_decided',
    title:
      input.decision.kind === 'validate'
        ? 'Dispense d’affiliation validée'
        : 'Dispense d’affiliation refusée',
    body,
    // A first request refused is back in « Suivi des demandes »; otherwise the register, on the name.
    link:
      input.decision.kind === 'refuse' && !dispense.renews_dispense_id
        ? '/affiliations'
        : `/dispenses?q=${encodeURIComponent(request.last_name)}`,
    companyId: dispense.company_id,
    branding: input.branding,
    publicUrl: ctx.config.publicUrl,
    now,
  });
}
