import { z } from 'zod';
import {
  CompanyRefSchema,
  EstablishmentRefSchema,
  optionalText,
  pageNumber,
  pageOf,
  pageSizeOf,
  requiredText,
} from './fields';
import { COVERAGE_STATUSES, PROFESSIONAL_STATUSES, STAFF_CATEGORIES } from '../domain/enums';
import { ContractDispenseCasesSchema } from './dispenses';
import { BirthDateSchema, IsoDateSchema, SirenSchema, SiretSchema } from '../validators/zod';

// ---------------------------------------------------------------------------------------------
// The back office's « Référentiel » (SPEC §3, §6): companies, establishments, contracts and
// members — lists with search, detail and edit. Routes under /api/backoffice/reference-data/,
// insurer staff only (every company). The edit forms of the web app use the same schemas.
//
// - GET   companies?q=&page=&pageSize=                  → CompanyPage
// - POST  companies (CompanyCreate)                     → 201 CompanyDetail
// - GET   companies/:id                                 → CompanyDetail
// - PATCH companies/:id (CompanyUpdate)                 → CompanyDetail
// - GET   establishments?q=&companyId=&page=&pageSize=  → EstablishmentPage
// - POST  establishments (EstablishmentCreate)          → 201 EstablishmentDetail
// - GET   establishments/:id, PATCH (EstablishmentUpdate)
// - GET   contracts?q=&companyId=&page=&pageSize=       → ContractPage
// - POST  contracts (ContractCreate)                    → 201 ContractDetail
// - GET   contracts/:id, PATCH (ContractUpdate)
// - GET   members?q=&companyId=&establishmentId=&page=&pageSize= → ReferenceMemberPage
// - GET   members/:id, PATCH (ReferenceMemberUpdate)    → ReferenceMemberDetail
// - PATCH members/:memberId/coverages/:coverageId (CoverageUpdate) → ReferenceMemberDetail
// ---------------------------------------------------------------------------------------------

export const REFERENCE_PAGE_SIZES = [25, 50, 100] as const;

/** The query of every list: a search, filters, a page. */
export const ReferenceListQuerySchema = z.object({
  q: optionalText(100),
  companyId: optionalText(64),
  establishmentId: optionalText(64),
  page: pageNumber,
  pageSize: pageSizeOf(REFERENCE_PAGE_SIZES, 25),
});
export type ReferenceListQuery = z.input<typeof ReferenceListQuerySchema>;

export const ReferenceIdParamsSchema = z.object({ id: z.string().min(1).max(64) });
export const ReferenceCoverageParamsSchema = z.object({
  memberId: z.string().min(1).max(64),
  coverageId: z.string().min(1).max(64),
});

// Edit forms -----------------------------------------------------------------------------------

/** An optional text field: an empty one is null. */
const nullableText = (max: number) =>
  z
    .string({ error: 'Saisissez du texte' })
    .trim()
    .max(max, { error: `${max} caractères au plus` })
    .nullable()
    .optional()
    .transform((v) => (v ? v : null));

/** An identifier of the insurer: spaces removed, upper-case. */
const identifier = (empty: string) =>
  requiredText(40, empty).transform((v) => v.replace(/[\s\u200B\uFEFF]+/g, '').toUpperCase());

/** IDCC: up to 4 digits, kept on 4 (« 1527 », « 0044 »); empty is none. */
const IdccSchema = z
  .string({ error: 'Saisissez du texte' })
  .trim()
  .regex(/^\d{0,4}$/, { error: 'L’IDCC comporte 4 chiffres au plus' })
  .nullable()
  .optional()
  .transform((v) => (v ? v.padStart(4, '0') : null));

/** An optional date (ISO or JJ/MM/AAAA); empty is none. */
const OptionalDateSchema = z
  .string({ error: 'Saisissez une date au format JJ/MM/AAAA' })
  .nullable()
  .optional()
  .transform((v) => v?.trim() || null)
  .pipe(IsoDateSchema.nullable());

const END_BEFORE_START = 'La date de fin ne peut pas précéder la date de début';

/** PATCH companies/:id — the SIREN is not editable. */
export const CompanyUpdateSchema = z.object({
  name: requiredText(200, 'Saisissez la raison sociale'),
  insurerCompanyIdentifier: identifier('Saisissez l’identifiant entreprise'),
  ccnName: nullableText(200),
  idcc: IdccSchema,
});
export type CompanyUpdate = z.input<typeof CompanyUpdateSchema>;

/** POST companies */
export const CompanyCreateSchema = CompanyUpdateSchema.extend({ siren: SirenSchema });
export type CompanyCreate = z.input<typeof CompanyCreateSchema>;

/** PATCH establishments/:id — the SIRET and the company are not editable. */
export const EstablishmentUpdateSchema = z.object({
  name: requiredText(200, 'Saisissez le nom de l’établissement'),
  addressLine1: nullableText(200),
  addressLine2: nullableText(200),
  postalCode: z
    .string({ error: 'Saisissez du texte' })
    .trim()
    .regex(/^(\d{5})?$/, { error: 'Le code postal comporte 5 chiffres' })
    .nullable()
    .optional()
    .transform((v) => (v ? v : null)),
  city: nullableText(100),
  insurerIdentifier: identifier('Saisissez le code identifiant'),
});
export type EstablishmentUpdate = z.input<typeof EstablishmentUpdateSchema>;

/** POST establishments — the company is the one whose SIREN starts the SIRET. */
export const EstablishmentCreateSchema = EstablishmentUpdateSchema.extend({ siret: SiretSchema });
export type EstablishmentCreate = z.input<typeof EstablishmentCreateSchema>;

export const ContractOptionSchema = z.object({
  code: requiredText(40, 'Saisissez le code'),
  label: requiredText(200, 'Saisissez le libellé'),
  mandatory: z.boolean({ error: 'Indiquez si l’option est obligatoire' }),
});

const contractFields = z.object({
  label: requiredText(200, 'Saisissez le libellé du contrat'),
  staffCategory: z.enum(STAFF_CATEGORIES, { error: 'Choisissez un collège' }),
  options: z
    .array(ContractOptionSchema, { error: 'Ajoutez au moins une option' })
    .min(1, { error: 'Ajoutez au moins une option' })
    .max(20, { error: '20 options au plus' })
    .refine((o) => new Set(o.map((x) => x.code)).size === o.length, {
      error: 'Deux options ont le même code',
    }),
  startDate: IsoDateSchema,
  endDate: OptionalDateSchema,
  /** The founding-act dispense cases it allows (issue 19); absent: unchanged (none when created). */
  dispenseCases: ContractDispenseCasesSchema.optional(),
});

const endAfterStart = (v: { startDate: string; endDate: string | null }) =>
  !v.endDate || v.endDate >= v.startDate;

/** PATCH contracts/:id — the number and the company are not editable. */
export const ContractUpdateSchema = contractFields.refine(endAfterStart, {
  error: END_BEFORE_START,
  path: ['endDate'],
});
export type ContractUpdate = z.input<typeof ContractUpdateSchema>;

/** POST contracts */
export const ContractCreateSchema = contractFields
  .extend({
    number: identifier('Saisissez le numéro de contrat'),
    companyId: requiredText(64, 'Choisissez une entreprise'),
  })
  .refine(endAfterStart, { error: END_BEFORE_START, path: ['endDate'] });
export type ContractCreate = z.input<typeof ContractCreateSchema>;

/** PATCH members/:id — the NIR and the company are not editable. */
export const ReferenceMemberUpdateSchema = z.object({
  lastName: requiredText(100, 'Saisissez le nom'),
  firstName: requiredText(100, 'Saisissez le prénom'),
  birthDate: BirthDateSchema,
  professionalStatus: z.enum(PROFESSIONAL_STATUSES, { error: 'Choisissez un statut' }),
  establishmentId: requiredText(64, 'Choisissez un établissement'),
});
export type ReferenceMemberUpdate = z.input<typeof ReferenceMemberUpdateSchema>;

/**
 * PATCH members/:memberId/coverages/:coverageId — the status follows from the dates (« à venir »,
 * « en cours », « terminé »): ending a coverage is giving it an end date.
 */
export const CoverageUpdateSchema = z.object({
  optionCode: requiredText(40, 'Choisissez une option'),
  endDate: OptionalDateSchema,
});
export type CoverageUpdate = z.input<typeof CoverageUpdateSchema>;

// Answers ---------------------------------------------------------------------------------------

export const CompanyRowSchema = z.object({
  id: z.string(),
  siren: z.string(),
  name: z.string(),
  insurerCompanyIdentifier: z.string(),
  ccnName: z.string().nullable(),
  idcc: z.string().nullable(),
  establishmentCount: z.number(),
  memberCount: z.number(),
});
export type CompanyRow = z.infer<typeof CompanyRowSchema>;
export const CompanyPageSchema = pageOf(CompanyRowSchema);
export type CompanyPage = z.infer<typeof CompanyPageSchema>;

export const EstablishmentRowSchema = z.object({
  id: z.string(),
  siret: z.string(),
  name: z.string(),
  addressLine1: z.string().nullable(),
  addressLine2: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  insurerIdentifier: z.string(),
  company: CompanyRefSchema,
});
export type EstablishmentRow = z.infer<typeof EstablishmentRowSchema>;
export const EstablishmentPageSchema = pageOf(EstablishmentRowSchema);
export type EstablishmentPage = z.infer<typeof EstablishmentPageSchema>;

export const ContractRowSchema = z.object({
  id: z.string(),
  number: z.string(),
  label: z.string(),
  staffCategory: z.enum(STAFF_CATEGORIES),
  options: z.array(z.object({ code: z.string(), label: z.string(), mandatory: z.boolean() })),
  startDate: z.string(),
  endDate: z.string().nullable(),
  company: CompanyRefSchema,
});
export type ContractRow = z.infer<typeof ContractRowSchema>;
export const ContractPageSchema = pageOf(ContractRowSchema);
export type ContractPage = z.infer<typeof ContractPageSchema>;

export const CompanyDetailSchema = CompanyRowSchema.extend({
  createdAt: z.string(),
  updatedAt: z.string(),
  establishments: z.array(EstablishmentRowSchema.omit({ company: true })),
  contracts: z.array(ContractRowSchema.omit({ company: true })),
  users: z.array(
    z.object({
      id: z.string(),
      firstName: z.string(),
      lastName: z.string(),
      email: z.string(),
      status: z.string(),
      role: z.enum(['admin', 'user']),
    }),
  ),
});
export type CompanyDetail = z.infer<typeof CompanyDetailSchema>;

export const EstablishmentDetailSchema = EstablishmentRowSchema.extend({
  memberCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type EstablishmentDetail = z.infer<typeof EstablishmentDetailSchema>;

export const ContractDetailSchema = ContractRowSchema.extend({
  /** Members whose coverage by this contract is « en cours » today. */
  currentCoverageCount: z.number(),
  /** The founding-act dispense cases (FOUNDING_ACT_CASE_CODES) it allows. */
  dispenseCases: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ContractDetail = z.infer<typeof ContractDetailSchema>;

export const ReferenceMemberRowSchema = z.object({
  id: z.string(),
  lastName: z.string(),
  firstName: z.string(),
  /** 15 characters with the key (13 for a temporary number); the web app groups it. */
  nir: z.string(),
  professionalStatus: z.enum(PROFESSIONAL_STATUSES),
  company: CompanyRefSchema,
  establishment: EstablishmentRefSchema,
  /** The latest coverage; null for a member without any. */
  contract: z
    .object({
      id: z.string(),
      number: z.string(),
      label: z.string(),
      effectiveDate: z.string(),
      endDate: z.string().nullable(),
      status: z.enum(COVERAGE_STATUSES),
    })
    .nullable(),
});
export type ReferenceMemberRow = z.infer<typeof ReferenceMemberRowSchema>;
export const ReferenceMemberPageSchema = pageOf(ReferenceMemberRowSchema);
export type ReferenceMemberPage = z.infer<typeof ReferenceMemberPageSchema>;

export const ReferenceMemberDetailSchema = z.object({
  id: z.string(),
  lastName: z.string(),
  firstName: z.string(),
  nir: z.string(),
  birthDate: z.string(),
  email: z.string().nullable(),
  professionalStatus: z.enum(PROFESSIONAL_STATUSES),
  company: CompanyRefSchema,
  establishment: EstablishmentRefSchema,
  /** The establishments of the company (the choices of the edit form). */
  companyEstablishments: z.array(EstablishmentRefSchema),
  coverages: z.array(
    z.object({
      id: z.string(),
      contract: z.object({ id: z.string(), number: z.string(), label: z.string() }),
      optionCode: z.string(),
      optionLabel: z.string(),
      /** The options of the contract (the choices of the edit form). */
      contractOptions: z.array(z.object({ code: z.string(), label: z.string() })),
      effectiveDate: z.string(),
      endDate: z.string().nullable(),
      status: z.enum(COVERAGE_STATUSES),
    }),
  ),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ReferenceMemberDetail = z.infer<typeof ReferenceMemberDetailSchema>;
