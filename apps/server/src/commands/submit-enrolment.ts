import type { AffiliationRequest, EnrolmentForm } from '../db/schema';
import { recordAudit } from '../lib/audit';
import type { AppContext } from '../lib/context';
import { recordStoredFile } from '../lib/stored-files';
import type { Branding } from '../lib/mail/templates';
import { enqueueEmail } from '../lib/outbox/outbox';
import type { RequestMeta } from '../lib/request-meta';
import type { SavedFile } from '../lib/storage';
import { recordStatusChange } from '../modules/affiliations/status';
import { biaFileName, renderCompletedBia } from '../modules/enrolment/bia.service';
import { updateRequest } from '../modules/affiliations/affiliations.repository';
import {
  setSubmittedBia,
  type FormParts,
  type RequestContext,
} from '../modules/enrolment/enrolment.repository';
import { linkInvalid, openRequestIn } from '../modules/enrolment/form-access';
import { notifyUsers } from '../modules/notifications/notify';
import { getBranding } from '../modules/settings/settings.service';

export interface SubmitEnrolmentInput {
  /** The request as the employee's link found it. */
  request: AffiliationRequest;
  rc: RequestContext;
  /** The form, checked complete by the service. */
  parts: FormParts & { form: EnrolmentForm };
  /** The employer's users to notify. */
  recipients: { id: string }[];
  meta?: RequestMeta;
}

/** The completed BIA, stored twice: the form's copy and the employee's email attachment. */
interface StoredBia {
  fileName: string;
  saved: SavedFile;
  forEmployee: SavedFile | null;
}

interface Step {
  ctx: AppContext;
  trx: AppContext['db'];
  now: Date;
  branding: Branding;
  input: SubmitEnrolmentInput;
}

/**
 * « Valider » the employee's form (SPEC §5.5), once checked complete: the completed BIA rendered
 * and stored, then in one transaction the request « Finalisé » with its link dead, the BIA
 * attached to the form (replacing an earlier one), the audit entry, the employee's email with
 * their BIA and the employer's users notified. On a failure nothing is written and the stored
 * files are removed.
 */
export async function submitEnrolment(
  ctx: AppContext,
  input: SubmitEnrolmentInput,
): Promise<{ finalisedAt: string }> {
  const now = ctx.clock.now();
  const branding = await getBranding(ctx);
  const bia = await storeBia(ctx, input, branding, now);
  let previousPdfKey: string | null = null;
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const step: Step = { ctx, trx, now, branding, input };
      await finaliseRequest(step);
      previousPdfKey = await attachBia(step, bia);
      await recordAudit(trx, now, {
        action: 'enrolment.submitted',
        actorKind: 'employee',
        companyId: input.rc.company.id,
        targetType: 'affiliation_request',
        targetId: input.request.id,
        ip: input.meta?.ip ?? null,
        userAgent: input.meta?.userAgent ?? null,
        details: {
          attachments: input.parts.attachments.length,
          beneficiaries: input.parts.beneficiaries.length,
        },
      });
      await emailEmployee(step, bia);
      await notifyEmployer(step);
    });
  } catch (err) {
    await ctx.storage.remove(bia.saved.storageKey);
    if (bia.forEmployee) await ctx.storage.remove(bia.forEmployee.storageKey);
    throw err;
  }
  if (previousPdfKey) await ctx.storage.remove(previousPdfKey);
  ctx.outboxWorker?.wake();
  return { finalisedAt: now.toISOString() };
}

async function storeBia(
  ctx: AppContext,
  { request, rc, parts }: SubmitEnrolmentInput,
  branding: Branding,
  now: Date,
): Promise<StoredBia> {
  const pdf = await renderCompletedBia(ctx.db, ctx.cipher, { rc, form: parts }, branding, now);
  const fileName = biaFileName(request);
  const saved = await ctx.storage.save(pdf, {
    originalName: fileName,
    mimeType: 'application/pdf',
  });
  // The employee's copy, attached to their email: the outbox's own file, so that a later
  // submission replacing the stored BIA cannot take it away before delivery.
  const forEmployee = request.email
    ? await ctx.storage.save(pdf, { originalName: fileName, mimeType: 'application/pdf' })
    : null;
  return { fileName, saved, forEmployee };
}

/** Still open with the same link: « Finalisé », the link dead. */
async function finaliseRequest({ trx, now, input: { request } }: Step) {
  const current = await openRequestIn(trx, request.id);
  if (current.form_token_hash !== request.form_token_hash) throw linkInvalid();
  await recordStatusChange(trx, {
    requestId: request.id,
    from: current.status,
    to: 'finalised',
    actor: { kind: 'employee' },
    now,
  });
  await updateRequest(trx, request.id, {
    finalised_at: now.toISOString(),
    form_token_hash: null,
    form_token_expires_at: null,
  });
}

/** The BIA becomes the form's file; gives the storage key of the one it replaces, if any. */
async function attachBia({ trx, now, input }: Step, bia: StoredBia): Promise<string | null> {
  const { form } = input.parts;
  const at = now.toISOString();
  const fileId = await recordStoredFile(trx, {
    saved: bia.saved,
    name: bia.fileName,
    mimeType: 'application/pdf',
    ownerKind: 'bia',
    ownerId: form.id,
    at,
  });
  return setSubmittedBia(trx, form, { fileId, at });
}

async function emailEmployee({ trx, now, branding, input }: Step, bia: StoredBia) {
  const { request, rc } = input;
  if (!request.email || !bia.forEmployee) return;
  await enqueueEmail(trx, {
    to: request.email,
    template: 'enrolment_submitted',
    data: { firstName: request.first_name, companyName: rc.company.name },
    branding,
    now,
    attachments: [
      {
        fileName: bia.fileName,
        mimeType: 'application/pdf',
        storageKey: bia.forEmployee.storageKey,
      },
    ],
  });
}

/** The employer's users, in the app and by email. */
async function notifyEmployer({ ctx, trx, now, branding, input }: Step) {
  const { request, rc } = input;
  const employeeName = `${request.first_name} ${request.last_name}`;
  await notifyUsers(trx, {
    userIds: input.recipients.map((u) => u.id),
    type: 'enrolment_finalised',
    title: 'Formulaire d’affiliation finalisé',
    body: `${employeeName} (${rc.establishment.name}) a finalisé son formulaire d’affiliation.`,
    link: '/affiliations',
    companyId: rc.company.id,
    branding,
    publicUrl: ctx.config.publicUrl,
    now,
    email: (user) => ({
      template: 'enrolment_finalised',
      data: {
        firstName: user.firstName,
        employeeName,
        establishmentName: rc.establishment.name,
        url: `${ctx.config.publicUrl}/affiliations`,
      },
    }),
  });
}
