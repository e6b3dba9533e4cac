/**
 * The employee's online BIA (SPEC §5.5): unlock with the birth date, read, save a draft, add or
 * remove attachments, submit. Every change is one transaction; every status change goes through
 * `recordStatusChange` (modules/affiliations/status.ts).
 */
import type { z } from 'zod';
import { submitEnrolment as submitEnrolmentCommand } from '../../commands/submit-enrolment';
import { roleCan } from '@affilia/shared/domain/permissions';
import {
  ATTACHMENT_MAX_COUNT,
  type EnrolmentDraftSchema,
  type EnrolmentForm,
} from '@affilia/shared/schemas/enrolment';
import type { AffiliationRequest, AttachmentKind } from '../../db/schema';
import type { AppContext } from '../../lib/context';
import { badRequest, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { recordStoredFile } from '../../lib/stored-files';
import type { RequestMeta } from '../../lib/request-meta';
import { recordStatusChange } from '../affiliations/status';
import {
  attachmentView,
  countAttachments,
  deleteAttachment,
  ensureForm,
  insertAttachment,
  loadFormParts,
  loadRequestContext,
  maskIban,
  maskNir,
  replaceBeneficiaries,
  updateForm,
  type RequestContext,
} from './enrolment.repository';
import { findUsersFollowing } from '../users/users.repository';
import { storeCheckedProof } from '../../lib/checked-file';
import { linkInvalid, openRequestIn } from './form-access';
import { getEnrolmentDispense } from './dispense-form';

type Draft = z.output<typeof EnrolmentDraftSchema>;

async function requireContext(ctx: AppContext, requestId: string): Promise<RequestContext> {
  const rc = await loadRequestContext(ctx.db, requestId);
  if (!rc) throw linkInvalid();
  return rc;
}

/** The form as the employee sees it (identity from the employer, what they saved). */
export async function getEnrolmentForm(
  ctx: AppContext,
  request: AffiliationRequest,
): Promise<EnrolmentForm> {
  const rc = await requireContext(ctx, request.id);
  const parts = await loadFormParts(ctx.db, ctx.cipher, request.id);
  const r = rc.request;
  const form = parts.form;
  const employeeNir = ctx.cipher.decrypt(r.nir_encrypted);
  return {
    status: r.status,
    returnReason: r.status === 'returned' || r.returned_at ? r.return_reason : null,
    identity: {
      lastName: r.last_name,
      firstName: r.first_name,
      birthDate: r.birth_date,
      email: r.email,
      maskedNir: maskNir(employeeNir),
      professionalStatus: r.professional_status,
      affiliationDate: r.affiliation_date,
    },
    company: { name: rc.company.name, establishmentName: rc.establishment.name },
    contract: { label: rc.contract.label, options: rc.contract.options },
    address: parts.address,
    optionCode: form?.option_code ?? null,
    maskedIban: form?.iban_encrypted ? maskIban(ctx.cipher.decrypt(form.iban_encrypted)) : null,
    bic: form?.bic ?? null,
    noemieConsent: form?.noemie_consent === 1,
    // The employee's own number is never sent back in full: « mon numéro » instead.
    beneficiaries: parts.beneficiaries.map((b) =>
      b.attachedToNir !== null && b.attachedToNir === employeeNir
        ? { ...b, attachedToNir: null, attachedToEmployee: true }
        : b,
    ),
    attachments: parts.attachments.map(attachmentView),
    savedAt: form?.updated_at ?? null,
    dispense: await getEnrolmentDispense(ctx, r),
  };
}

/** « Enregistrer le brouillon »: saves everything given; the first save sets « Démarré ». */
export async function saveDraft(
  ctx: AppContext,
  request: AffiliationRequest,
  draft: Draft,
): Promise<EnrolmentForm> {
  const rc = await requireContext(ctx, request.id);
  if (draft.optionCode != null && !rc.contract.options.some((o) => o.code === draft.optionCode)) {
    throw badRequest('validation_error', 'Vérifiez les champs signalés.', {
      optionCode: 'Cette option n’existe pas pour votre contrat',
    });
  }
  const now = ctx.clock.now();
  const at = now.toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const current = await openRequestIn(trx, request.id);
    const formId = await ensureForm(trx, request.id, at);
    await updateForm(trx, formId, {
      data: JSON.stringify({ address: draft.address }),
      option_code: draft.optionCode ?? null,
      ...(draft.iban === undefined
        ? {}
        : draft.iban === null
          ? { iban_encrypted: null, iban_hash: null }
          : {
              iban_encrypted: ctx.cipher.encrypt(draft.iban),
              iban_hash: ctx.cipher.hash(draft.iban),
            }),
      ...(draft.bic === undefined ? {} : { bic: draft.bic }),
      noemie_consent: draft.noemieConsent ? 1 : 0,
      updated_at: at,
    });
    await replaceBeneficiaries(
      trx,
      formId,
      draft.beneficiaries.map((b, position) => ({
        id: newId(),
        enrolment_form_id: formId,
        type: b.type,
        last_name: b.lastName,
        first_name: b.firstName,
        birth_date: b.birthDate,
        nir_encrypted: b.nir ? ctx.cipher.encrypt(b.nir) : null,
        attached_to_nir_encrypted: b.attachedToEmployee
          ? request.nir_encrypted
          : b.attachedToNir
            ? ctx.cipher.encrypt(b.attachedToNir)
            : null,
        position,
        created_at: at,
      })),
    );
    if (current.status !== 'started') {
      await recordStatusChange(trx, {
        requestId: request.id,
        from: current.status,
        to: 'started',
        actor: { kind: 'employee' },
        now,
      });
    }
  });
  return getEnrolmentForm(ctx, request);
}

/** Adds one attachment (bytes already read within the size limit). */
export async function addAttachment(
  ctx: AppContext,
  request: AffiliationRequest,
  input: { kind: AttachmentKind; bytes: Buffer; fileName: string | undefined },
) {
  const { saved, originalName, mimeType } = await storeCheckedProof(ctx.storage, input);
  const now = ctx.clock.now().toISOString();
  const id = newId();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await openRequestIn(trx, request.id);
      const formId = await ensureForm(trx, request.id, now);
      if ((await countAttachments(trx, formId)) >= ATTACHMENT_MAX_COUNT) {
        throw badRequest(
          'too_many_attachments',
          `${ATTACHMENT_MAX_COUNT} pièces jointes au plus : supprimez-en une avant d’en ajouter.`,
          { file: `${ATTACHMENT_MAX_COUNT} pièces jointes au plus` },
        );
      }
      const fileId = await recordStoredFile(trx, {
        saved,
        name: originalName,
        mimeType,
        ownerKind: 'enrolment',
        ownerId: formId,
        at: now,
      });
      await insertAttachment(trx, {
        id,
        form_id: formId,
        file_id: fileId,
        kind: input.kind,
        created_at: now,
      });
    });
  } catch (err) {
    await ctx.storage.remove(saved.storageKey);
    throw err;
  }
  return { id, kind: input.kind, originalName, mimeType, size: saved.size, createdAt: now };
}

export async function removeAttachment(
  ctx: AppContext,
  request: AffiliationRequest,
  attachmentId: string,
): Promise<void> {
  const storageKey = await ctx.db.transaction().execute(async (trx) => {
    await openRequestIn(trx, request.id);
    const key = await deleteAttachment(trx, request.id, attachmentId);
    if (key === undefined) throw notFound('Cette pièce jointe est introuvable.');
    return key;
  });
  await ctx.storage.remove(storageKey);
}

/** Employer users who follow the establishment and may manage affiliations there. */
export async function employerRecipients(
  ctx: AppContext,
  companyId: string,
  establishmentId: string,
) {
  const rows = await findUsersFollowing(ctx.db, companyId, establishmentId);
  return rows.filter((r) => roleCan(r.role, 'affiliations.manage'));
}

/**
 * « Valider »: checks that nothing required is missing (400 `enrolment_incomplete` with the
 * fields), then in one transaction: status « Finalisé », the completed BIA stored, the link
 * dead, the employer's users notified (in the app and by email), the employee emailed their
 * completed BIA (attached through the outbox).
 */
export async function submitEnrolment(
  ctx: AppContext,
  request: AffiliationRequest,
  input: { certified: boolean },
  meta?: RequestMeta,
): Promise<{ status: 'finalised'; finalisedAt: string }> {
  const rc = await requireContext(ctx, request.id);
  const parts = await loadFormParts(ctx.db, ctx.cipher, request.id);
  const form = parts.form;
  const fields: Record<string, string> = {};
  if (!form?.iban_encrypted) fields.iban = 'Saisissez l’IBAN du compte de remboursement';
  if (!parts.address.addressLine1) fields['address.addressLine1'] = 'Saisissez votre adresse';
  if (!parts.address.postalCode) fields['address.postalCode'] = 'Saisissez le code postal';
  if (!parts.address.city) fields['address.city'] = 'Saisissez la ville';
  if (!input.certified)
    fields.certified = 'Cochez la case pour certifier l’exactitude des informations';
  parts.beneficiaries.forEach((b, i) => {
    if (b.type === 'child' && !b.attachedToNir && !b.nir) {
      fields[`beneficiaries.${i}.attachedToNir`] =
        'Indiquez le numéro de Sécurité sociale auquel l’enfant est rattaché';
    }
  });
  if (!parts.attachments.some((a) => a.kind === 'rib')) {
    fields['attachments.rib'] = 'Joignez votre RIB';
  }
  if (!parts.attachments.some((a) => a.kind === 'social_security_certificate')) {
    fields['attachments.social_security_certificate'] =
      'Joignez votre attestation de droits Sécurité sociale';
  }
  if (!form || Object.keys(fields).length > 0) {
    throw badRequest(
      'enrolment_incomplete',
      'Il manque des informations pour valider votre formulaire : complétez les champs signalés.',
      fields,
    );
  }

  const { finalisedAt } = await submitEnrolmentCommand(ctx, {
    request,
    rc,
    parts: { ...parts, form },
    recipients: await employerRecipients(ctx, rc.company.id, rc.establishment.id),
    meta,
  });
  return { status: 'finalised', finalisedAt };
}
