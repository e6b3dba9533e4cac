import type { AffiliationRequest, ContractOption } from '../db/schema';
import { toSearchName } from '../db/search-name';
import type { AppContext } from '../lib/context';
import { newId } from '../lib/ids';
import {
  findMemberIdOfCompany,
  insertCoverage,
  insertMember,
  loadRequest,
  updateRequest,
} from '../modules/affiliations/affiliations.repository';
import { invalidTransition, recordStatusChange } from '../modules/affiliations/status';
import { recordStaffAudit } from '../modules/backoffice/staff-audit';
import { endDispensesOfPerson } from '../modules/dispenses/dispenses.repository';
import { findChosenOption } from '../modules/enrolment/enrolment.repository';
import { updateMember } from '../modules/reference-data/reference-data.repository';
import type { StaffActor } from '../modules/backoffice/backoffice.service';
import { refreshLatestCoverage } from '../modules/members/members.repository';
import { startBeneficiariesFromForm } from '../modules/members/member-beneficiaries.repository';

export interface ValidateAffiliationInput {
  requestId: string;
  /** The options of the request's contract: the coverage's option when the form chose none. */
  contractOptions: ContractOption[];
}

interface Step {
  trx: AppContext['db'];
  now: Date;
  request: AffiliationRequest;
}

/**
 * « Valider » a finalised request (back office, SPEC §6): in one transaction, the member
 * (created, or the existing one of the company with that NIR, moved to the request's
 * establishment), the coverage (contract, option, effective on the affiliation date), the
 * beneficiaries of the form (from the same date), the member's latest-coverage copy, « Validé par l’assureur » and the audit entry. The employee then
 * appears in « Mes salariés ».
 */
export async function validateAffiliation(
  ctx: AppContext,
  actor: StaffActor,
  input: ValidateAffiliationInput,
): Promise<{ memberId: string; coverageId: string; existingMember: boolean }> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const request = await finalisedRequest(trx, input.requestId);
    const step: Step = { trx, now, request };
    const { memberId, existingMember } = await memberOfRequest(step);
    const coverageId = await addCoverage(step, memberId, await chosenOption(step, input));
    // Issue 20: the family declared in the form becomes the member's beneficiaries.
    await startBeneficiariesFromForm(trx, {
      requestId: request.id,
      memberId,
      from: request.affiliation_date,
      at: now.toISOString(),
    });
    await refreshLatestCoverage(trx, [memberId], now);
    await markValidated(step, actor, memberId);
    // Issue 19: covered now, a dispense of the person in force (or expired) ends.
    const endedDispenses = await endDispensesOfPerson(
      trx,
      { companyId: request.company_id, nirHash: request.nir_hash, at: now.toISOString() },
      ['validated', 'expired'],
    );
    await recordStaffAudit(trx, now, actor, {
      action: 'affiliation.validated',
      companyId: request.company_id,
      targetType: 'affiliation_request',
      targetId: request.id,
      details: {
        memberId,
        coverageId,
        existingMember,
        ...(endedDispenses ? { endedDispenses } : {}),
      },
    });
    return { memberId, coverageId, existingMember };
  });
}

async function finalisedRequest(trx: AppContext['db'], requestId: string) {
  const request = await loadRequest(trx, requestId);
  if (request.status !== 'finalised') throw invalidTransition();
  return request;
}

/** The member linked to the request, else the company's member of that NIR, if any. */
async function knownMemberId({ trx, request }: Step): Promise<string | null> {
  const linked = request.member_id
    ? await findMemberIdOfCompany(trx, request.company_id, { id: request.member_id })
    : null;
  return linked ?? findMemberIdOfCompany(trx, request.company_id, { nirHash: request.nir_hash });
}

/** The known member, now in the request's establishment with its status; or a new member. */
async function memberOfRequest(step: Step) {
  const { trx, now, request: r } = step;
  const at = now.toISOString();
  const known = await knownMemberId(step);
  if (known) {
    await updateMember(trx, known, {
      establishment_id: r.establishment_id,
      professional_status: r.professional_status,
      ...(r.email ? { email: r.email } : {}),
      updated_at: at,
    });
    return { memberId: known, existingMember: true };
  }
  const memberId = newId();
  await insertMember(trx, {
    id: memberId,
    company_id: r.company_id,
    establishment_id: r.establishment_id,
    nir_encrypted: r.nir_encrypted,
    nir_hash: r.nir_hash,
    last_name: r.last_name,
    first_name: r.first_name,
    search_name: toSearchName(r.last_name, r.first_name),
    birth_date: r.birth_date,
    professional_status: r.professional_status,
    email: r.email,
    latest_coverage_id: null,
    latest_contract_id: null,
    latest_effective_date: null,
    latest_end_date: null,
    created_at: at,
    updated_at: at,
  });
  return { memberId, existingMember: false };
}

/** The option chosen in the form, else the contract's mandatory one, else its first. */
async function chosenOption({ trx, request }: Step, input: ValidateAffiliationInput) {
  return (
    (await findChosenOption(trx, request.id)) ??
    input.contractOptions.find((o) => o.mandatory)?.code ??
    input.contractOptions[0]?.code ??
    'base'
  );
}

async function addCoverage(
  { trx, now, request }: Step,
  memberId: string,
  optionCode: string,
): Promise<string> {
  const at = now.toISOString();
  const coverageId = newId();
  await insertCoverage(trx, {
    id: coverageId,
    member_id: memberId,
    contract_id: request.contract_id,
    option_code: optionCode,
    effective_date: request.affiliation_date,
    end_date: request.employment_end_date,
    affiliation_request_id: request.id,
    created_at: at,
    updated_at: at,
  });
  return coverageId;
}

/** « Validé par l’assureur », linked to the member, its link dead. */
async function markValidated({ trx, now, request }: Step, actor: StaffActor, memberId: string) {
  await recordStatusChange(trx, {
    requestId: request.id,
    from: 'finalised',
    to: 'validated',
    actor: { kind: 'staff', userId: actor.userId },
    now,
  });
  await updateRequest(trx, request.id, {
    member_id: memberId,
    validated_at: now.toISOString(),
    validated_by: actor.userId,
    form_token_hash: null,
    form_token_expires_at: null,
  });
}
