/**
 * The one place that knows which affiliation-request status may follow which (spec §5.4, §9).
 * Pure rules (`canTransition`, `assertTransition`) plus `recordStatusChange`, the only writer of
 * `affiliation_requests.status`: every module that moves a request (employer side, employee
 * form, back office, jobs) goes through it, so each change leaves an `affiliation_status_history`
 * row.
 *
 *   sent → started → finalised → validated
 *   sent → finalised (a paper BIA received by the insurer, « Courrier »)
 *   finalised → returned → started | finalised
 *   sent | started | returned → abandoned
 *   sent | started | returned → dispense_requested → dispensed | returned (issue 19: the
 *   employee asks a dispense online, or the employer records a signed paper; the insurer
 *   validates, or refuses with a reason and the link reopens the form)
 */
import type { Kysely } from 'kysely';
import type { ActorKind, AffiliationStatus, Database } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { insertStatusHistory, moveRequestStatus, updateRequest } from './affiliations.repository';

export const ALLOWED_TRANSITIONS: Readonly<
  Record<AffiliationStatus, readonly AffiliationStatus[]>
> = {
  sent: ['started', 'finalised', 'abandoned', 'dispense_requested'],
  started: ['finalised', 'abandoned', 'dispense_requested'],
  finalised: ['validated', 'returned'],
  returned: ['started', 'finalised', 'abandoned', 'dispense_requested'],
  validated: [],
  abandoned: [],
  dispense_requested: ['dispensed', 'returned'],
  dispensed: [],
};

/**
 * Statuses of a request still in progress (waiting for the employee or the insurer): a second
 * request for the same person in the same company is refused while one is in them.
 */
export const PENDING_STATUSES = [
  'sent',
  'started',
  'finalised',
  'returned',
  'dispense_requested',
] as const satisfies readonly AffiliationStatus[];
/** Statuses in which the employee's link still works. */
export const OPEN_FORM_STATUSES = [
  'sent',
  'started',
  'returned',
] as const satisfies readonly AffiliationStatus[];

export function canTransition(from: AffiliationStatus, to: AffiliationStatus): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

export function invalidTransition(): AppError {
  return new AppError(
    'invalid_transition',
    409,
    'Cette action n’est pas possible dans l’état actuel de la demande d’affiliation.',
  );
}

/** Throws a 409 `invalid_transition` AppError when `to` may not follow `from`. */
export function assertTransition(from: AffiliationStatus, to: AffiliationStatus): void {
  if (!canTransition(from, to)) throw invalidTransition();
}

export interface StatusActor {
  kind: ActorKind;
  /** The user (employer or staff); null for the employee and the system. */
  userId?: string | null;
}

export interface StatusChange {
  requestId: string;
  from: AffiliationStatus;
  to: AffiliationStatus;
  actor: StatusActor;
  reason?: string | null;
  now: Date;
}

/**
 * Checks the transition, moves the request from `from` to `to` (only if it is still in `from`:
 * a concurrent change answers 409 `invalid_transition`) and writes the history row. Call it with
 * the transaction of the caller; other columns (`finalised_at`, `abandon_reason`, token…) are
 * the caller's to update in the same transaction.
 */
export async function recordStatusChange(
  trx: Kysely<Database>,
  change: StatusChange,
): Promise<void> {
  assertTransition(change.from, change.to);
  const at = change.now.toISOString();
  if (!(await moveRequestStatus(trx, change.requestId, { from: change.from, to: change.to, at })))
    throw invalidTransition();
  await insertStatusHistory(trx, {
    request_id: change.requestId,
    from_status: change.from,
    to_status: change.to,
    actor_user_id: change.actor.userId ?? null,
    actor_kind: change.actor.kind,
    reason: change.reason ?? null,
    at,
  });
}

/**
 * « Abandonné »: the status change (`recordStatusChange`), why (`cancelled` by the employer,
 * `expired` link), and the link dead, in the caller's transaction.
 */
export async function abandonRequest(
  trx: Kysely<Database>,
  change: Omit<StatusChange, 'to'> & { abandonReason: 'cancelled' | 'expired' },
): Promise<void> {
  const { abandonReason, ...rest } = change;
  await recordStatusChange(trx, { ...rest, to: 'abandoned' });
  await updateRequest(trx, change.requestId, {
    abandon_reason: abandonReason,
    form_token_hash: null,
    form_token_expires_at: null,
  });
}

/** The first history row of a new request (no `from`): call after inserting the request. */
export async function recordCreation(
  trx: Kysely<Database>,
  input: {
    requestId: string;
    status: AffiliationStatus;
    actor: StatusActor;
    now: Date;
    reason?: string | null;
  },
): Promise<void> {
  await insertStatusHistory(trx, {
    request_id: input.requestId,
    from_status: null,
    to_status: input.status,
    actor_user_id: input.actor.userId ?? null,
    actor_kind: input.actor.kind,
    reason: input.reason ?? null,
    at: input.now.toISOString(),
  });
}
