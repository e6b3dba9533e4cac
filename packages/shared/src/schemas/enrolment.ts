import { z } from 'zod';
import { ATTACHMENT_KINDS } from '../domain/attachments';
import { AFFILIATION_MODES, AFFILIATION_STATUSES, BENEFICIARY_TYPES } from '../domain/enums';
import { BirthDateSchema, IsoDateSchema, NirSchema } from '../validators/zod';
import { BicSchema, IbanSchema } from '../validators/zod-bank';
import { EnrolmentDispenseSchema } from './dispenses';

// ---------------------------------------------------------------------------------------------
// The employee's online BIA (SPEC §5.5), reached from the emailed link /formulaire/<token>.
// Routes under /api/enrolment/:token, public: the token is the proof, then the birth date.
//
// - GET    /api/enrolment/:token/check                → EnrolmentLinkStatus (404/410 when dead)
// - POST   /api/enrolment/:token/unlock (Unlock)      → EnrolmentForm, sets the form cookie
//          (400 birth_date_mismatch, 429 too_many_attempts with Retry-After)
// - GET    /api/enrolment/:token                      → EnrolmentForm   (401 form_session_required)
// - PUT    /api/enrolment/:token/draft (Draft)        → EnrolmentForm   (« Enregistrer le brouillon »)
// - POST   /api/enrolment/:token/attachments          multipart: field `kind` then field `file`
//          (or ?kind=) → 201 EnrolmentAttachment (413 too large, 400 type/empty)
// - DELETE /api/enrolment/:token/attachments/:attachmentId → 204
// - POST   /api/enrolment/:token/submit (Submit)      → EnrolmentSubmitted (« Valider »)
//
// Employer: GET /api/affiliations/:id/bia.pdf (pre-filled BIA, or the completed one).
// Back office: /api/backoffice/affiliations… (staff only), see the schemas at the end.
// ---------------------------------------------------------------------------------------------

/** The largest attachment, in bytes. */
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
/** The most attachments one form may hold. */
export const ATTACHMENT_MAX_COUNT = 10;
export { ATTACHMENT_KINDS, ATTACHMENT_KIND_LABELS } from '../domain/attachments';
export type { AttachmentKind } from '../domain/attachments';
export const ATTACHMENT_ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';
/** The most beneficiaries one form may hold. */
export const BENEFICIARY_MAX_COUNT = 12;

const text = (max: number) =>
  z
    .string({ error: 'Saisissez du texte' })
    .trim()
    .max(max, { error: `${max} caractères au plus` });

/** POST /api/enrolment/:token/unlock. */
export const UnlockEnrolmentRequestSchema = z.object({ birthDate: IsoDateSchema });
export type UnlockEnrolmentRequest = z.input<typeof UnlockEnrolmentRequestSchema>;

export const EnrolmentLinkStatusSchema = z.object({
  valid: z.literal(true),
  /** This browser confirmed the birth date: the form opens without asking it again. */
  unlocked: z.boolean(),
});

/** « Identité et adresse »: what the employee adds to the identity the employer gave. */
export const EnrolmentAddressSchema = z.object({
  addressLine1: text(120).optional(),
  addressLine2: text(120).optional(),
  postalCode: text(10).optional(),
  city: text(80).optional(),
  country: text(60).optional(),
  phone: text(20).optional(),
});
export type EnrolmentAddress = z.infer<typeof EnrolmentAddressSchema>;

/** One « ayant droit ». */
export const BeneficiaryInputSchema = z.object({
  type: z.enum(BENEFICIARY_TYPES, { error: 'Choisissez le type d’ayant droit' }),
  lastName: text(80).min(1, { error: 'Saisissez le nom' }),
  firstName: text(80).min(1, { error: 'Saisissez le prénom' }),
  /** Not in the future (a child may be born today), not more than 120 years ago. */
  birthDate: BirthDateSchema,
  /** Their own NIR, if they have one (13 characters). */
  nir: NirSchema.nullish(),
  /** The NIR they are attached to (the employee's or the spouse's). */
  attachedToNir: NirSchema.nullish(),
  /** « Mon numéro »: attached to the employee's own NIR (the server fills it; attachedToNir ignored). */
  attachedToEmployee: z.boolean().optional(),
});
export type BeneficiaryInput = z.input<typeof BeneficiaryInputSchema>;

/**
 * PUT /api/enrolment/:token/draft — « Enregistrer le brouillon ». Everything is optional; the
 * IBAN: absent keeps the saved one, null removes it, a value replaces it (checked).
 * Beneficiaries: the list replaces the saved one.
 */
export const EnrolmentDraftSchema = z.object({
  address: EnrolmentAddressSchema.default({}),
  optionCode: z.string().max(40).nullish(),
  iban: IbanSchema.nullish(),
  bic: BicSchema.nullish(),
  noemieConsent: z.boolean().default(false),
  beneficiaries: z
    .array(BeneficiaryInputSchema)
    .max(BENEFICIARY_MAX_COUNT, { error: `${BENEFICIARY_MAX_COUNT} ayants droit au plus` })
    .default([]),
});
export type EnrolmentDraft = z.input<typeof EnrolmentDraftSchema>;

/** POST /api/enrolment/:token/submit — « Valider ». */
export const SubmitEnrolmentRequestSchema = z.object({
  /** « Je certifie l'exactitude des informations… ». */
  certified: z.boolean().default(false),
});

export const EnrolmentAttachmentSchema = z.object({
  id: z.string(),
  kind: z.enum(ATTACHMENT_KINDS),
  originalName: z.string(),
  mimeType: z.string(),
  size: z.number(),
  createdAt: z.string(),
});
export type EnrolmentAttachment = z.infer<typeof EnrolmentAttachmentSchema>;

export const BeneficiarySchema = z.object({
  type: z.enum(BENEFICIARY_TYPES),
  lastName: z.string(),
  firstName: z.string(),
  birthDate: z.string(),
  nir: z.string().nullable(),
  attachedToNir: z.string().nullable(),
  /** On the employee's form: attached to their own NIR (then attachedToNir is null, not shown). */
  attachedToEmployee: z.boolean().optional(),
});

export const ContractOptionSchema = z.object({
  code: z.string(),
  label: z.string(),
  mandatory: z.boolean(),
});

/** The form as the employee sees it once unlocked. */
export const EnrolmentFormSchema = z.object({
  status: z.enum(AFFILIATION_STATUSES),
  /** Set when the insurer returned the form (« Retourné au salarié »). */
  returnReason: z.string().nullable(),
  identity: z.object({
    lastName: z.string(),
    firstName: z.string(),
    birthDate: z.string(),
    email: z.string().nullable(),
    /** The NIR with its last digits hidden, e.g. "1 85 06 75 1** *** **". */
    maskedNir: z.string(),
    professionalStatus: z.string(),
    affiliationDate: z.string(),
  }),
  company: z.object({ name: z.string(), establishmentName: z.string() }),
  contract: z.object({ label: z.string(), options: z.array(ContractOptionSchema) }),
  address: EnrolmentAddressSchema,
  optionCode: z.string().nullable(),
  /** "FR76 **** … 189": the saved IBAN is never sent back in full. */
  maskedIban: z.string().nullable(),
  bic: z.string().nullable(),
  noemieConsent: z.boolean(),
  beneficiaries: z.array(BeneficiarySchema),
  attachments: z.array(EnrolmentAttachmentSchema),
  savedAt: z.string().nullable(),
  /** The dispense part (issue 19): adhere or ask a dispense, or the renewal of one in force. */
  dispense: EnrolmentDispenseSchema,
});
export type EnrolmentForm = z.infer<typeof EnrolmentFormSchema>;

export const EnrolmentSubmittedSchema = z.object({
  status: z.literal('finalised'),
  finalisedAt: z.string(),
});

// ---------------------------------------------------------------------------------------------
// Back office (SPEC §6), staff only.
//
// - GET  /api/backoffice/affiliations?status=finalised|…&mode=email|mail → BackofficeQueue
// - GET  /api/backoffice/affiliations/:id                               → BackofficeAffiliation
// - GET  /api/backoffice/affiliations/:id/bia.pdf                       the BIA (attachment)
// - GET  /api/backoffice/affiliations/:id/attachments/:attachmentId     a file (attachment)
// - POST /api/backoffice/affiliations/:id/paper-received                → BackofficeAffiliation
// - POST /api/backoffice/affiliations/:id/validate                      → BackofficeValidated
// - POST /api/backoffice/affiliations/:id/return (ReturnEnrolment)      → BackofficeAffiliation
// ---------------------------------------------------------------------------------------------

export const BackofficeQueueQuerySchema = z.object({
  status: z.enum(AFFILIATION_STATUSES).default('finalised'),
  mode: z.enum(AFFILIATION_MODES).optional(),
});

export const BackofficeQueueItemSchema = z.object({
  id: z.string(),
  status: z.enum(AFFILIATION_STATUSES),
  mode: z.enum(AFFILIATION_MODES),
  lastName: z.string(),
  firstName: z.string(),
  companyName: z.string(),
  siren: z.string(),
  establishmentName: z.string(),
  siret: z.string(),
  affiliationDate: z.string(),
  statusChangedAt: z.string(),
  finalisedAt: z.string().nullable(),
  paperReceivedAt: z.string().nullable(),
});
export const BackofficeQueueSchema = z.object({
  items: z.array(BackofficeQueueItemSchema),
  /** True when more requests wait than the list shows. */
  truncated: z.boolean(),
});
export type BackofficeQueue = z.infer<typeof BackofficeQueueSchema>;

export const BackofficeAffiliationParamsSchema = z.object({ id: z.uuid() });
export const BackofficeAttachmentParamsSchema = z.object({
  id: z.uuid(),
  attachmentId: z.uuid(),
});

export const BackofficeAffiliationSchema = BackofficeQueueItemSchema.extend({
  email: z.string().nullable(),
  /** The 15 characters with the key, for the insurer's checks. */
  nir: z.string(),
  birthDate: z.string(),
  hireDate: z.string(),
  professionalStatus: z.string(),
  employmentContractType: z.string(),
  employmentStartDate: z.string(),
  employmentEndDate: z.string().nullable(),
  positionInCompany: z.string().nullable(),
  contractLabel: z.string(),
  contractNumber: z.string(),
  memberId: z.string().nullable(),
  validatedAt: z.string().nullable(),
  returnReason: z.string().nullable(),
  form: z
    .object({
      address: EnrolmentAddressSchema,
      optionCode: z.string().nullable(),
      /** The option's label in the contract (its code when the contract no longer has it). */
      optionLabel: z.string().nullable(),
      maskedIban: z.string().nullable(),
      bic: z.string().nullable(),
      noemieConsent: z.boolean(),
      certifiedAt: z.string().nullable(),
      submittedAt: z.string().nullable(),
      hasPdf: z.boolean(),
      beneficiaries: z.array(BeneficiarySchema),
      attachments: z.array(EnrolmentAttachmentSchema),
    })
    .nullable(),
  history: z.array(
    z.object({
      from: z.enum(AFFILIATION_STATUSES).nullable(),
      to: z.enum(AFFILIATION_STATUSES),
      actorKind: z.string(),
      reason: z.string().nullable(),
      at: z.string(),
    }),
  ),
});
export type BackofficeAffiliation = z.infer<typeof BackofficeAffiliationSchema>;

export const BackofficeValidatedSchema = z.object({
  memberId: z.string(),
  coverageId: z.string(),
  /** True when the request was linked to a member who already existed. */
  existingMember: z.boolean(),
});

/** POST /api/backoffice/affiliations/:id/return — « Retourner au salarié » with a reason. */
export const ReturnEnrolmentRequestSchema = z.object({
  reason: z
    .string({ error: 'Ce champ est obligatoire' })
    .trim()
    .min(3, { error: 'Indiquez le motif du retour' })
    .max(1000, { error: '1000 caractères au plus' }),
});
