/**
 * The insurer's back office for enrolments (SPEC §6): the queues, a request with its BIA and
 * attachments, paper BIAs received, validation into a member and a coverage, return to the
 * employee with a reason. Staff only (the routes call `requireAuth(request, 'staff')`).
 */
import type { FastifyBaseLogger } from 'fastify';
import { sendAffiliationCertificates } from '../members/certificates-email';
import type { Readable } from 'node:stream';
import type { z } from 'zod';
import { validateAffiliation as validateAffiliationCommand } from '../../commands/validate-affiliation';
import type {
  BackofficeAffiliation,
  BackofficeQueue,
  BackofficeQueueQuerySchema,
} from '@affilia/shared/schemas/enrolment';
import type { AffiliationStatus } from '../../db/schema';
import type { AppContext } from '../../lib/context';
import { notFound } from '../../lib/errors';
import type { RequestMeta } from '../../lib/request-meta';
import { findHistory, updateRequest } from '../affiliations/affiliations.repository';
import { invalidTransition, recordStatusChange } from '../affiliations/status';
import {
  attachmentView,
  displayNir,
  findAttachmentOfRequest,
  loadFormParts,
  loadRequestContext,
  maskIban,
} from '../enrolment/enrolment.repository';
import { employerRecipients } from '../enrolment/enrolment.service';
import { notifyUsers } from '../notifications/notify';
import { getBranding } from '../settings/settings.service';
import { findQueue, findRequestForAction } from './backoffice.repository';
import { returnLinkDays, returnToEmployee } from './return-to-employee';
import { recordStaffAudit } from './staff-audit';
import { openStoredFile } from '../../lib/stored-files';

const QUEUE_LIMIT = 500;

export interface StaffActor {
  userId: string;
  meta: RequestMeta;
}

const notFoundRequest = () => notFound('Cette demande d’affiliation est introuvable.');

export async function listQueue(
  ctx: AppContext,
  query: z.output<typeof BackofficeQueueQuerySchema>,
): Promise<BackofficeQueue> {
  const rows = await findQueue(ctx.db, query, QUEUE_LIMIT + 1);
  return {
    truncated: rows.length > QUEUE_LIMIT,
    items: rows.slice(0, QUEUE_LIMIT).map((r) => ({
      id: r.id,
      status: r.status,
      mode: r.mode,
      lastName: r.last_name,
      firstName: r.first_name,
      companyName: r.company_name,
      siren: r.siren,
      establishmentName: r.establishment_name,
      siret: r.siret,
      affiliationDate: r.affiliation_date,
      statusChangedAt: r.status_changed_at,
      finalisedAt: r.finalised_at,
      paperReceivedAt: r.paper_received_at,
    })),
  };
}

export async function getAffiliation(
  ctx: AppContext,
  requestId: string,
): Promise<BackofficeAffiliation> {
  const rc = await loadRequestContext(ctx.db, requestId);
  if (!rc) throw notFoundRequest();
  const r = rc.request;
  const parts = await loadFormParts(ctx.db, ctx.cipher, requestId);
  const history = await findHistory(ctx.db, requestId);
  const form = parts.form;
  return {
    id: r.id,
    status: r.status,
    mode: r.mode,
    lastName: r.last_name,
    firstName: r.first_name,
    companyName: rc.company.name,
    siren: rc.company.siren,
    establishmentName: rc.establishment.name,
    siret: rc.establishment.siret,
    affiliationDate: r.affiliation_date,
    statusChangedAt: r.status_changed_at,
    finalisedAt: r.finalised_at,
    paperReceivedAt: r.paper_received_at,
    email: r.email,
    nir: displayNir(ctx.cipher.decrypt(r.nir_encrypted)),
    birthDate: r.birth_date,
    hireDate: r.hire_date,
    professionalStatus: r.professional_status,
    employmentContractType: r.employment_contract_type,
    employmentStartDate: r.employment_start_date,
    employmentEndDate: r.employment_end_date,
    positionInCompany: r.position_in_company,
    contractLabel: rc.contract.label,
    contractNumber: rc.contract.number,
    memberId: r.member_id,
    validatedAt: r.validated_at,
    returnReason: r.return_reason,
    form: form
      ? {
          address: parts.address,
          optionCode: form.option_code,
          optionLabel: form.option_code
            ? (rc.contract.options.find((o) => o.code === form.option_code)?.label ??
              form.option_code)
            : null,
          maskedIban: form.iban_encrypted
            ? maskIban(ctx.cipher.decrypt(form.iban_encrypted))
            : null,
          bic: form.bic,
          noemieConsent: form.noemie_consent === 1,
          certifiedAt: form.certified_at,
          submittedAt: form.submitted_at,
          hasPdf: form.pdf_file_id !== null,
          beneficiaries: parts.beneficiaries.map((b) => ({
            ...b,
            nir: b.nir ? displayNir(b.nir) : null,
            attachedToNir: b.attachedToNir ? displayNir(b.attachedToNir) : null,
          })),
          attachments: parts.attachments.map(attachmentView),
        }
      : null,
    history: chainOrder(history).map((h) => ({
      from: h.from_status,
      to: h.to_status,
      actorKind: h.actor_kind,
      reason: h.reason,
      at: h.at,
    })),
  };
}

/**
 * History rows in order: by instant, and rows of the same instant (one transaction, or a test
 * clock) in the order of the chain of statuses.
 */
function chainOrder<T extends { at: string; from_status: string | null; to_status: string }>(
  rows: readonly T[],
): T[] {
  const remaining = [...rows];
  const out: T[] = [];
  let last: string | null = null;
  while (remaining.length > 0) {
    const at = remaining[0]!.at;
    const next = remaining.find((r) => r.at === at && r.from_status === last) ?? remaining[0]!;
    out.push(next);
    remaining.splice(remaining.indexOf(next), 1);
    last = next.to_status;
  }
  return out;
}

export async function getAttachmentFile(
  ctx: AppContext,
  requestId: string,
  attachmentId: string,
): Promise<{ bytes: Readable; fileName: string; mimeType: string }> {
  const row = await findAttachmentOfRequest(ctx.db, requestId, attachmentId);
  return openStoredFile(ctx.storage, row, 'Cette pièce jointe est introuvable.');
}

/** A paper BIA (mode « Courrier ») reached the insurer: « Finalisé ». */
export async function markPaperReceived(
  ctx: AppContext,
  actor: StaffActor,
  requestId: string,
): Promise<void> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const r = await findRequestForAction(trx, requestId);
    if (!r) throw notFoundRequest();
    if (r.mode !== 'mail' || !['sent', 'started', 'returned'].includes(r.status)) {
      throw invalidTransition();
    }
    const from: AffiliationStatus = r.status;
    await recordStatusChange(trx, {
      requestId,
      from,
      to: 'finalised',
      actor: { kind: 'staff', userId: actor.userId },
      reason: 'paper_received',
      now,
    });
    await updateRequest(trx, requestId, {
      paper_received_at: at,
      finalised_at: at,
      form_token_hash: null,
      form_token_expires_at: null,
    });
    await recordStaffAudit(trx, now, actor, {
      action: 'affiliation.paper_received',
      companyId: r.company_id,
      targetType: 'affiliation_request',
      targetId: requestId,
    });
  });
}

/**
 * « Valider »: in one transaction, the member (created, or the existing one of the company with
 * that NIR), the coverage (contract, option, effective on the affiliation date), the member's
 * latest-coverage copy, « Validé par l’assureur », the audit line. The employee then appears in
 * « Mes salariés ». Once committed, the employee is emailed their certificates (issue 20); should
 * that fail, the validation stands and the `affiliations.certificates` job sends them.
 */
export async function validateAffiliation(
  ctx: AppContext,
  actor: StaffActor,
  requestId: string,
  log?: FastifyBaseLogger,
): Promise<{ memberId: string; coverageId: string; existingMember: boolean }> {
  const rc = await loadRequestContext(ctx.db, requestId);
  if (!rc) throw notFoundRequest();
  const validated = await validateAffiliationCommand(ctx, actor, {
    requestId,
    contractOptions: rc.contract.options,
  });
  await sendAffiliationCertificates(ctx, requestId).catch((err: unknown) => {
    log?.error({ err, requestId }, 'certificates not sent: left to the job');
  });
  return validated;
}

/**
 * « Retourner au salarié »: « Retourné » with the reason, a new link (valid the configured
 * number of days) emailed to the employee with the reason, the audit line.
 */
export async function returnAffiliation(
  ctx: AppContext,
  actor: StaffActor,
  requestId: string,
  reason: string,
): Promise<void> {
  const now = ctx.clock.now();
  const branding = await getBranding(ctx);
  const expiryDays = await returnLinkDays(ctx);
  // The employer's users who follow the request (read before the transaction).
  const known = await findRequestForAction(ctx.db, requestId);
  const recipients = known
    ? await employerRecipients(ctx, known.company_id, known.establishment_id)
    : [];
  await ctx.db.transaction().execute(async (trx) => {
    const r = await findRequestForAction(trx, requestId);
    if (!r) throw notFoundRequest();
    await returnToEmployee(ctx, trx, { request: r, actor, reason, now, branding, expiryDays });
    if (known) {
      await notifyUsers(trx, {
        userIds: recipients.map((u) => u.id),
        type: 'request_returned',
        title: 'Demande d’affiliation retournée au salarié',
        body: `Le formulaire de ${known.first_name} ${known.last_name} (${known.establishment_name}) lui a été retourné pour être complété.`,
        link: '/affiliations',
        companyId: known.company_id,
        branding,
        publicUrl: ctx.config.publicUrl,
        now,
      });
    }
    await recordStaffAudit(trx, now, actor, {
      action: 'affiliation.returned',
      companyId: r.company_id,
      targetType: 'affiliation_request',
      targetId: requestId,
      details: { emailed: r.email !== null },
    });
  });
  ctx.outboxWorker?.wake();
}
