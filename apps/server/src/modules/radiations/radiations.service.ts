/**
 * « Radier un salarié » (issue 18), employer side: the form's prefill, the radiation of one
 * member or several (all or nothing), its detail, its correction once returned, its cancellation
 * and the former employee's new job (which ends the portability early).
 *
 * Rules (`radiationRefusal`, one piece of code for the form, the bulk and the file import):
 * - the member is in the perimeter with `affiliations.manage` (others: 404);
 * - they have an employee coverage current or to come (`radiation_no_coverage`);
 * - the contract does not end before that coverage's date d'effet (`radiation_before_coverage`)
 *   nor more than `RADIATION_MAX_MONTHS_AHEAD` months after today (`radiation_too_far`);
 * - no radiation twice: one waiting for the insurer, or one processed that ended the current
 *   coverage, refuses another (`radiation_already_open`; two sent at once are refused by the
 *   partial unique index of migration 0008); a member hired again after a processed radiation
 *   may be radiated again.
 * The portability (L911-8) and the loi Évin offer are computed and stored when sent; the notice
 * is sent to the employee once the radiation is committed (email with its PDF, or a PDF to print).
 *
 * Statuses: sent → processed | returned | cancelled; returned → sent | cancelled.
 */
import {
  RADIATION_STATUS_LABELS,
  computePortability,
  evinDeadline,
  evinOffered,
  addMonths,
  previousDay,
  radiationMotif,
  type EmploymentPeriod,
  type Portability,
  type RadiationMotif,
  type RadiationStatus,
} from '@affilia/shared/domain/radiation';
import type {
  RadiationBulkCreate,
  RadiationCreate,
  RadiationCreated,
  RadiationDetail,
  RadiationPrefill,
} from '@affilia/shared/schemas/radiations';
import { listName } from '@affilia/shared/domain/person-name';
import { formatFrenchDate } from '@affilia/shared/validators/dates';
import type { Insertable, Kysely } from 'kysely';
import type { ActorKind, Bool, Database, RadiationsTable } from '../../db/schema';
import { recordAudit, type AuditEntry } from '../../lib/audit';
import { parisDate } from '../../lib/clock';
import type { AppContext } from '../../lib/context';
import { AppError, notFound, tooManyAttempts } from '../../lib/errors';
import { newId } from '../../lib/ids';
import type { EmployerActor } from '../../lib/policies';
import { hitRateLimit } from '../../lib/rate-limit';
import type { RequestMeta } from '../../lib/request-meta';
import { isUniqueViolation } from '../../plugins/errors';
import { historyEntry } from '../affiliations/affiliations.service';
import { sendRadiationNotice } from './notice';
import {
  findCurrentEmployeeCoverages,
  findEmploymentStart,
  findMemberToRadiate,
  findMembersToRadiate,
  findOpenRadiationId,
  findRadiationHistory,
  findRadiationRow,
  insertRadiation,
  insertRadiationHistory,
  moveRadiation,
  recordNewJob,
  type MemberToRadiate,
  type RadiationHistoryRow,
  type RadiationRow,
} from './radiations.repository';

type Ctx = AppContext;
type Db = Kysely<Database>;

/**
 * Radiations one user may send in an hour (each may email its notice to an address the employer
 * typed): room for a file of RADIATION_IMPORT_MAX_ROWS rows and more, not for a flood.
 */
export const RADIATIONS_PER_USER_PER_HOUR = 2000;

/** The contract may end at most this many months after today (a radiation announced early). */
export const RADIATION_MAX_MONTHS_AHEAD = 12;

export const RADIATION_TRANSITIONS: Readonly<Record<RadiationStatus, readonly RadiationStatus[]>> =
  {
    sent: ['processed', 'returned', 'cancelled'],
    returned: ['sent', 'cancelled'],
    processed: [],
    cancelled: [],
  };

export function canMoveRadiation(from: RadiationStatus, to: RadiationStatus): boolean {
  return RADIATION_TRANSITIONS[from].includes(to);
}

export const radiationNotFound = () => notFound('Radiation introuvable.');
const memberNotFound = () => notFound('Salarié introuvable.');

export function radiationInvalidTransition(status: RadiationStatus): AppError {
  return new AppError(
    'invalid_transition',
    409,
    `Cette action n’est pas possible sur une radiation au statut « ${RADIATION_STATUS_LABELS[status]} ».`,
  );
}

function alreadyOpen(): AppError {
  const message =
    'Une radiation de ce salarié est déjà envoyée à l’assureur ou traitée : il ne peut pas être radié deux fois.';
  return new AppError('radiation_already_open', 409, message, { memberId: message });
}

// ---------------------------------------------------------------------------------------------
// The detail (employer and back office)

const party = (id: string | null, first: string | null, last: string | null) =>
  id && first ? { id, name: `${first} ${last ?? ''}`.trim() } : null;

/** The portability stored on the radiation, as computePortability gave it. */
export function storedPortability(
  r: Pick<
    RadiationsTable,
    'portability_months' | 'portability_start_date' | 'portability_end_date' | 'portability_refusal'
  >,
): Portability {
  if (r.portability_months !== null && r.portability_start_date && r.portability_end_date) {
    return {
      eligible: true,
      months: r.portability_months,
      start: r.portability_start_date,
      end: r.portability_end_date,
    };
  }
  const reason = r.portability_refusal;
  return {
    eligible: false,
    reason: reason === 'gross_misconduct' || reason === 'death' ? reason : 'no_unemployment_rights',
  };
}

/**
 * A radiation as both spaces show it (GET /api/radiations/:id and the back office's detail):
 * the actions offered follow its status; `today` (Paris) says whether the portability runs.
 */
export function toRadiationDetail(
  r: RadiationRow,
  history: readonly RadiationHistoryRow[],
  today: string,
): RadiationDetail {
  const motif = r.motif as RadiationMotif;
  const portabilityRunning =
    r.status === 'processed' && r.portability_end_date !== null && r.portability_end_date >= today;
  return {
    id: r.id,
    status: r.status,
    company: { id: r.company_id, name: r.company_name, siren: r.siren },
    establishment: { id: r.establishment_id, name: r.establishment_name, siret: r.siret },
    member: { id: r.member_id, lastName: r.last_name, firstName: r.first_name },
    contractEndDate: r.contract_end_date,
    motif,
    dsnMotifCode: radiationMotif(motif).dsn,
    unemploymentRights: r.unemployment_rights === 1,
    disabilityPension: r.disability_pension === 1,
    employmentPeriods: JSON.parse(r.employment_periods) as EmploymentPeriod[],
    portability: storedPortability(r),
    newJobDate: r.new_job_date,
    evin: {
      offered: r.evin_offered === 1,
      deadline: r.evin_deadline,
      answer: r.evin_answer,
      answeredAt: r.evin_answered_at,
    },
    contactEmail: r.contact_email,
    contactAddress: r.contact_address,
    comment: r.comment,
    noticeSentAt: r.notice_sent_at,
    returnReason: r.status === 'returned' ? r.return_reason : null,
    createdAt: r.created_at,
    createdBy: party(r.created_by_user_id, r.created_by_first_name, r.created_by_last_name),
    statusChangedAt: r.status_changed_at,
    processedAt: r.processed_at,
    processedBy: party(r.processed_by, r.processed_by_first_name, r.processed_by_last_name),
    canCancel: canMoveRadiation(r.status, 'cancelled'),
    canEdit: r.status === 'returned',
    canReportNewJob: portabilityRunning && r.new_job_date === null,
    history: history.map(historyEntry),
  };
}

/** GET /api/radiations/:id */
export async function getRadiation(
  ctx: Ctx,
  actor: EmployerActor,
  id: string,
): Promise<RadiationDetail> {
  const r = await findRadiationRow(ctx.db, actor, id);
  if (!r) throw radiationNotFound();
  const history = await findRadiationHistory(ctx.db, r.id);
  return toRadiationDetail(r, history, parisDate(ctx.clock.now()));
}

// ---------------------------------------------------------------------------------------------
// The rules

/** What the portal knows of a member's departure: their coverage, employment and open radiation. */
async function memberFacts(db: Db, memberId: string, today: string) {
  const [coverages, employmentStart] = await Promise.all([
    findCurrentEmployeeCoverages(db, memberId, today),
    findEmploymentStart(db, memberId),
  ]);
  const coverageEffectiveDate = coverages[0]?.effective_date ?? null;
  return {
    coverageEffectiveDate,
    employmentStart,
    openRadiationId: await findOpenRadiationId(db, memberId, coverageEffectiveDate),
  };
}
type MemberFacts = Awaited<ReturnType<typeof memberFacts>>;

/**
 * The start of the member's last contract as the portal knows it: the employment's start of
 * their enrolment, else the date d'effet of their current coverage (the bulk radiation and the
 * file import, which do not ask for it).
 */
function employmentStartOf(facts: MemberFacts): string | null {
  return facts.employmentStart ?? facts.coverageEffectiveDate;
}

/** `employmentStartOf` for one member (read outside any transaction). */
export async function radiationEmploymentStart(ctx: Ctx, memberId: string): Promise<string | null> {
  return employmentStartOf(await memberFacts(ctx.db, memberId, parisDate(ctx.clock.now())));
}

const refusal = (code: string, field: string, message: string) =>
  new AppError(code, 400, message, { [field]: message });

/**
 * Why this member may not be radiated with this end of contract (null when they may): every
 * path that creates or sends again a radiation asks it (a returned radiation is not open: sent
 * again, it is not a second one).
 */
export function radiationRefusal(
  facts: MemberFacts,
  contractEndDate: string,
  today: string,
): AppError | null {
  if (facts.openRadiationId) return alreadyOpen();
  if (!facts.coverageEffectiveDate) {
    return refusal(
      'radiation_no_coverage',
      'memberId',
      'Ce salarié n’a pas de couverture en cours ou à venir : il n’y a rien à radier.',
    );
  }
  if (contractEndDate < facts.coverageEffectiveDate) {
    return refusal(
      'radiation_before_coverage',
      'contractEndDate',
      `La date de fin du contrat ne peut pas précéder la date d’effet de la couverture (${formatFrenchDate(facts.coverageEffectiveDate)}).`,
    );
  }
  const latest = addMonths(today, RADIATION_MAX_MONTHS_AHEAD);
  if (contractEndDate > latest) {
    return refusal(
      'radiation_too_far',
      'contractEndDate',
      `La date de fin du contrat ne peut pas dépasser de plus de ${RADIATION_MAX_MONTHS_AHEAD} mois la date du jour (au plus tard le ${formatFrenchDate(latest)}).`,
    );
  }
  return null;
}

/** GET /api/radiations/prefill?memberId= */
export async function getRadiationPrefill(
  ctx: Ctx,
  actor: EmployerActor,
  memberId: string,
): Promise<RadiationPrefill> {
  const member = await findMemberToRadiate(ctx.db, actor, memberId);
  if (!member) throw memberNotFound();
  const facts = await memberFacts(ctx.db, member.id, parisDate(ctx.clock.now()));
  return {
    member: {
      id: member.id,
      lastName: member.last_name,
      firstName: member.first_name,
      email: member.email,
      establishment: {
        id: member.establishment_id,
        name: member.establishment_name,
        siret: member.siret,
      },
    },
    coverageEffectiveDate: facts.coverageEffectiveDate,
    employmentStartDate: facts.employmentStart,
    openRadiationId: facts.openRadiationId,
  };
}

const bool = (value: boolean): Bool => (value ? 1 : 0);

/** The computed columns of a radiation: portability (L911-8) and loi Évin (article 4). */
function computedColumns(input: RadiationCreate) {
  const portability = computePortability({
    motif: input.motif,
    unemploymentRights: input.unemploymentRights,
    periods: input.employmentPeriods,
  });
  const offered = evinOffered(input);
  const portabilityEnd = portability.eligible ? portability.end : null;
  return {
    portability,
    columns: {
      contract_end_date: input.contractEndDate,
      motif: input.motif,
      unemployment_rights: bool(input.unemploymentRights),
      disability_pension: bool(input.disabilityPension),
      employment_periods: JSON.stringify(
        input.employmentPeriods.map((p) => ({ start: p.start, end: p.end })),
      ),
      portability_months: portability.eligible ? portability.months : null,
      portability_start_date: portability.eligible ? portability.start : null,
      portability_end_date: portabilityEnd,
      portability_refusal: portability.eligible ? null : portability.reason,
      evin_offered: bool(offered),
      evin_deadline: offered ? evinDeadline(input.contractEndDate, portabilityEnd) : null,
      contact_email: input.contactEmail ?? null,
      contact_address: input.contactAddress ?? null,
      comment: input.comment ?? null,
    } satisfies Partial<Insertable<RadiationsTable>>,
  };
}

function radiationAudit(
  actor: EmployerActor,
  meta: RequestMeta,
  r: { id: string; company_id: string },
): Omit<AuditEntry, 'action'> {
  return {
    actorUserId: actor.user.id,
    actorKind: 'employer',
    companyId: r.company_id,
    targetType: 'radiation',
    targetId: r.id,
    ip: meta.ip,
    userAgent: meta.userAgent,
  };
}

function auditDetails(input: RadiationCreate, portability: Portability) {
  return {
    memberId: input.memberId,
    motif: input.motif,
    contractEndDate: input.contractEndDate,
    unemploymentRights: input.unemploymentRights,
    portabilityMonths: portability.eligible ? portability.months : null,
    portabilityEndDate: portability.eligible ? portability.end : null,
  };
}

async function throttle(trx: Db, actor: EmployerActor, now: Date): Promise<void> {
  const hit = await hitRateLimit(trx, `radiation-create:${actor.user.id}`, {
    limit: RADIATIONS_PER_USER_PER_HOUR,
    windowMs: 3600_000,
    now,
  });
  if (!hit.allowed) {
    throw tooManyAttempts(
      'Trop de radiations envoyées en peu de temps. Réessayez dans une heure.',
      hit.retryAfterSeconds,
    );
  }
}

/** Runs `work` in the caller's transaction, or in a new one. */
function inTransaction<T>(ctx: Ctx, trx: Db | undefined, work: (trx: Db) => Promise<T>) {
  return trx ? work(trx) : ctx.db.transaction().execute(work);
}

/** Inserts the radiation « Envoyée à l'assureur » with its history; its id. */
async function insertSent(
  trx: Db,
  actor: EmployerActor,
  member: MemberToRadiate,
  columns: ReturnType<typeof computedColumns>['columns'],
  at: string,
): Promise<string> {
  const id = newId();
  try {
    await insertRadiation(trx, {
      id,
      company_id: member.company_id,
      establishment_id: member.establishment_id,
      member_id: member.id,
      created_by_user_id: actor.user.id,
      status: 'sent',
      ...columns,
      status_changed_at: at,
      created_at: at,
      updated_at: at,
    });
  } catch (err) {
    // Two radiations of one member sent at the same instant: the partial unique index refused
    // the second.
    if (isUniqueViolation(err)) throw alreadyOpen();
    throw err;
  }
  await insertRadiationHistory(trx, {
    radiation_id: id,
    from_status: null,
    to_status: 'sent',
    actor_user_id: actor.user.id,
    actor_kind: 'employer',
    reason: null,
    at,
  });
  return id;
}

/**
 * POST /api/radiations — one member (the form, the bulk, the file import): the rules, the row
 * with its portability and loi Évin offer, its history and the audit line in one transaction,
 * then the notice (`sendRadiationNotice`, after the commit). With `opts.trx`, in the caller's
 * transaction: the caller commits, then sends the notices.
 */
export async function createRadiation(
  ctx: Ctx,
  actor: EmployerActor,
  input: RadiationCreate,
  meta: RequestMeta,
  opts: { trx?: Db; source?: 'form' | 'bulk' | 'file' } = {},
): Promise<{ id: string; memberId: string }> {
  const now = ctx.clock.now();
  const today = parisDate(now);
  const id = await inTransaction(ctx, opts.trx, async (trx) => {
    const member = await findMemberToRadiate(trx, actor, input.memberId);
    if (!member) throw memberNotFound();
    await throttle(trx, actor, now);
    const refused = radiationRefusal(
      await memberFacts(trx, member.id, today),
      input.contractEndDate,
      today,
    );
    if (refused) throw refused;
    const { portability, columns } = computedColumns(input);
    const radiationId = await insertSent(trx, actor, member, columns, now.toISOString());
    await recordAudit(trx, now, {
      ...radiationAudit(actor, meta, { id: radiationId, company_id: member.company_id }),
      action: 'radiation.created',
      details: { ...auditDetails(input, portability), source: opts.source ?? 'form' },
    });
    return radiationId;
  });
  // The notice once the radiation is committed (the caller's, after its commit, with opts.trx).
  if (!opts.trx) await sendRadiationNotice(ctx, id);
  return { id, memberId: input.memberId };
}

/**
 * POST /api/radiations/bulk — several members of « Mes salariés », one date and motif; each
 * member's last contract from what the portal knows (the employment's start of their enrolment,
 * else their coverage's date d'effet), the notice to their email on file, else a PDF to print.
 * All or nothing: one member refused refuses the whole (`radiation_bulk_refused`), every refused
 * member in `fields` under `members.<memberId>` (« Nom Prénom : reason »).
 */
export async function createRadiationsBulk(
  ctx: Ctx,
  actor: EmployerActor,
  input: RadiationBulkCreate,
  meta: RequestMeta,
): Promise<RadiationCreated> {
  const ids = [...new Set(input.memberIds)];
  const today = parisDate(ctx.clock.now());
  const members = await findMembersToRadiate(ctx.db, actor, ids);
  if (members.length !== ids.length) throw memberNotFound();
  const byId = new Map(members.map((m) => [m.id, m]));
  const { memberIds: _, ...common } = input;
  const created = await ctx.db.transaction().execute(async (trx) => {
    const refused: Record<string, string> = {};
    const done: RadiationCreated['radiations'] = [];
    for (const id of ids) {
      const member = byId.get(id)!;
      const facts = await memberFacts(trx, id, today);
      const start = employmentStartOf(facts) ?? input.contractEndDate;
      try {
        const one: RadiationCreate = {
          ...common,
          memberId: id,
          employmentPeriods: [
            {
              start: start <= input.contractEndDate ? start : input.contractEndDate,
              end: input.contractEndDate,
            },
          ],
          contactEmail: member.email ?? undefined,
          contactAddress: undefined,
        };
        done.push(await createRadiation(ctx, actor, one, meta, { trx, source: 'bulk' }));
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        refused[`members.${id}`] =
          `${listName({ lastName: member.last_name, firstName: member.first_name })} : ${err.message}`;
      }
    }
    const count = Object.keys(refused).length;
    if (count > 0) {
      throw new AppError(
        'radiation_bulk_refused',
        400,
        count === 1
          ? `Aucune radiation n’a été envoyée : ${Object.values(refused)[0]}`
          : `Aucune radiation n’a été envoyée : ${count} salariés ne peuvent pas être radiés (voir le détail par salarié).`,
        refused,
      );
    }
    return done;
  });
  for (const r of created) await sendRadiationNotice(ctx, r.id);
  return { radiations: created };
}

// ---------------------------------------------------------------------------------------------
// Later steps

async function loadOwnRadiation(ctx: Ctx, actor: EmployerActor, id: string) {
  const r = await findRadiationRow(ctx.db, actor, id);
  if (!r) throw radiationNotFound();
  return r;
}

function assertMove(r: { status: RadiationStatus }, to: RadiationStatus): void {
  if (!canMoveRadiation(r.status, to)) throw radiationInvalidTransition(r.status);
}

/**
 * PUT /api/radiations/:id — a radiation returned by the insurer, corrected and sent again: the
 * same rules (its member stays), the portability computed again, back to « Envoyée à
 * l'assureur », the notice queued again.
 */
export async function resubmitRadiation(
  ctx: Ctx,
  actor: EmployerActor,
  id: string,
  input: RadiationCreate,
  meta: RequestMeta,
): Promise<RadiationDetail> {
  const r = await loadOwnRadiation(ctx, actor, id);
  assertMove(r, 'sent');
  if (input.memberId !== r.member_id) {
    const message = 'Une radiation corrigée concerne toujours le même salarié.';
    throw new AppError('radiation_member_changed', 400, message, { memberId: message });
  }
  const now = ctx.clock.now();
  const today = parisDate(now);
  await ctx.db.transaction().execute(async (trx) => {
    const facts = await memberFacts(trx, r.member_id, today);
    const refused = radiationRefusal(facts, input.contractEndDate, today);
    if (refused) throw refused;
    const { portability, columns } = computedColumns(input);
    let moved: boolean;
    try {
      moved = await moveRadiation(trx, {
        id: r.id,
        from: 'returned',
        to: 'sent',
        actor: { kind: 'employer', userId: actor.user.id },
        at: now.toISOString(),
        changes: { ...columns, return_reason: null, notice_sent_at: null },
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw alreadyOpen();
      throw err;
    }
    if (!moved) throw radiationInvalidTransition(r.status);
    await recordAudit(trx, now, {
      ...radiationAudit(actor, meta, r),
      action: 'radiation.updated',
      details: auditDetails(input, portability),
    });
  });
  await sendRadiationNotice(ctx, r.id);
  return getRadiation(ctx, actor, r.id);
}

/** POST /api/radiations/:id/cancel — while sent or returned. */
export async function cancelRadiation(
  ctx: Ctx,
  actor: EmployerActor,
  id: string,
  meta: RequestMeta,
): Promise<RadiationDetail> {
  const r = await loadOwnRadiation(ctx, actor, id);
  assertMove(r, 'cancelled');
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const moved = await moveRadiation(trx, {
      id: r.id,
      from: r.status,
      to: 'cancelled',
      actor: { kind: 'employer', userId: actor.user.id },
      reason: 'Annulée par l’employeur',
      at: now.toISOString(),
      changes: { cancelled_at: now.toISOString() },
    });
    if (!moved) throw radiationInvalidTransition(r.status);
    await recordAudit(trx, now, {
      ...radiationAudit(actor, meta, r),
      action: 'radiation.cancelled',
      details: { memberId: r.member_id, from: r.status },
    });
  });
  return getRadiation(ctx, actor, r.id);
}

/**
 * The former employee found a new job on `date` (employer or back office): allowed while the
 * radiation is processed, its portability running and no new job reported, with a date within
 * the portability. The portability coverage ends the day before; the member's copy follows.
 */
export async function reportNewJob(
  ctx: Ctx,
  r: RadiationRow,
  date: string,
  by: { kind: Extract<ActorKind, 'employer' | 'staff'>; userId: string; meta: RequestMeta },
): Promise<void> {
  const now = ctx.clock.now();
  const detail = toRadiationDetail(r, [], parisDate(now));
  if (!detail.canReportNewJob || !detail.portability.eligible) {
    throw new AppError(
      'new_job_not_possible',
      409,
      'Une reprise d’emploi ne peut être déclarée que pendant une portabilité en cours, une seule fois.',
    );
  }
  const { start, end } = detail.portability;
  if (date < start || date > end) {
    const message = `La date de reprise d’emploi doit être comprise dans la portabilité (du ${formatFrenchDate(start)} au ${formatFrenchDate(end)}).`;
    throw new AppError('new_job_outside_portability', 400, message, { date: message });
  }
  await ctx.db.transaction().execute(async (trx) => {
    const recorded = await recordNewJob(trx, {
      radiationId: r.id,
      memberId: r.member_id,
      date,
      lastDay: previousDay(date),
      at: now.toISOString(),
    });
    if (!recorded) throw radiationInvalidTransition(r.status);
    await recordAudit(trx, now, {
      action: 'radiation.new_job_reported',
      actorUserId: by.userId,
      actorKind: by.kind,
      companyId: r.company_id,
      targetType: 'radiation',
      targetId: r.id,
      ip: by.meta.ip,
      userAgent: by.meta.userAgent,
      details: { memberId: r.member_id, newJobDate: date, portabilityEndDate: previousDay(date) },
    });
  });
}

/** POST /api/radiations/:id/new-job */
export async function reportNewJobAsEmployer(
  ctx: Ctx,
  actor: EmployerActor,
  id: string,
  date: string,
  meta: RequestMeta,
): Promise<RadiationDetail> {
  const r = await loadOwnRadiation(ctx, actor, id);
  await reportNewJob(ctx, r, date, { kind: 'employer', userId: actor.user.id, meta });
  return getRadiation(ctx, actor, r.id);
}

/** The radiation of the perimeter whose notice the employer downloads (404 otherwise). */
export async function radiationOfPerimeter(
  ctx: Ctx,
  actor: EmployerActor,
  id: string,
): Promise<RadiationRow> {
  return loadOwnRadiation(ctx, actor, id);
}
