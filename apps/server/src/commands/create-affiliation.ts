import { AFFILIATION_STATUS_LABELS } from '@affilia/shared/domain/enums';
import type { PreAffiliation } from '@affilia/shared/schemas/affiliations';
import { formatFrenchDate } from '@affilia/shared/validators/dates';
import type { Db } from '../db/database';
import { recordAudit } from '../lib/audit';
import { parisDate } from '../lib/clock';
import type { AppContext } from '../lib/context';
import { conflict, notFound } from '../lib/errors';
import { newId } from '../lib/ids';
import type { Branding } from '../lib/mail/templates';
import { enqueueEmail } from '../lib/outbox/outbox';
import type { EmployerActor } from '../lib/policies';
import { auditOf, fieldError } from '../modules/affiliations/request-rules';
import {
  findCoverageRunningFrom,
  findMemberIdOfCompany,
  findRequestOfPerson,
  insertRequest,
} from '../modules/affiliations/affiliations.repository';
import { PENDING_STATUSES, recordCreation } from '../modules/affiliations/status';
import { endDispensesOfPerson } from '../modules/dispenses/dispenses.repository';
import type { RequestMeta } from '../lib/request-meta';
import { findCompanyRow } from '../modules/reference-data/reference-data.repository';
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
  /** « Pré-affilier par fichier »: the file's batch (its « Courrier » BIAs print together). */
  batchId?: string;
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
 * with its history, the person's expired dispenses ended (issue 19), the audit entry and, in
 * mode « Email », the employee's invitation through the outbox. Gives the request's id.
 */
export async function createAffiliation(
  ctx: AppContext,
  actor: EmployerActor,
  input: CreateAffiliationInput,
): Promise<string> {
  const now = ctx.clock.now();
  const company = await findCompanyRow(ctx.db, input.establishment.company_id);
  // The establishment's company: there is one (foreign key).
  if (!company) throw notFound();
  const branding = await getBranding(ctx);
  const nirHash = ctx.cipher.hash(input.nir);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const step: Step = { ctx, trx, actor, now, today: parisDate(now), nirHash, company, input };
    const memberId = await memberToLink(step);
    await assertNoPendingRequest(step);
    const requestId = await createRequest(step, memberId);
    // Issue 19: affiliated after their dispense expired — the dispense ends with this request.
    const endedDispenses = await endDispensesOfPerson(
      trx,
      { companyId: company.id, nirHash, at: now.toISOString() },
      ['expired'],
    );
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
        ...(input.batchId ? { batchId: input.batchId } : {}),
        ...(endedDispenses > 0 ? { endedDispenses } : {}),
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
  const memberId = await findMemberIdOfCompany(trx, company.id, { nirHash });
  if (input.request.alreadyAffiliated && !memberId) {
    throw fieldError({
      nir: 'Aucun salarié affilié de l’entreprise n’a ce numéro de sécurité sociale : répondez « Non » s’il n’a jamais été affilié',
    });
  }
  if (!memberId) return null;
  const coverage = await findCoverageRunningFrom(
    trx,
    memberId,
    today,
    input.request.affiliationDate,
  );
  if (coverage) {
    throw conflict(
      'already_covered',
      `Ce salarié est déjà couvert par le contrat ${coverage.label} (n° ${coverage.number}) ${
        coverage.effective_date > today ? 'à partir du' : 'depuis le'
      } ${formatFrenchDate(coverage.effective_date)}.`,
    );
  }
  return memberId;
}

/** One request at a time per person and company while it waits for the employee or the insurer. */
async function assertNoPendingRequest({ trx, nirHash, company }: Step) {
  const pending = await findRequestOfPerson(
    trx,
    { companyId: company.id, nirHash },
    PENDING_STATUSES,
  );
  if (pending) {
    throw conflict(
      'request_pending',
      `Une demande d’affiliation est déjà en cours pour ce salarié (créée le ${formatFrenchDate(parisDate(new Date(pending.created_at)))}, statut « ${AFFILIATION_STATUS_LABELS[pending.status]} »).`,
    );
  }
}

async function createRequest(
  { ctx, trx, actor, now, nirHash, company, input }: Step,
  memberId: string | null,
): Promise<string> {
  const { request, link } = input;
  const nowIso = now.toISOString();
  const requestId = newId();
  await insertRequest(trx, {
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
    import_batch_id: input.batchId ?? null,
    sent_at: nowIso,
    created_at: nowIso,
  });
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
