/**
 * The insurer's decision on a change of a member (issue 20): « Valider » applies it — the member's
 * statut professionnel, establishment, option or beneficiaries, a change of contract or option
 * closing the coverage the day before and opening a new one (the history keeps both periods) —
 * or « Retourner à l’employeur » with what to correct. Either way, in one transaction: the
 * change's status and history, the audit line and the employer's notification.
 */
import { splitCoverage } from '@affilia/shared/domain/member-change';
import { MEMBER_CHANGE_KIND_LABELS } from '@affilia/shared/domain/member-change';
import {
  MemberChangeDetailsSchema,
  type MemberChangeDetails,
} from '@affilia/shared/schemas/member-changes';
import type { AppContext } from '../lib/context';
import { conflict, notFound } from '../lib/errors';
import { newId } from '../lib/ids';
import { recordStaffAudit } from '../modules/backoffice/staff-audit';
import type { StaffActor } from '../modules/backoffice/backoffice.service';
import { employerRecipients } from '../modules/enrolment/enrolment.service';
import {
  findChange,
  moveMemberChange,
  type MemberChangeRow,
} from '../modules/member-changes/member-changes.repository';
import { refreshLatestCoverage } from '../modules/members/members.repository';
import {
  insertMemberBeneficiary,
  updateMemberBeneficiary,
} from '../modules/members/member-beneficiaries.repository';
import {
  endCoverage,
  findContractOptions,
  findCoverageCovering,
  setMemberFields,
} from '../modules/member-changes/member-change-effects.repository';
import { insertCoverage } from '../modules/affiliations/affiliations.repository';
import { notifyUsers } from '../modules/notifications/notify';
import { getBranding } from '../modules/settings/settings.service';

type Db = AppContext['db'];

const notWaiting = () =>
  conflict('invalid_transition', 'Ce changement n’attend plus l’assureur : rechargez la page.');
const coverageMoved = () =>
  conflict(
    'coverage_changed',
    'La couverture du salarié ne couvre plus la date d’effet de ce changement : retournez-le à l’employeur.',
  );

/** Closes the coverage covering the change's day and opens its successor on that day. */
async function splitAt(
  db: Db,
  change: MemberChangeRow,
  next: { contractId?: string; optionCode?: string },
  at: string,
) {
  const current = await findCoverageCovering(db, change.member_id, change.effective_date);
  const split = current ? splitCoverage(current, change.effective_date) : null;
  if (!current || !split) throw coverageMoved();
  let optionCode = next.optionCode ?? current.option_code;
  if (next.contractId && next.contractId !== current.contract_id) {
    // The new collège's contract: the same option if it has one of that code, else its own.
    const options = await findContractOptions(db, next.contractId);
    if (!options.some((o) => o.code === optionCode)) {
      optionCode = (options.find((o) => o.mandatory) ?? options[0])?.code ?? optionCode;
    }
  }
  await endCoverage(db, current.id, split.closeOn, at);
  await insertCoverage(db, {
    id: newId(),
    member_id: change.member_id,
    contract_id: next.contractId ?? current.contract_id,
    option_code: optionCode,
    effective_date: split.openOn,
    end_date: split.until,
    affiliation_request_id: null,
    created_at: at,
    updated_at: at,
  });
}

async function applyBeneficiaryChange(
  db: Db,
  change: MemberChangeRow,
  details: Extract<MemberChangeDetails, { kind: 'beneficiary' }>,
  at: string,
) {
  if (details.action === 'add') {
    await insertMemberBeneficiary(db, {
      id: newId(),
      member_id: change.member_id,
      type: details.type,
      last_name: details.lastName,
      first_name: details.firstName,
      birth_date: details.birthDate,
      nir_encrypted: details.nirEncrypted,
      attached_to_nir_encrypted: null,
      start_date: change.effective_date,
      end_date: null,
      added_by_change_id: change.id,
      ended_by_change_id: null,
      created_at: at,
      updated_at: at,
    });
    return;
  }
  const which = { id: details.beneficiaryId ?? '', memberId: change.member_id };
  const updated = await updateMemberBeneficiary(
    db,
    which,
    details.action === 'remove'
      ? { end_date: change.effective_date, ended_by_change_id: change.id, updated_at: at }
      : {
          last_name: details.lastName,
          first_name: details.firstName,
          birth_date: details.birthDate,
          updated_at: at,
        },
  );
  if (!updated) throw coverageMoved();
}

/** What « Valider » does to the member, by kind. */
async function apply(db: Db, change: MemberChangeRow, now: Date) {
  const at = now.toISOString();
  const details = MemberChangeDetailsSchema.parse(JSON.parse(change.details));
  switch (details.kind) {
    case 'professional_status':
      await setMemberFields(db, change.member_id, {
        professional_status: details.to,
        updated_at: at,
      });
      if (details.toContractId !== details.fromContractId)
        await splitAt(db, change, { contractId: details.toContractId }, at);
      break;
    case 'establishment':
      await setMemberFields(db, change.member_id, {
        establishment_id: details.toEstablishmentId,
        updated_at: at,
      });
      break;
    case 'option':
      await splitAt(db, change, { optionCode: details.to }, at);
      break;
    case 'beneficiary':
      await applyBeneficiaryChange(db, change, details, at);
      break;
  }
  await refreshLatestCoverage(db, [change.member_id], now);
}

export async function decideMemberChange(
  ctx: AppContext,
  actor: StaffActor,
  input:
    { id: string; decision: 'validated' } | { id: string; decision: 'returned'; reason: string },
): Promise<void> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  const known = await findChange(ctx.db, input.id);
  if (!known) throw notFound('Changement introuvable.');
  // Read before the transaction (reading ctx.db inside one deadlocks SQLite).
  const branding = await getBranding(ctx);
  const recipients = await employerRecipients(ctx, known.company_id, known.establishment_id);
  await ctx.db.transaction().execute(async (trx) => {
    const change = await findChange(trx, input.id);
    if (change?.status !== 'sent') throw notWaiting();
    const validated = input.decision === 'validated';
    if (validated) await apply(trx, change, now);
    const moved = await moveMemberChange(trx, {
      id: change.id,
      from: 'sent',
      to: input.decision,
      actor: { kind: 'staff', userId: actor.userId },
      reason: validated ? null : input.reason,
      at,
      changes: {
        decided_at: at,
        decided_by: actor.userId,
        return_reason: validated ? null : input.reason,
      },
    });
    if (!moved) throw notWaiting();
    await recordStaffAudit(trx, now, actor, {
      action: validated ? 'member_change.validated' : 'member_change.returned',
      companyId: change.company_id,
      targetType: 'member_change',
      targetId: change.id,
      details: {
        memberId: change.member_id,
        kind: change.kind,
        ...(validated ? {} : { reason: input.reason }),
      },
    });
    const what = `${MEMBER_CHANGE_KIND_LABELS[change.kind]} de ${change.first_name} ${change.last_name}`;
    await notifyUsers(trx, {
      userIds: recipients.map((u) => u.id),
      type: 'member_change_decided',
      title: validated ? `${what} : validé par l’assureur` : `${what} : à corriger`,
      body: validated ? null : input.reason,
      link: `/salaries/${change.member_id}`,
      companyId: change.company_id,
      branding,
      publicUrl: ctx.config.publicUrl,
      now,
    });
  });
}
