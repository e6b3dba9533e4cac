/**
 * « Pré-affiliation » (SPEC §5.3) and « Suivi des demandes d'affiliation » (§5.4), employer side.
 *
 * Rules:
 * - only establishments of the perimeter with `affiliations.manage` (others: 404);
 * - the contract is the company's health contract of the collège (the professional status, or
 *   the whole staff), running at the affiliation date, which may not precede its start;
 * - one person per company: « Oui » links the member found by NIR; an employee already covered
 *   (a coverage not ended, still running at the affiliation date) is refused (`already_covered`),
 *   and so is a second request while one waits for the employee or the insurer
 *   (`request_pending`);
 * - mode « Email » when an address is given: a secret link (only its hash is kept) valid
 *   `affiliation_expiry_days`, emailed to the employee; mode « Courrier » otherwise (the employer
 *   prints the pre-filled BIA);
 * - a reminder (« Envoi d'un email de relance ») while sent or started, in mode email, at most one
 *   a day (24 hours after the last email): a new link, the previous one dies;
 * - cancelling (« Annuler la demande d'affiliation ») abandons the request and kills its link.
 * Every status change goes through status.ts (history) and every action leaves an audit line.
 */
import {
  AFFILIATION_STATUS_LABELS,
  isOneOf,
  EMPLOYMENT_CONTRACT_TYPES,
} from '@affilia/shared/domain/enums';
import type {
  AffiliationDetail,
  AffiliationListQuerySchema,
  AffiliationOptions,
  AffiliationPage,
  AffiliationRow,
  PreAffiliation,
} from '@affilia/shared/schemas/affiliations';
import {
  checkPreAffiliationNir,
  contractOnAffiliationDate,
} from '@affilia/shared/domain/pre-affiliation';
import { formatFrenchDate } from '@affilia/shared/validators/dates';
import { computeNirKey } from '@affilia/shared/validators/nir';
import type { z } from 'zod';
import { createAffiliation as createAffiliationCommand } from '../../commands/create-affiliation';
import type { ActorKind, AffiliationRequest, AffiliationStatus } from '../../db/schema';
import { recordAudit, type AuditEntry } from '../../lib/audit';
import { parisDate } from '../../lib/clock';
import type { AppContext } from '../../lib/context';
import type { AppError } from '../../lib/errors';
import { badRequest, conflict, notFound, tooManyAttempts } from '../../lib/errors';
import type { Branding } from '../../lib/mail/templates';
import { enqueueEmail } from '../../lib/outbox/outbox';
import { authorizeEstablishment, companyIdsWith, type EmployerActor } from '../../lib/policies';
import { hitRateLimit } from '../../lib/rate-limit';
import { hashToken, newSecretToken } from '../../lib/tokens';
import type { RequestMeta } from '../../lib/request-meta';
import { findEstablishmentRow } from '../reference-data/reference-data.repository';
import { findPerimeterEstablishments } from '../users/users.repository';
import { getBranding } from '../settings/settings.service';
import { auditOf, fieldError } from './request-rules';
import {
  findAffiliation,
  findAffiliationPage,
  findCompanyContracts,
  findHistory,
  loadAffiliationSettings,
  recordReminder,
  type AffiliationListRow,
} from './affiliations.repository';
import { OPEN_FORM_STATUSES, abandonRequest, canTransition } from './status';

type Ctx = AppContext;
type ListQuery = z.output<typeof AffiliationListQuerySchema>;

const DAY_MS = 24 * 3600_000;
/** At most one reminder a day per request (SPEC §5.4). */
export const REMINDER_MIN_INTERVAL_MS = DAY_MS;
/** Statuses in which a reminder may be sent. */
export const REMINDABLE_STATUSES = [
  'sent',
  'started',
] as const satisfies readonly AffiliationStatus[];
/** Requests one user may create in an hour (each may email someone). */
export const CREATIONS_PER_USER_PER_HOUR = 200;
export const CANCELLED_BY_EMPLOYER = 'Annulée par l’employeur';
export const LINK_EXPIRED = 'Lien expiré';

/** "le 02/03/2026 à 10:00" in Paris time. */
export function frenchDateTime(date: Date): string {
  const time = new Intl.DateTimeFormat('fr-FR', {
    timeZone: 'Europe/Paris',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
  return `le ${formatFrenchDate(parisDate(date))} à ${time}`;
}

/** The 15-character NIR with its key (13 for a temporary number without key). */
function displayNir(ctx: Ctx, encrypted: string): string {
  const nir13 = ctx.cipher.decrypt(encrypted);
  return /^[78]/.test(nir13) ? nir13 : nir13 + computeNirKey(nir13);
}

/** The instant from which the next reminder is allowed. */
export function nextReminderAllowedAt(r: {
  last_reminder_at: string | null;
  sent_at: string | null;
  created_at: string;
}): Date {
  const last = r.last_reminder_at ?? r.sent_at ?? r.created_at;
  return new Date(new Date(last).getTime() + REMINDER_MIN_INTERVAL_MS);
}

/** A row of the list (also « Suivi des demandes »): its reminder and cancel actions. */
export function toRow(r: AffiliationListRow, now: Date): AffiliationRow {
  const canRemind = r.mode === 'email' && isOneOf(REMINDABLE_STATUSES, r.status);
  const next = nextReminderAllowedAt(r);
  return {
    id: r.id,
    company: { id: r.company_id, name: r.company_name, siren: r.siren },
    establishment: { id: r.establishment_id, name: r.establishment_name, siret: r.siret },
    lastName: r.last_name,
    firstName: r.first_name,
    mode: r.mode,
    status: r.status,
    statusChangedAt: r.status_changed_at,
    createdAt: r.created_at,
    reminderCount: r.reminder_count,
    lastReminderAt: r.last_reminder_at,
    canRemind,
    nextReminderAt: canRemind && next > now ? next.toISOString() : null,
    canCancel: canTransition(r.status, 'abandoned'),
  };
}

export async function listAffiliations(
  ctx: Ctx,
  actor: EmployerActor,
  query: ListQuery,
): Promise<AffiliationPage> {
  const { total, items } = await findAffiliationPage(ctx.db, ctx.cipher, actor, query);
  const now = ctx.clock.now();
  return {
    items: items.map((r) => toRow(r, now)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function getAffiliation(
  ctx: Ctx,
  actor: EmployerActor,
  id: string,
): Promise<AffiliationDetail> {
  const r = await findAffiliation(ctx.db, actor, id);
  if (!r) throw notFound('Demande d’affiliation introuvable.');
  const history = await findHistory(ctx.db, r.id);
  const open = r.mode === 'email' && isOneOf(OPEN_FORM_STATUSES, r.status);
  return {
    ...toRow(r, ctx.clock.now()),
    email: r.email,
    nir: displayNir(ctx, r.nir_encrypted),
    birthDate: r.birth_date,
    hireDate: r.hire_date,
    affiliationDate: r.affiliation_date,
    employmentContractType: isOneOf(EMPLOYMENT_CONTRACT_TYPES, r.employment_contract_type)
      ? r.employment_contract_type
      : 'other',
    employmentStartDate: r.employment_start_date,
    employmentEndDate: r.employment_end_date,
    professionalStatus: r.professional_status,
    positionInCompany: r.position_in_company,
    alreadyAffiliated: r.already_affiliated === 1,
    memberId: r.member_id,
    contract: { id: r.contract_id, number: r.contract_number, label: r.contract_label },
    sentAt: r.sent_at,
    formExpiresAt: open ? r.form_token_expires_at : null,
    abandonReason: r.abandon_reason,
    returnReason: r.return_reason,
    history: history.map(historyEntry),
  };
}

/**
 * A row of a request's status history as the detail shows it (affiliation requests and
 * radiations): the name of the employer or staff member who moved it.
 */
export function historyEntry<S extends string>(h: {
  from_status: S | null;
  to_status: S;
  at: string;
  actor_kind: ActorKind;
  first_name: string | null;
  last_name: string | null;
  reason: string | null;
}) {
  return {
    from: h.from_status,
    to: h.to_status,
    at: h.at,
    actorKind: h.actor_kind,
    actorName:
      (h.actor_kind === 'employer' || h.actor_kind === 'staff') && h.first_name
        ? `${h.first_name} ${h.last_name ?? ''}`.trim()
        : null,
    reason: h.reason,
  };
}

/** The wizard's choices: the establishments of the perimeter and each collège's contract. */
export async function getAffiliationOptions(
  ctx: Ctx,
  actor: EmployerActor,
): Promise<AffiliationOptions> {
  const [establishments, settings] = await Promise.all([
    findPerimeterEstablishments(ctx.db, actor, 'affiliations.manage'),
    loadAffiliationSettings(ctx.db),
  ]);
  const contracts = await findCompanyContracts(
    ctx.db,
    companyIdsWith(actor, 'affiliations.manage'),
  );
  // Every contract with its dates: the wizard picks the one of the affiliation date with the
  // server's own function (contractOnAffiliationDate).
  const companyContracts = (companyId: string) =>
    contracts.filter((k) => k.companyId === companyId).map(({ companyId: _, ...c }) => c);
  return {
    establishments: establishments.map((e) => ({
      id: e.id,
      name: e.name,
      siret: e.siret,
      company: { id: e.company_id, name: e.company_name, siren: e.siren },
      contracts: companyContracts(e.company_id),
    })),
    allowTemporaryNir: settings.allowTemporaryNir,
  };
}

/** A new link to the employee's form; only its hash is stored. */
export function newFormLink(ctx: Ctx, now: Date, expiryDays: number) {
  const token = newSecretToken();
  return {
    url: `${ctx.config.publicUrl}/formulaire/${token}`,
    hash: hashToken(token),
    expiresAt: new Date(now.getTime() + expiryDays * DAY_MS),
  };
}

/**
 * A pré-affiliation whose establishment is authorized: the NIR and the collège's contract
 * checked as the wizard checks them, then the request made (commands/create-affiliation.ts).
 * The one path of the wizard and of « Pré-affilier par fichier ». Gives the request's id.
 */
export async function createCheckedAffiliation(
  ctx: Ctx,
  actor: EmployerActor,
  input: {
    request: PreAffiliation;
    establishment: { id: string; company_id: string };
    settings: Awaited<ReturnType<typeof loadAffiliationSettings>>;
    /** Its contracts, when the caller has them already (a file: once per company). */
    contracts?: Awaited<ReturnType<typeof findCompanyContracts>>;
    batchId?: string;
    meta: RequestMeta;
  },
): Promise<string> {
  const { request, establishment, settings } = input;
  // The wizard runs the same two checks before sending (shared domain/pre-affiliation.ts).
  const nir = checkPreAffiliationNir(request.nir, request.birthDate, settings);
  if (!nir.ok) throw fieldError({ nir: nir.error });
  if (nir.warning && request.confirmNirWarning !== true) {
    throw badRequest('nir_birth_date_warning', nir.warning, { nir: nir.warning });
  }
  const picked = contractOnAffiliationDate(
    input.contracts ?? (await findCompanyContracts(ctx.db, [establishment.company_id])),
    request.professionalStatus,
    request.affiliationDate,
  );
  if (!picked.ok) {
    if (picked.code === 'no_contract') {
      throw badRequest('no_contract', picked.message, picked.fields);
    }
    throw fieldError(picked.fields);
  }
  return createAffiliationCommand(ctx, actor, {
    request,
    establishment,
    contractId: picked.contract.id,
    nir: nir.value,
    link: request.email ? newFormLink(ctx, ctx.clock.now(), settings.expiryDays) : null,
    ...(input.batchId ? { batchId: input.batchId } : {}),
    meta: input.meta,
  });
}

/** POST /api/affiliations */
export async function createAffiliation(
  ctx: Ctx,
  actor: EmployerActor,
  input: PreAffiliation,
  meta: RequestMeta,
): Promise<AffiliationDetail> {
  const establishment = authorizeEstablishment(
    actor,
    'affiliations.manage',
    await findEstablishmentRow(ctx.db, input.establishmentId),
  );
  const now = ctx.clock.now();
  const hit = await hitRateLimit(ctx.db, `affiliation-create:${actor.user.id}`, {
    limit: CREATIONS_PER_USER_PER_HOUR,
    windowMs: 3600_000,
    now,
  });
  if (!hit.allowed) {
    throw tooManyAttempts(
      'Trop de demandes d’affiliation créées en peu de temps. Réessayez dans une heure.',
      hit.retryAfterSeconds,
    );
  }
  const settings = await loadAffiliationSettings(ctx.db);
  const id = await createCheckedAffiliation(ctx, actor, {
    request: input,
    establishment,
    settings,
    meta,
  });
  return getAffiliation(ctx, actor, id);
}

async function loadOwnRequest(ctx: Ctx, actor: EmployerActor, id: string) {
  const r = await findAffiliation(ctx.db, actor, id);
  if (!r) throw notFound('Demande d’affiliation introuvable.');
  return r;
}

/**
 * Sends a reminder, in a transaction of its own: a new link (the previous one dies), the count
 * and date, the audit entry, the email. False when the request changed meanwhile (status, mode
 * or another reminder). The employer's « Relancer » and the automatic reminders.
 */
export async function sendReminderEmail(
  ctx: Ctx,
  input: {
    request: Pick<
      AffiliationRequest,
      'id' | 'company_id' | 'email' | 'first_name' | 'last_reminder_at' | 'reminder_count'
    > & { company_name: string };
    expiryDays: number;
    branding: Branding;
    now: Date;
    audit: AuditEntry;
  },
): Promise<boolean> {
  const { request, now } = input;
  const to = request.email;
  if (!to) return false;
  const link = newFormLink(ctx, now, input.expiryDays);
  return ctx.db.transaction().execute(async (trx) => {
    const recorded = await recordReminder(trx, request, {
      remindable: REMINDABLE_STATUSES,
      tokenHash: link.hash,
      expiresAt: link.expiresAt.toISOString(),
      at: now.toISOString(),
    });
    if (!recorded) return false;
    await recordAudit(trx, now, input.audit);
    await enqueueEmail(trx, {
      to,
      template: 'affiliation_reminder',
      data: {
        firstName: request.first_name,
        companyName: request.company_name,
        url: link.url,
        expiresOn: formatFrenchDate(parisDate(link.expiresAt)),
      },
      branding: input.branding,
      now,
    });
    return true;
  });
}

/** POST /api/affiliations/:id/reminder */
export async function sendReminder(
  ctx: Ctx,
  actor: EmployerActor,
  id: string,
  meta: RequestMeta,
): Promise<{ reminderCount: number; lastReminderAt: string; nextReminderAt: string }> {
  const r = await loadOwnRequest(ctx, actor, id);
  if (r.mode !== 'email' || !r.email) {
    throw conflict(
      'reminder_not_possible',
      'La relance par e-mail n’est possible que pour une demande envoyée par e-mail.',
    );
  }
  if (!isOneOf(REMINDABLE_STATUSES, r.status)) {
    throw conflict(
      'reminder_not_possible',
      `La relance n’est possible que tant que le salarié n’a pas finalisé son formulaire (statut actuel : « ${AFFILIATION_STATUS_LABELS[r.status]} »).`,
    );
  }
  const now = ctx.clock.now();
  const next = nextReminderAllowedAt(r);
  if (now < next) throw reminderTooSoon(next);
  const [settings, branding] = await Promise.all([
    loadAffiliationSettings(ctx.db),
    getBranding(ctx),
  ]);
  const sent = await sendReminderEmail(ctx, {
    request: r,
    expiryDays: settings.expiryDays,
    branding,
    now,
    audit: {
      ...auditOf(actor, meta, r.company_id, r.id),
      action: 'affiliations.reminder_sent',
      details: { reminder: r.reminder_count + 1 },
    },
  });
  if (!sent) throw reminderTooSoon(new Date(now.getTime() + REMINDER_MIN_INTERVAL_MS));
  ctx.outboxWorker?.wake();
  return {
    reminderCount: r.reminder_count + 1,
    lastReminderAt: now.toISOString(),
    nextReminderAt: new Date(now.getTime() + REMINDER_MIN_INTERVAL_MS).toISOString(),
  };
}

function reminderTooSoon(next: Date): AppError {
  return conflict(
    'reminder_too_soon',
    `Un e-mail a déjà été envoyé à ce salarié il y a moins de 24 heures : la prochaine relance sera possible ${frenchDateTime(next)}.`,
  );
}

/** POST /api/affiliations/:id/cancel */
export async function cancelAffiliation(
  ctx: Ctx,
  actor: EmployerActor,
  id: string,
  meta: RequestMeta,
): Promise<AffiliationDetail> {
  const r = await loadOwnRequest(ctx, actor, id);
  if (!canTransition(r.status, 'abandoned')) {
    throw conflict(
      'invalid_transition',
      `Cette demande ne peut plus être annulée (statut « ${AFFILIATION_STATUS_LABELS[r.status]} »).`,
    );
  }
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await abandonRequest(trx, {
      requestId: r.id,
      from: r.status,
      actor: { kind: 'employer', userId: actor.user.id },
      reason: CANCELLED_BY_EMPLOYER,
      abandonReason: 'cancelled',
      now,
    });
    await recordAudit(trx, now, {
      ...auditOf(actor, meta, r.company_id, r.id),
      action: 'affiliations.cancelled',
      details: { from: r.status },
    });
  });
  return getAffiliation(ctx, actor, r.id);
}
