import { AFFILIATION_STATUS_LABELS } from '@affilia/shared/domain/enums';
import type { PreAffiliation } from '@affilia/shared/schemas/affiliations';
import { formatFrenchDate } from '@affilia/shared/validators/dates';
import type { Db } from '../db/database';
import { toSearchName } from '../db/search-name';
import { recordAudit } from '../lib/audit';
import { parisDate } from '../lib/clock';
import type { AppContext } from '../lib/context';
import { conflict } from '../lib/errors';
import { newId } from '../lib/ids';
import type { Branding } from '../lib/mail/templates';
import { enqueueEmail } from '../lib/outbox/outbox';
import type { EmployerActor } from '../lib/policies';
import { auditOf, fieldError } from '../modules/affiliations/request-rules';
import { PENDING_STATUSES, recordCreation } from '../modules/affiliations/status';
import type { RequestMeta } from '../lib/request-meta';
import { getBranding } from '../modules/settings/settings.service';

export interface CreateAffiliationInput {
  /** The wizard's answers, already checked by the service (NIR, contract of the date). */
  request: PreAffiliation;
  establishment: { id: string; company_id: string };
  contractId: string;
  /** The NIR as checked: 13 characters. */
  nir: string;
  /** The employee's link in mode « Email »; null in mode « Courrier ». */
  link: { url: string; hash: string; expiresAt: Date } | null;
  meta: RequestMeta;
}

interface Step {
  ctx: AppContext;
  trx: Db;
  actor: EmployerActor;
  now: Date;
  today: string;
  nirHash: string;
  company: { id: string; name: string };
  input: CreateAffiliationInput;
}

/**
 * « Pré-affiliation » (SPEC §5.3), once its answers are checked: in one transaction, the person
 * found again by NIR (refused if already covered or already waiting), the request « Envoyée »
 * with its history, the audit entry and, in mode « Email », the employee's invitation through
 * the outbox. Gives the request's id.
 */
export async function createAffiliation(
  ctx: AppContext,
  actor: EmployerActor,
  input: CreateAffiliationInput,
): Promise<string> {
  const now = ctx.clock.now();
  const company = await ctx.db
    .selectFrom('companies')
    .select(['id', 'name'])
    .where('id', '=', input.establishment.company_id)
    .executeTakeFirstOrThrow();
  const branding = await getBranding(ctx);
  const nirHash = ctx.cipher.hash(input.nir);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const step: Step = { ctx, trx, actor, now, today: parisDate(now), nirHash, company, input };
    const memberId = await memberToLink(step);
    await assertNoPendingRequest(step);
    const requestId = await insertRequest(step, memberId);
    await recordCreation(trx, {
      requestId,
      status: 'sent',
      actor: { kind: 'employer', userId: actor.user.id },
      now,
    });
    await recordAudit(trx, now, {
      ...auditOf(actor, input.meta, company.id, requestId),
      action: 'affiliations.created',
      details: {
        mode: modeOf(input),
        alreadyAffiliated: input.request.alreadyAffiliated,
        contractId: input.contractId,
      },
    });
    await emailInvitation(step, branding);
    return requestId;
  });
  ctx.outboxWorker?.wake();
  return id;
}

const modeOf = (input: CreateAffiliationInput) => (input.request.email ? 'email' : 'mail');

/**
 * The company's member of this NIR, if any: « Oui » (already affiliated) needs one, and one
 * still covered at the affiliation date may not be affiliated again.
 */
async function memberToLink({ trx, today, nirHash, company, input }: Step) {
  const member = await trx
    .selectFrom('members')
    .select(['id'])
    .where('company_id', '=', company.id)
    .where('nir_hash', '=', nirHash)
    .executeTakeFirst();
  if (input.request.alreadyAffiliated && !member) {
    throw fieldError({
      nir: 'Aucun salarié affilié de l’entreprise n’a ce numéro de sécurité sociale : répondez « Non » s’il n’a jamais été affilié',
    });
  }
  if (!member) return null;
  const coverage = await findActiveCoverage(trx, member.id, today, input.request.affiliationDate);
  if (coverage) {
    throw conflict(
      'already_covered',
      `Ce salarié est déjà couvert par le contrat ${coverage.label} (n° ${coverage.number}) ${
        coverage.effective_date > today ? 'à partir du' : 'depuis le'
      } ${formatFrenchDate(coverage.effective_date)}.`,
    );
  }
  return member.id;
}

/** A coverage of the member that is not ended today and still runs at `affiliationDate`. */
async function findActiveCoverage(
  db: Db,
  memberId: string,
  today: string,
  affiliationDate: string,
) {
  return db
    .selectFrom('coverages as v')
    .innerJoin('contracts as k', 'k.id', 'v.contract_id')
    .select(['v.effective_date', 'v.end_date', 'k.label', 'k.number'])
    .where('v.member_id', '=', memberId)
    .where((eb) =>
      eb.or([
        eb('v.end_date', 'is', null),
        eb.and([eb('v.end_date', '>=', today), eb('v.end_date', '>=', affiliationDate)]),
      ]),
    )
    .orderBy('v.effective_date')
    .executeTakeFirst();
}

/** One request at a time per person and company while it waits for the employee or the insurer. */
async function assertNoPendingRequest({ trx, nirHash, company }: Step) {
  const pending = await trx
    .selectFrom('affiliation_requests')
    .select(['status', 'created_at'])
    .where('company_id', '=', company.id)
    .where('nir_hash', '=', nirHash)
    .where('status', 'in', [...PENDING_STATUSES])
    .executeTakeFirst();
  if (pending) {
    throw conflict(
      'request_pending',
      `Une demande d’affiliation est déjà en cours pour ce salarié (créée le ${formatFrenchDate(parisDate(new Date(pending.created_at)))}, statut « ${AFFILIATION_STATUS_LABELS[pending.status]} »).`,
    );
  }
}

async function insertRequest(
  { ctx, trx, actor, now, nirHash, company, input }: Step,
  memberId: string | null,
): Promise<string> {
  const { request, link } = input;
  const nowIso = now.toISOString();
  const requestId = newId();
  await trx
    .insertInto('affiliation_requests')
    .values({
      id: requestId,
      company_id: company.id,
      establishment_id: input.establishment.id,
      contract_id: input.contractId,
      member_id: memberId,
      created_by_user_id: actor.user.id,
      mode: modeOf(input),
      status: 'sent',
      last_name: request.lastName,
      first_name: request.firstName,
      search_name: toSearchName(request.lastName, request.firstName),
      email: request.email ?? null,
      nir_encrypted: ctx.cipher.encrypt(input.nir),
      nir_hash: nirHash,
      birth_date: request.birthDate,
      hire_date: request.hireDate,
      affiliation_date: request.affiliationDate,
      employment_contract_type: request.employmentContractType,
      employment_start_date: request.employmentStartDate,
      employment_end_date: request.employmentEndDate ?? null,
      professional_status: request.professionalStatus,
      position_in_company: request.positionInCompany ?? null,
      already_affiliated: request.alreadyAffiliated ? 1 : 0,
      form_token_hash: link?.hash ?? null,
      form_token_expires_at: link?.expiresAt.toISOString() ?? null,
      birth_date_locked_until: null,
      last_reminder_at: null,
      sent_at: nowIso,
      status_changed_at: nowIso,
      finalised_at: null,
      paper_received_at: null,
      validated_at: null,
      validated_by: null,
      returned_at: null,
      return_reason: null,
      abandon_reason: null,
      created_at: nowIso,
      updated_at: nowIso,
    })
    .execute();
  return requestId;
}

/** Mode « Email »: the employee's link to their form. */
async function emailInvitation({ trx, now, company, input }: Step, branding: Branding) {
  const { link, request } = input;
  if (!link || !request.email) return;
  await enqueueEmail(trx, {
    to: request.email,
    template: 'affiliation_invitation',
    data: {
      firstName: request.firstName,
      companyName: company.name,
      url: link.url,
      expiresOn: formatFrenchDate(parisDate(link.expiresAt)),
    },
    branding,
    now,
  });
}
