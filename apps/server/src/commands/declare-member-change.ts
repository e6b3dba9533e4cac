/**
 * « Déclarer un changement » on a member's page (issue 20), the one writer of a change request:
 * the rules of @affilia/shared/domain/member-change checked against the member as the portal
 * knows them, then, in one transaction, the change « Envoyée à l’assureur », its history, its
 * proof and the audit line. Nothing of the member changes before the insurer validates
 * (commands/decide-member-change.ts). The employee declares their beneficiaries through the link
 * their employer sent them (modules/member-links): the same change, by the same rules, their own
 * member only, declared by « employee ».
 */
import {
  BENEFICIARY_ADD_EVENT_RULES,
  beneficiaryEndDate,
  beneficiaryStartDate,
  contractForStatus,
  optionChangeCheck,
  OPTION_CHANGE_REFUSAL_MESSAGES,
  splitCoverage,
} from '@affilia/shared/domain/member-change';
import { coverageStatus } from '@affilia/shared/domain/coverage';
import { PROFESSIONAL_STATUS_LABELS } from '@affilia/shared/domain/enums';
import type {
  BeneficiaryChange,
  MemberChangeCreate,
  MemberChangeDetails,
} from '@affilia/shared/schemas/member-changes';
import { formatFrenchDate } from '@affilia/shared/validators/dates';
import type { ContractOption } from '../db/schema';
import { recordAudit } from '../lib/audit';
import type { CheckedFile } from '../lib/checked-file';
import { parisDate } from '../lib/clock';
import type { AppContext } from '../lib/context';
import { badRequest, conflict, notFound } from '../lib/errors';
import { newId } from '../lib/ids';
import { authorize, authorizeEstablishment, type EmployerActor } from '../lib/policies';
import type { RequestMeta } from '../lib/request-meta';
import { recordStoredFile } from '../lib/stored-files';
import {
  findChangeTargets,
  findEstablishmentRow,
} from '../modules/member-changes/member-change-targets.repository';
import {
  findPendingChangeOfKind,
  insertMemberChange,
  insertMemberChangeFile,
  moveMemberChange,
} from '../modules/member-changes/member-changes.repository';
import type { MemberWithPlaces } from '../modules/members/members.repository';
import { employerRecipients } from '../modules/enrolment/enrolment.service';
import { notifyUsers } from '../modules/notifications/notify';
import { getBranding } from '../modules/settings/settings.service';

type Db = AppContext['db'];

/**
 * The employee who opened their beneficiaries link and confirmed their birth date: a beneficiary
 * change of their own member, nothing else.
 */
export interface EmployeeDeclarant {
  kind: 'employee';
  memberId: string;
}
export type Declarant = EmployerActor | EmployeeDeclarant;
const isEmployee = (actor: Declarant): actor is EmployeeDeclarant =>
  'kind' in actor && actor.kind === 'employee';

export interface DeclareMemberChangeInput {
  /** The member as read within the actor's perimeter. */
  member: MemberWithPlaces;
  change: MemberChangeCreate;
  /** The proof of a beneficiary added, stored by the caller (lib/checked-file.ts). */
  proof: CheckedFile | null;
  /**
   * « Corriger et renvoyer » (issue 20): the change returned by the insurer that this declaration
   * corrects — the same row goes back to « Envoyée à l’assureur » with the corrected values, its
   * history and proofs kept; a beneficiary added keeps its proof and NIR unless new ones come.
   */
  resend?: ReturnedChange;
}

/** A returned change being corrected: its id, kind, and what it already holds. */
export interface ReturnedChange {
  id: string;
  kind: MemberChangeCreate['kind'];
  hasProof: boolean;
  nirEncrypted: string | null;
}

const invalid = (field: string, message: string) =>
  badRequest('validation_error', message, { [field]: message });

/** The member's employee coverage in force today, else the next one to start. */
type Targets = Awaited<ReturnType<typeof findChangeTargets>>;
function coverageToChange(targets: Targets, today: string) {
  const employee = targets.coverages.filter((c) => c.kind === 'employee');
  const current =
    employee.find((c) => coverageStatus(c.effective_date, c.end_date, today) === 'current') ??
    employee.find((c) => coverageStatus(c.effective_date, c.end_date, today) === 'upcoming');
  if (!current) {
    throw conflict(
      'member_not_covered',
      'Ce salarié n’a pas de couverture en cours : déclarez plutôt une affiliation.',
    );
  }
  return current;
}
type Coverage = ReturnType<typeof coverageToChange>;

interface Decided {
  effectiveDate: string;
  details: MemberChangeDetails;
}

function checkSplit(coverage: Coverage, effectiveDate: string) {
  if (!splitCoverage(coverage, effectiveDate)) {
    throw invalid(
      'effectiveDate',
      `La date d’effet doit suivre le début de la couverture en cours (${formatFrenchDate(coverage.effective_date)})${coverage.end_date ? ` et précéder sa fin (${formatFrenchDate(coverage.end_date)})` : ''}.`,
    );
  }
}

function professionalStatusChange(
  member: MemberWithPlaces,
  targets: Targets,
  coverage: Coverage,
  change: Extract<MemberChangeCreate, { kind: 'professional_status' }>,
): Decided {
  if (change.professionalStatus === member.professional_status) {
    throw invalid('professionalStatus', 'Le salarié a déjà ce statut professionnel.');
  }
  checkSplit(coverage, change.effectiveDate);
  const contract = contractForStatus(
    targets.contracts,
    change.professionalStatus,
    change.effectiveDate,
    coverage.contract_id,
  );
  if (!contract) {
    throw conflict(
      'no_contract_for_status',
      `Aucun contrat de la société ne couvre les salariés « ${PROFESSIONAL_STATUS_LABELS[change.professionalStatus]} » à cette date : contactez votre conseiller.`,
    );
  }
  return {
    effectiveDate: change.effectiveDate,
    details: {
      kind: 'professional_status',
      from: member.professional_status,
      to: change.professionalStatus,
      fromContractId: coverage.contract_id,
      toContractId: contract.id,
      toContractLabel: contract.label,
    },
  };
}

async function establishmentChange(
  db: Db,
  actor: EmployerActor,
  member: MemberWithPlaces,
  change: Extract<MemberChangeCreate, { kind: 'establishment' }>,
): Promise<Decided> {
  const target = await findEstablishmentRow(db, change.establishmentId);
  // Another company's establishment, or one outside the perimeter: as if it did not exist.
  if (target?.company_id !== member.company_id) {
    throw invalid(
      'establishmentId',
      'Choisissez un établissement de la même société : pour une autre société, radiez le salarié puis affiliez-le dans la nouvelle.',
    );
  }
  authorizeEstablishment(actor, 'affiliations.manage', target);
  if (target.id === member.establishment_id) {
    throw invalid('establishmentId', 'Le salarié est déjà rattaché à cet établissement.');
  }
  return {
    effectiveDate: change.effectiveDate,
    details: {
      kind: 'establishment',
      fromEstablishmentId: member.establishment_id,
      toEstablishmentId: target.id,
      fromEstablishmentName: member.establishment_name,
      toEstablishmentName: target.name,
    },
  };
}

function optionChange(
  coverage: Coverage,
  change: Extract<MemberChangeCreate, { kind: 'option' }>,
): Decided {
  const options = JSON.parse(coverage.options) as ContractOption[];
  const refused = optionChangeCheck({
    effectiveDate: change.effectiveDate,
    option: change.optionCode,
    currentOption: coverage.option_code,
    currentOptionFrom: coverage.effective_date,
    contractOptions: options.map((o) => o.code),
    minMonths: coverage.option_change_min_months,
  });
  if (refused) {
    const field = refused.refusal === 'not_first_of_month' || refused.refusal === 'too_soon';
    const message =
      refused.refusal === 'too_soon' && refused.earliest
        ? `${OPTION_CHANGE_REFUSAL_MESSAGES.too_soon} Prochaine date possible : ${formatFrenchDate(refused.earliest)}.`
        : OPTION_CHANGE_REFUSAL_MESSAGES[refused.refusal];
    throw invalid(field ? 'effectiveDate' : 'optionCode', message);
  }
  checkSplit(coverage, change.effectiveDate);
  return {
    effectiveDate: change.effectiveDate,
    details: {
      kind: 'option',
      from: coverage.option_code,
      to: change.optionCode,
      fromLabel: options.find((o) => o.code === coverage.option_code)?.label,
      toLabel: options.find((o) => o.code === change.optionCode)?.label,
    },
  };
}

function beneficiaryChange(
  ctx: Pick<AppContext, 'cipher'>,
  targets: Targets,
  coverage: Coverage,
  change: BeneficiaryChange,
  today: string,
  proof: CheckedFile | null,
  resend: ReturnedChange | undefined,
): Decided {
  const base = { kind: 'beneficiary' as const, action: change.action };
  if (change.action === 'add') {
    if (change.eventDate > today) throw invalid('change.eventDate', 'Cette date est à venir.');
    if (!proof && !resend?.hasProof) {
      const rule = BENEFICIARY_ADD_EVENT_RULES[change.event];
      throw badRequest('proof_required', `Joignez le justificatif : ${rule.proof}.`, {
        proof: `Joignez : ${rule.proof}`,
      });
    }
    return {
      effectiveDate: beneficiaryStartDate({
        eventDate: change.eventDate,
        declaredOn: today,
        memberFrom: coverage.effective_date,
      }),
      details: {
        ...base,
        beneficiaryId: null,
        type: BENEFICIARY_ADD_EVENT_RULES[change.event].beneficiary,
        event: change.event,
        reason: null,
        eventDate: change.eventDate,
        lastName: change.lastName,
        firstName: change.firstName,
        birthDate: change.birthDate,
        previous: null,
        nirEncrypted: change.nir ? ctx.cipher.encrypt(change.nir) : (resend?.nirEncrypted ?? null),
      },
    };
  }
  const beneficiary = targets.beneficiaries.find((b) => b.id === change.beneficiaryId);
  if (!beneficiary) {
    throw invalid('change.beneficiaryId', 'Ce bénéficiaire n’est pas couvert avec ce salarié.');
  }
  const who = {
    beneficiaryId: beneficiary.id,
    type: beneficiary.type,
    event: null,
    nirEncrypted: null,
  };
  if (change.action === 'remove') {
    if (change.eventDate > today) throw invalid('change.eventDate', 'Cette date est à venir.');
    return {
      effectiveDate: beneficiaryEndDate({
        reason: change.reason,
        eventDate: change.eventDate,
        coveredFrom: beneficiary.start_date,
      }),
      details: {
        ...base,
        ...who,
        reason: change.reason,
        eventDate: change.eventDate,
        lastName: beneficiary.last_name,
        firstName: beneficiary.first_name,
        birthDate: beneficiary.birth_date,
        previous: null,
      },
    };
  }
  return {
    effectiveDate: today,
    details: {
      ...base,
      ...who,
      reason: null,
      eventDate: null,
      lastName: change.lastName,
      firstName: change.firstName,
      birthDate: change.birthDate,
      previous: {
        lastName: beneficiary.last_name,
        firstName: beneficiary.first_name,
        birthDate: beneficiary.birth_date,
      },
    },
  };
}

/** The change checked against the member: its date d'effet and what it says. */
async function decide(
  ctx: AppContext,
  actor: Declarant,
  input: DeclareMemberChangeInput,
  today: string,
): Promise<Decided> {
  const { member, change } = input;
  const targets = await findChangeTargets(ctx.db, member, today);
  const coverage = coverageToChange(targets, today);
  switch (change.kind) {
    case 'professional_status':
      return professionalStatusChange(member, targets, coverage, change);
    case 'establishment':
      if (isEmployee(actor)) throw notFound('Salarié introuvable.');
      return establishmentChange(ctx.db, actor, member, change);
    case 'option':
      return optionChange(coverage, change);
    case 'beneficiary':
      return beneficiaryChange(
        ctx,
        targets,
        coverage,
        change.change,
        today,
        input.proof,
        input.resend,
      );
  }
}

/** Who may declare this change: the employer within their perimeter, the employee for their own beneficiaries. */
function authorizeDeclarant(actor: Declarant, input: DeclareMemberChangeInput) {
  if (!isEmployee(actor)) {
    authorize(actor, 'affiliations.manage', input.member.company_id);
    return { userId: actor.user.id, kind: 'employer' as const };
  }
  if (actor.memberId !== input.member.id) throw notFound('Salarié introuvable.');
  if (input.change.kind !== 'beneficiary') {
    throw badRequest('validation_error', 'Seuls vos bénéficiaires peuvent être déclarés ici.');
  }
  return { userId: null, kind: 'employee' as const };
}

/**
 * What tells the employer's users who manage the member that the employee declared a change
 * through their link (read before the transaction: reading ctx.db inside one deadlocks SQLite).
 */
async function employeeDeclarationNotice(ctx: AppContext, member: MemberWithPlaces) {
  const [branding, recipients] = await Promise.all([
    getBranding(ctx),
    employerRecipients(ctx, member.company_id, member.establishment_id),
  ]);
  return {
    userIds: recipients.map((u) => u.id),
    type: 'member_change_declared' as const,
    title: `${member.first_name} ${member.last_name} a déclaré un changement de ses bénéficiaires`,
    body: 'Il est envoyé à l’assureur, qui le vérifie avec son justificatif.',
    link: `/salaries/${member.id}`,
    companyId: member.company_id,
    branding,
    publicUrl: ctx.config.publicUrl,
  };
}

export async function declareMemberChange(
  ctx: AppContext,
  actor: Declarant,
  input: DeclareMemberChangeInput,
  meta: RequestMeta,
): Promise<{ id: string }> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  const { member, change } = input;
  const by = authorizeDeclarant(actor, input);
  const decided = await decide(ctx, actor, input, parisDate(now));
  const { resend } = input;
  if (resend && resend.kind !== change.kind) {
    throw badRequest(
      'validation_error',
      'Un changement retourné se corrige dans le même type de changement.',
    );
  }
  const id = resend?.id ?? newId();
  const notice = by.kind === 'employee' ? await employeeDeclarationNotice(ctx, member) : null;
  await ctx.db.transaction().execute(async (trx) => {
    // One change of a kind at a time: the insurer would not know which one to apply first.
    const pending = await findPendingChangeOfKind(trx, member.id, change.kind);
    if (pending && pending.id !== resend?.id) {
      throw conflict(
        'member_change_pending',
        'Un changement du même type attend déjà l’assureur ou une correction pour ce salarié.',
      );
    }
    const values = {
      effective_date: decided.effectiveDate,
      details: JSON.stringify(decided.details),
      comment: change.comment ?? null,
    };
    if (resend) {
      // The row only while it is still « Retournée »: a change cancelled meanwhile stays so.
      const moved = await moveMemberChange(trx, {
        id,
        from: 'returned',
        to: 'sent',
        actor: { kind: by.kind, userId: by.userId },
        at,
        changes: { ...values, return_reason: null },
      });
      if (!moved) {
        throw conflict(
          'invalid_transition',
          'Ce changement n’est plus à corriger : il a été annulé ou déjà renvoyé.',
        );
      }
    } else {
      await insertMemberChange(trx, {
        id,
        kind: change.kind,
        status: 'sent',
        member_id: member.id,
        company_id: member.company_id,
        establishment_id: member.establishment_id,
        ...values,
        created_by_user_id: by.userId,
        created_by_kind: by.kind,
        status_changed_at: at,
        decided_at: null,
        decided_by: null,
        return_reason: null,
        created_at: at,
        updated_at: at,
      });
      await moveMemberChange(trx, {
        id,
        from: null,
        to: 'sent',
        actor: { kind: by.kind, userId: by.userId },
        at,
      });
    }
    if (input.proof) {
      const fileId = await recordStoredFile(trx, {
        saved: input.proof.saved,
        name: input.proof.originalName,
        mimeType: input.proof.mimeType,
        ownerKind: 'member_change',
        ownerId: id,
        at,
      });
      await insertMemberChangeFile(trx, { memberChangeId: id, fileId, at });
    }
    await recordAudit(trx, now, {
      action: resend ? 'member_change.resent' : 'member_change.declared',
      actorUserId: by.userId,
      actorKind: by.kind,
      companyId: member.company_id,
      targetType: 'member_change',
      targetId: id,
      ip: meta.ip,
      userAgent: meta.userAgent,
      details: { memberId: member.id, kind: change.kind, effectiveDate: decided.effectiveDate },
    });
    if (notice) await notifyUsers(trx, { ...notice, now });
  });
  return { id };
}
