import { z } from 'zod';
import { BENEFICIARY_TYPES, PROFESSIONAL_STATUSES } from '../domain/enums';
import {
  BENEFICIARY_ACTIONS,
  BENEFICIARY_ADD_EVENTS,
  BENEFICIARY_REMOVE_REASONS,
  MEMBER_CHANGE_DECLARANTS,
  MEMBER_CHANGE_KINDS,
  MEMBER_CHANGE_STATUSES,
} from '../domain/member-change';
import {
  CompanyRefSchema,
  EstablishmentRefSchema,
  optionalText,
  requiredId,
  requiredText,
} from './fields';
import { BirthDateSchema, IsoDateSchema, NirSchema } from '../validators/zod';

// ---------------------------------------------------------------------------------------------
// The member's life after enrolment (issue 20): changes declared from the member's page
// (employer routes under /api/members/:memberId/changes and /api/member-changes, limited to the
// caller's perimeter: a member outside it answers 404), the insurer's queue
// (/api/backoffice/member-changes), the beneficiaries and the certificates of a member.
// ---------------------------------------------------------------------------------------------

const comment = optionalText(1000);
const lastName = requiredText(80, 'Saisissez le nom');
const firstName = requiredText(80, 'Saisissez le prénom');

/** « Ajouter un bénéficiaire »: the event gives the beneficiary's type and the proof asked. */
export const BeneficiaryAddSchema = z.object({
  action: z.literal('add'),
  event: z.enum(BENEFICIARY_ADD_EVENTS, { error: 'Choisissez l’événement' }),
  /** The day of the birth, the marriage, the PACS, the start of the life together. */
  eventDate: IsoDateSchema,
  lastName,
  firstName,
  birthDate: BirthDateSchema,
  /** Their own NIR, if they have one; else they are attached to the member's. */
  nir: NirSchema.nullish(),
});

/** « Retirer un bénéficiaire »: from the end of the month of the event (a death: the day). */
export const BeneficiaryRemoveSchema = z.object({
  action: z.literal('remove'),
  beneficiaryId: requiredId,
  reason: z.enum(BENEFICIARY_REMOVE_REASONS, { error: 'Choisissez le motif' }),
  eventDate: IsoDateSchema,
});

/** « Corriger un bénéficiaire »: the name or the birth date as written on their papers. */
export const BeneficiaryCorrectSchema = z.object({
  action: z.literal('correct'),
  beneficiaryId: requiredId,
  lastName,
  firstName,
  birthDate: BirthDateSchema,
});

export const BeneficiaryChangeSchema = z.discriminatedUnion('action', [
  BeneficiaryAddSchema,
  BeneficiaryRemoveSchema,
  BeneficiaryCorrectSchema,
]);
export type BeneficiaryChange = z.output<typeof BeneficiaryChangeSchema>;

/**
 * POST /api/members/:memberId/changes — one change of the member. JSON; a beneficiary added
 * comes as multipart/form-data: the field `data` (this JSON) and the file `proof` (PDF, JPEG or
 * PNG), which the insurer checks. `effectiveDate`: from when the change applies (an option: the
 * 1st of a month); a beneficiary's dates follow from the event (domain/member-change.ts).
 */
export const MemberChangeCreateSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('professional_status'),
    effectiveDate: IsoDateSchema,
    professionalStatus: z.enum(PROFESSIONAL_STATUSES, { error: 'Choisissez le statut' }),
    comment,
  }),
  z.object({
    kind: z.literal('establishment'),
    effectiveDate: IsoDateSchema,
    establishmentId: requiredId,
    comment,
  }),
  z.object({
    kind: z.literal('option'),
    effectiveDate: IsoDateSchema,
    optionCode: requiredText(40, 'Choisissez l’option'),
    comment,
  }),
  z.object({ kind: z.literal('beneficiary'), change: BeneficiaryChangeSchema, comment }),
]);
export type MemberChangeCreateInput = z.input<typeof MemberChangeCreateSchema>;
export type MemberChangeCreate = z.output<typeof MemberChangeCreateSchema>;

/**
 * What a change says, stored with it (`member_changes.details`) and shown in the queue: the
 * values before and after, so that the request reads the same once the member has changed.
 */
const StatusDetailsSchema = z.object({
  kind: z.literal('professional_status'),
  from: z.enum(PROFESSIONAL_STATUSES),
  to: z.enum(PROFESSIONAL_STATUSES),
  /** The contract of the new collège, and the one it replaces. */
  fromContractId: z.string().nullable(),
  toContractId: z.string(),
  /** The new contract's label when declared, for the queue. */
  toContractLabel: z.string().optional(),
});
const EstablishmentDetailsSchema = z.object({
  kind: z.literal('establishment'),
  fromEstablishmentId: z.string(),
  toEstablishmentId: z.string(),
  /** Their names when declared, for the queue and the member's page. */
  fromEstablishmentName: z.string().optional(),
  toEstablishmentName: z.string().optional(),
});
const OptionDetailsSchema = z.object({
  kind: z.literal('option'),
  from: z.string(),
  to: z.string(),
  /** The options' labels in the contract when declared. */
  fromLabel: z.string().optional(),
  toLabel: z.string().optional(),
});
const BeneficiaryDetailsSchema = z.object({
  kind: z.literal('beneficiary'),
  action: z.enum(BENEFICIARY_ACTIONS),
  /** The beneficiary removed or corrected (absent for an addition until validated). */
  beneficiaryId: z.string().nullable(),
  type: z.enum(BENEFICIARY_TYPES),
  event: z.enum(BENEFICIARY_ADD_EVENTS).nullable(),
  reason: z.enum(BENEFICIARY_REMOVE_REASONS).nullable(),
  eventDate: z.string().nullable(),
  lastName: z.string(),
  firstName: z.string(),
  birthDate: z.string(),
  /** A correction: the values it replaces. */
  previous: z
    .object({ lastName: z.string(), firstName: z.string(), birthDate: z.string() })
    .nullable(),
  /** The beneficiary's own NIR, encrypted (never sent back). */
  nirEncrypted: z.string().nullable(),
});

/**
 * What a change says, stored with it (`member_changes.details`) and shown in the queue: the
 * values before and after, so that the request reads the same once the member has changed.
 */
export const MemberChangeDetailsSchema = z.discriminatedUnion('kind', [
  StatusDetailsSchema,
  EstablishmentDetailsSchema,
  OptionDetailsSchema,
  BeneficiaryDetailsSchema,
]);
export type MemberChangeDetails = z.output<typeof MemberChangeDetailsSchema>;

/** The same, as the API shows it: no NIR, only whether the beneficiary has one. */
export const MemberChangePublicDetailsSchema = z.discriminatedUnion('kind', [
  StatusDetailsSchema,
  EstablishmentDetailsSchema,
  OptionDetailsSchema,
  BeneficiaryDetailsSchema.omit({ nirEncrypted: true }).extend({ hasNir: z.boolean() }),
]);
export type MemberChangePublicDetails = z.output<typeof MemberChangePublicDetailsSchema>;

/** The details of a stored change as the API shows them. */
export function publicDetails(details: MemberChangeDetails): MemberChangePublicDetails {
  if (details.kind !== 'beneficiary') return details;
  const { nirEncrypted, ...shown } = details;
  return { ...shown, hasNir: nirEncrypted !== null };
}

export const MemberChangeSchema = z.object({
  id: z.string(),
  kind: z.enum(MEMBER_CHANGE_KINDS),
  status: z.enum(MEMBER_CHANGE_STATUSES),
  member: z.object({ id: z.string(), lastName: z.string(), firstName: z.string() }),
  company: CompanyRefSchema,
  establishment: EstablishmentRefSchema,
  effectiveDate: z.string(),
  details: MemberChangePublicDetailsSchema,
  comment: z.string().nullable(),
  returnReason: z.string().nullable(),
  proofs: z.array(z.object({ id: z.string(), fileName: z.string(), size: z.number() })),
  /** The employer, or the employee through their beneficiaries link. */
  declaredBy: z.enum(MEMBER_CHANGE_DECLARANTS),
  createdAt: z.string(),
  statusChangedAt: z.string(),
});
export type MemberChangeView = z.output<typeof MemberChangeSchema>;

/** POST /api/backoffice/member-changes/:id/return — « Retourner à l’employeur ». */
export const MemberChangeReturnSchema = z.object({
  reason: requiredText(1000, 'Indiquez ce que l’employeur doit corriger'),
});

/** One beneficiary of a member, with their period (the member's page, the certificates). */
export const MemberBeneficiarySchema = z.object({
  id: z.string(),
  type: z.enum(BENEFICIARY_TYPES),
  lastName: z.string(),
  firstName: z.string(),
  birthDate: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
});
export type MemberBeneficiary = z.output<typeof MemberBeneficiarySchema>;

/** GET /api/members/:memberId/certificates/:kind — a PDF made on demand. */
export const CERTIFICATE_KINDS = ['affiliation', 'third_party_payment'] as const;
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];
export const CERTIFICATE_KIND_LABELS: Record<CertificateKind, string> = {
  affiliation: 'Attestation d’affiliation',
  third_party_payment: 'Carte de tiers payant',
};
export const CertificateParamsSchema = z.object({
  memberId: requiredId,
  kind: z.enum(CERTIFICATE_KINDS),
});
