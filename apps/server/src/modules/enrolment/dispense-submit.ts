/**
 * « Envoyer ma demande de dispense » in the employee's form (issue 19): the « Demande de dispense
 * d'adhésion » PDF rendered with the sworn statement and stored, then the request written by
 * `requestDispense` (the one writer) with, in the same transaction, the link's end (a first
 * request: the request is « Dispense demandée »; a renewal keeps the link until it expires, so
 * that a refused proof can be sent again), the employer's users notified and the employee's copy
 * of the PDF emailed.
 */
import {
  dispenseCase,
  dispenseEndDate,
  swornStatement,
  type DispenseCaseCode,
} from '@affilia/shared/domain/dispense';
import type { DispenseSubmit } from '@affilia/shared/schemas/dispenses';
import type { z } from 'zod';
import type { DispenseSubmittedSchema } from '@affilia/shared/schemas/dispenses';
import { requestDispense } from '../../commands/request-dispense';
import type { AffiliationRequest } from '../../db/schema';
import type { CheckedFile } from '../../lib/checked-file';
import { parisDate } from '../../lib/clock';
import type { AppContext } from '../../lib/context';
import type { Branding } from '../../lib/mail/templates';
import { enqueueEmail } from '../../lib/outbox/outbox';
import type { RequestMeta } from '../../lib/request-meta';
import type { SavedFile } from '../../lib/storage';
import { updateRequest } from '../affiliations/affiliations.repository';
import { toDispenseSummary } from '../dispenses/dispense-views';
import { listPendingProofs, type DispenseRow } from '../dispenses/dispenses.repository';
import { notifyUsers } from '../notifications/notify';
import { getBranding } from '../settings/settings.service';
import { renderDispensePdf } from './dispense-pdf';
import {
  biaInput,
  findRequestStatus,
  loadBiaBranding,
  loadRequestContext,
  type RequestContext,
} from './enrolment.repository';
import { employerRecipients } from './enrolment.service';
import { linkInvalid } from './form-access';

type DispenseSubmitted = z.infer<typeof DispenseSubmittedSchema>;

/** « Dispense-Nom-Prénom.pdf ». */
export function dispensePdfFileName(request: { last_name: string; first_name: string }): string {
  return `Dispense-${request.last_name}-${request.first_name}.pdf`;
}

/** The PDF stored twice: the dispense's copy and the one attached to the employee's email. */
interface StoredPdf {
  file: CheckedFile;
  forEmployee: SavedFile | null;
}

async function storePdf(
  ctx: AppContext,
  rc: RequestContext,
  fields: DispenseSubmit,
  branding: Branding,
  now: Date,
): Promise<StoredPdf> {
  const r = rc.request;
  const proofs = await listPendingProofs(ctx.db, r.id);
  const code = fields.caseCode;
  const bytes = await renderDispensePdf(
    {
      ...biaInput(ctx.cipher, rc, null, await loadBiaBranding(ctx.db, branding)),
      dispense: {
        caseCode: code,
        otherPlanType: fields.otherPlanType,
        endDate: dispenseEndDate(code, {
          justificationEndDate: fields.justificationEndDate,
          employmentEndDate: r.employment_end_date,
        }),
        isRenewal: r.status === 'dispensed',
        swornStatement: swornStatement({
          fullName: `${r.first_name} ${r.last_name}`,
          caseLabel: dispenseCase(code).label,
        }),
        proofNames: proofs.map((p) => p.original_name),
      },
    },
    { on: parisDate(now), at: now },
  );
  const originalName = dispensePdfFileName(r);
  const meta = { originalName, mimeType: 'application/pdf' };
  const saved = await ctx.storage.save(bytes, meta);
  // The employee's copy: the outbox's own file, as the BIA's.
  const forEmployee = r.email ? await ctx.storage.save(bytes, meta) : null;
  return { file: { saved, ...meta }, forEmployee };
}

interface Then {
  ctx: AppContext;
  rc: RequestContext;
  pdf: StoredPdf;
  branding: Branding;
  now: Date;
  recipients: { id: string }[];
}

/** In requestDispense's transaction: the link (first request), the employer, the employee. */
async function afterRequest(
  { ctx, rc, pdf, branding, now, recipients }: Then,
  trx: AppContext['db'],
  dispense: DispenseRow,
) {
  const request = rc.request;
  const current = await findRequestStatus(trx, request.id);
  if (current?.form_token_hash !== request.form_token_hash) throw linkInvalid();
  const renewal = dispense.renews_dispense_id !== null;
  if (!renewal) {
    await updateRequest(trx, request.id, { form_token_hash: null, form_token_expires_at: null });
  }
  const employeeName = `${request.first_name} ${request.last_name}`;
  await notifyUsers(trx, {
    userIds: recipients.map((u) => u.id),
    type: 'dispense_requested',
    title: renewal ? 'Justificatif de dispense renouvelé' : 'Dispense d’adhésion demandée',
    body: renewal
      ? `${employeeName} (${rc.establishment.name}) a envoyé le renouvellement de sa dispense d’adhésion : l’assureur va le vérifier.`
      : `${employeeName} (${rc.establishment.name}) demande à être dispensé(e) d’adhésion : « ${dispenseCase(dispense.case_code as DispenseCaseCode).label} ». L’assureur va vérifier la demande.`,
    link: '/affiliations',
    companyId: rc.company.id,
    branding,
    publicUrl: ctx.config.publicUrl,
    now,
  });
  if (request.email && pdf.forEmployee) {
    await enqueueEmail(trx, {
      to: request.email,
      template: 'dispense_submitted',
      data: { firstName: request.first_name, companyName: rc.company.name, renewal },
      branding,
      now,
      attachments: [
        {
          fileName: pdf.file.originalName,
          mimeType: 'application/pdf',
          storageKey: pdf.forEmployee.storageKey,
        },
      ],
    });
  }
}

/**
 * « Envoyer ma demande de dispense » (or, in renewal mode, the renewal): the PDF, then the
 * request with its link's end, the notifications and the employee's email, all or nothing. On a
 * failure the stored PDFs are removed.
 */
export async function submitDispense(
  ctx: AppContext,
  request: AffiliationRequest,
  fields: DispenseSubmit,
  meta?: RequestMeta,
): Promise<{ submitted: DispenseSubmitted; dispense: DispenseRow }> {
  const rc = await loadRequestContext(ctx.db, request.id);
  if (!rc) throw linkInvalid();
  const now = ctx.clock.now();
  const branding = await getBranding(ctx);
  const recipients = await employerRecipients(ctx, rc.company.id, rc.establishment.id);
  const pdf = await storePdf(ctx, { ...rc, request }, fields, branding, now);
  let dispense: DispenseRow;
  try {
    dispense = await requestDispense(ctx, {
      request,
      fields: {
        caseCode: fields.caseCode,
        otherPlanType: fields.otherPlanType,
        justificationEndDate: fields.justificationEndDate,
      },
      origin: 'online',
      actor: { kind: 'employee' },
      pdf: pdf.file,
      meta,
      then: (trx, row) => afterRequest({ ctx, rc, pdf, branding, now, recipients }, trx, row),
    });
  } catch (err) {
    await ctx.storage.remove(pdf.file.saved.storageKey);
    if (pdf.forEmployee) await ctx.storage.remove(pdf.forEmployee.storageKey);
    throw err;
  }
  ctx.outboxWorker?.wake();
  const requestStatus = dispense.renews_dispense_id ? request.status : 'dispense_requested';
  return { submitted: { dispense: toDispenseSummary(dispense), requestStatus }, dispense };
}
