import { formatFrenchDate } from '@affilia/shared/validators/dates';
import type { AppContext } from '../lib/context';
import type { Branding } from '../lib/mail/templates';
import { newId } from '../lib/ids';
import { insertCoverage } from '../modules/affiliations/affiliations.repository';
import type { StaffActor } from '../modules/backoffice/backoffice.service';
import { recordStaffAudit } from '../modules/backoffice/staff-audit';
import { refreshLatestCoverage } from '../modules/members/members.repository';
import { notifyUsers } from '../modules/notifications/notify';
import {
  deleteCoverage,
  endCoverage,
  findEmployeeCoveragesOpenAt,
  setMemberPortabilityEnd,
} from '../modules/radiations/backoffice-radiations.repository';
import {
  findRadiationRow,
  moveRadiation,
  type RadiationRow,
} from '../modules/radiations/radiations.repository';
import {
  radiationInvalidTransition,
  radiationNotFound,
} from '../modules/radiations/radiations.service';

export interface ProcessRadiationInput {
  radiationId: string;
  /** The employer's users who follow the establishment, read before the transaction. */
  recipients: readonly { id: string }[];
  branding: Branding;
}

interface Step {
  ctx: AppContext;
  trx: AppContext['db'];
  now: Date;
  at: string;
  actor: StaffActor;
  radiation: RadiationRow;
}

type OpenCoverage = Awaited<ReturnType<typeof findEmployeeCoveragesOpenAt>>[number];

/**
 * « Traiter » a radiation (back office, issue 18), in one transaction: « Traitée » with its
 * history row (who, when); the member's employee coverage(s) ended on the last day of the
 * contract — a coverage that would only start after it never takes effect and is removed (an end
 * before its date d'effet has no meaning); when the departure opens portability (L911-8), a
 * portability coverage of the same contract and option for each coverage in force on that day,
 * from the day after to the portability's end, and the member's copy of that end; the member's
 * latest-coverage copy refreshed (employee coverages: the member shows « Terminé » once the
 * contract has ended); the audit line; the employer's users notified. On a failure nothing is
 * written.
 */
export async function processRadiation(
  ctx: AppContext,
  actor: StaffActor,
  input: ProcessRadiationInput,
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const radiation = await sentRadiation(trx, input.radiationId);
    const step: Step = { ctx, trx, now, at: now.toISOString(), actor, radiation };
    await markProcessed(step);
    const inForce = await endEmployeeCoverages(step);
    const portabilityCoverageIds = await openPortability(step, inForce);
    await refreshLatestCoverage(trx, [radiation.member_id], now);
    await recordStaffAudit(trx, now, actor, {
      action: 'radiation.processed',
      companyId: radiation.company_id,
      targetType: 'radiation',
      targetId: radiation.id,
      details: {
        memberId: radiation.member_id,
        contractEndDate: radiation.contract_end_date,
        portabilityEndDate:
          portabilityCoverageIds.length > 0 ? radiation.portability_end_date : null,
        portabilityMonths: radiation.portability_months,
      },
    });
    await notifyEmployer(step, input);
  });
}

async function sentRadiation(trx: AppContext['db'], radiationId: string): Promise<RadiationRow> {
  const radiation = await findRadiationRow(trx, null, radiationId);
  if (!radiation) throw radiationNotFound();
  if (radiation.status !== 'sent') throw radiationInvalidTransition(radiation.status);
  return radiation;
}

/** « Traitée » by this staff member, if still « Envoyée à l'assureur ». */
async function markProcessed({ trx, at, actor, radiation }: Step): Promise<void> {
  const moved = await moveRadiation(trx, {
    id: radiation.id,
    from: 'sent',
    to: 'processed',
    actor: { kind: 'staff', userId: actor.userId },
    at,
    changes: { processed_at: at, processed_by: actor.userId },
  });
  if (!moved) throw radiationInvalidTransition(radiation.status);
}

/**
 * Ends the employee coverages on the contract's last day (removes those starting after it);
 * gives the ones in force on that day.
 */
async function endEmployeeCoverages({ trx, at, radiation }: Step): Promise<OpenCoverage[]> {
  const lastDay = radiation.contract_end_date;
  const open = await findEmployeeCoveragesOpenAt(trx, radiation.member_id, lastDay);
  const inForce: OpenCoverage[] = [];
  for (const coverage of open) {
    if (coverage.effective_date > lastDay) {
      await deleteCoverage(trx, coverage.id);
      continue;
    }
    inForce.push(coverage);
    if (coverage.end_date !== lastDay) await endCoverage(trx, coverage.id, lastDay, at);
  }
  return inForce;
}

/** The portability coverage(s) and the member's copy of their end; gives their ids. */
async function openPortability({ trx, at, radiation }: Step, inForce: OpenCoverage[]) {
  const start = radiation.portability_start_date;
  const end = radiation.portability_end_date;
  if (!start || !end || inForce.length === 0) return [];
  const ids: string[] = [];
  for (const coverage of inForce) {
    const id = newId();
    await insertCoverage(trx, {
      id,
      member_id: radiation.member_id,
      contract_id: coverage.contract_id,
      option_code: coverage.option_code,
      effective_date: start,
      end_date: end,
      affiliation_request_id: null,
      kind: 'portability',
      radiation_id: radiation.id,
      created_at: at,
      updated_at: at,
    });
    ids.push(id);
  }
  await setMemberPortabilityEnd(trx, radiation.member_id, end, at);
  return ids;
}

/** The employer's users who follow the establishment, in the app and by email. */
async function notifyEmployer({ ctx, trx, now, radiation: r }: Step, input: ProcessRadiationInput) {
  const name = `${r.first_name} ${r.last_name}`;
  const portability = r.portability_end_date
    ? ` ; portabilité jusqu’au ${formatFrenchDate(r.portability_end_date)}`
    : '';
  await notifyUsers(trx, {
    userIds: input.recipients.map((u) => u.id),
    type: 'radiation_processed',
    title: 'Radiation traitée par l’assureur',
    body: `La radiation de ${name} (${r.establishment_name}) est traitée : garanties de salarié terminées le ${formatFrenchDate(r.contract_end_date)}${portability}.`,
    link: `/radiations/${r.id}`,
    companyId: r.company_id,
    branding: input.branding,
    publicUrl: ctx.config.publicUrl,
    now,
  });
}
