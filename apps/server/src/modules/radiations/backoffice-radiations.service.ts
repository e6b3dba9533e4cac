/**
 * The insurer's « Radiations » queue (issue 18): the radiations by status, one with its history,
 * « Traiter » (commands/process-radiation.ts), « Retourner à l'employeur » with a reason, the
 * former employee's answer to the loi Évin offer, and the new job that ends the portability
 * early (the same rule as the employer's, radiations.service.ts). Staff see every company.
 */
import type { z } from 'zod';
import type { EvinAnswer, RadiationMotif } from '@affilia/shared/domain/radiation';
import type {
  BackofficeRadiationPage,
  BackofficeRadiationQuerySchema,
  RadiationDetail,
} from '@affilia/shared/schemas/radiations';
import { formatFrenchDate } from '@affilia/shared/validators/dates';
import { processRadiation as processRadiationCommand } from '../../commands/process-radiation';
import { parisDate } from '../../lib/clock';
import type { AppContext } from '../../lib/context';
import { AppError } from '../../lib/errors';
import type { StaffActor } from '../backoffice/backoffice.service';
import { recordStaffAudit } from '../backoffice/staff-audit';
import { employerRecipients } from '../enrolment/enrolment.service';
import { notifyUsers } from '../notifications/notify';
import { getBranding } from '../settings/settings.service';
import {
  countRadiationQueue,
  findRadiationQueue,
  setEvinAnswer,
} from './backoffice-radiations.repository';
import { radiationNoticePdf } from './notice';
import { findRadiationHistory, findRadiationRow, moveRadiation } from './radiations.repository';
import {
  radiationInvalidTransition,
  radiationNotFound,
  reportNewJob,
  toRadiationDetail,
} from './radiations.service';

type Query = z.output<typeof BackofficeRadiationQuerySchema>;

/** GET /api/backoffice/radiations */
export async function listRadiationQueue(
  ctx: AppContext,
  query: Query,
): Promise<BackofficeRadiationPage> {
  const filter = { status: query.status, companyId: query.companyId, q: query.q };
  const [rows, total] = await Promise.all([
    findRadiationQueue(ctx.db, ctx.cipher, filter, {
      offset: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
    }),
    countRadiationQueue(ctx.db, ctx.cipher, filter),
  ]);
  return {
    total,
    page: query.page,
    pageSize: query.pageSize,
    items: rows.map((r) => ({
      id: r.id,
      status: r.status,
      company: { id: r.company_id, name: r.company_name, siren: r.siren },
      establishment: { id: r.establishment_id, name: r.establishment_name, siret: r.siret },
      member: { id: r.member_id, lastName: r.last_name, firstName: r.first_name },
      contractEndDate: r.contract_end_date,
      motif: r.motif as RadiationMotif,
      portabilityEndDate: r.portability_end_date,
      createdAt: r.created_at,
      statusChangedAt: r.status_changed_at,
    })),
  };
}

async function loadRadiation(ctx: AppContext, id: string) {
  const r = await findRadiationRow(ctx.db, null, id);
  if (!r) throw radiationNotFound();
  return r;
}

/** GET /api/backoffice/radiations/:id */
export async function getBackofficeRadiation(
  ctx: AppContext,
  id: string,
): Promise<RadiationDetail> {
  const r = await loadRadiation(ctx, id);
  const history = await findRadiationHistory(ctx.db, r.id);
  return toRadiationDetail(r, history, parisDate(ctx.clock.now()));
}

/** GET /api/backoffice/radiations/:id/notice.pdf — the same notice as the employee's. */
export async function backofficeNoticePdf(
  ctx: AppContext,
  id: string,
): Promise<{ fileName: string; bytes: Buffer }> {
  const r = await loadRadiation(ctx, id);
  return radiationNoticePdf(ctx, ctx.db, r.id);
}

/** POST /api/backoffice/radiations/:id/process */
export async function processRadiation(
  ctx: AppContext,
  actor: StaffActor,
  id: string,
): Promise<RadiationDetail> {
  const r = await loadRadiation(ctx, id);
  if (r.status !== 'sent') throw radiationInvalidTransition(r.status);
  // Read before the transaction (reading ctx.db inside one waits on SQLite).
  const recipients = await employerRecipients(ctx, r.company_id, r.establishment_id);
  const branding = await getBranding(ctx);
  await processRadiationCommand(ctx, actor, { radiationId: id, recipients, branding });
  ctx.outboxWorker?.wake();
  return getBackofficeRadiation(ctx, id);
}

/**
 * POST /api/backoffice/radiations/:id/return — « Retournée à l'employeur » with the reason (a
 * radiation still sent): the history row, the audit line, the employer's users notified; the
 * employer corrects and sends it again, or cancels it.
 */
export async function returnRadiation(
  ctx: AppContext,
  actor: StaffActor,
  id: string,
  reason: string,
): Promise<RadiationDetail> {
  const r = await loadRadiation(ctx, id);
  if (r.status !== 'sent') throw radiationInvalidTransition(r.status);
  const recipients = await employerRecipients(ctx, r.company_id, r.establishment_id);
  const branding = await getBranding(ctx);
  const now = ctx.clock.now();
  const at = now.toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const moved = await moveRadiation(trx, {
      id,
      from: 'sent',
      to: 'returned',
      actor: { kind: 'staff', userId: actor.userId },
      reason,
      at,
      changes: { returned_at: at, return_reason: reason },
    });
    if (!moved) throw radiationInvalidTransition(r.status);
    await recordStaffAudit(trx, now, actor, {
      action: 'radiation.returned',
      companyId: r.company_id,
      targetType: 'radiation',
      targetId: id,
      details: { memberId: r.member_id, reason },
    });
    await notifyUsers(trx, {
      userIds: recipients.map((u) => u.id),
      type: 'radiation_returned',
      title: 'Radiation retournée par l’assureur',
      body: `La radiation de ${r.first_name} ${r.last_name} (${r.establishment_name}, fin du contrat le ${formatFrenchDate(r.contract_end_date)}) vous est retournée avec ce motif : « ${reason} ». Corrigez-la et renvoyez-la, ou annulez-la.`,
      link: `/radiations/${id}`,
      companyId: r.company_id,
      branding,
      publicUrl: ctx.config.publicUrl,
      now,
    });
  });
  ctx.outboxWorker?.wake();
  return getBackofficeRadiation(ctx, id);
}

/** POST /api/backoffice/radiations/:id/evin — the answer to the loi Évin offer (article 4). */
export async function answerEvin(
  ctx: AppContext,
  actor: StaffActor,
  id: string,
  answer: EvinAnswer,
): Promise<RadiationDetail> {
  const r = await loadRadiation(ctx, id);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const recorded = await setEvinAnswer(trx, {
      radiationId: id,
      answer,
      by: actor.userId,
      at: now.toISOString(),
    });
    if (!recorded) {
      throw new AppError(
        'evin_not_offered',
        409,
        'Le maintien individuel (loi Évin) n’est pas proposé pour cette radiation.',
      );
    }
    await recordStaffAudit(trx, now, actor, {
      action: 'radiation.evin_answered',
      companyId: r.company_id,
      targetType: 'radiation',
      targetId: id,
      details: { memberId: r.member_id, evinAnswer: answer },
    });
  });
  return getBackofficeRadiation(ctx, id);
}

/** POST /api/backoffice/radiations/:id/new-job — the employer's rule (radiations.service.ts). */
export async function reportNewJobAsStaff(
  ctx: AppContext,
  actor: StaffActor,
  id: string,
  date: string,
): Promise<RadiationDetail> {
  const r = await loadRadiation(ctx, id);
  await reportNewJob(ctx, r, date, { kind: 'staff', userId: actor.userId, meta: actor.meta });
  return getBackofficeRadiation(ctx, id);
}
