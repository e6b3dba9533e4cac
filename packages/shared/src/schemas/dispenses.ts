import { z } from 'zod';
import {
  DISPENSE_CASE_CODES,
  DISPENSE_CASE_SOURCES,
  DISPENSE_END_RULES,
  DISPENSE_FILE_KINDS,
  DISPENSE_ORIGINS,
  DISPENSE_REGISTER_STATES,
  DISPENSE_STATUSES,
  FOUNDING_ACT_CASE_CODES,
  OTHER_PLAN_TYPES,
  dispenseCase,
} from '../domain/dispense';
import { AFFILIATION_PAGE_SIZES } from '../domain/enums';
import {
  CompanyRefSchema,
  EstablishmentRefSchema,
  optionalText,
  pageNumber,
  pageOf,
  pageSizeOf,
  requiredText,
} from './fields';
import { IsoDateSchema } from '../validators/zod';

// ---------------------------------------------------------------------------------------------
// Dispenses d'affiliation (issue 19; the rules in domain/dispense.ts). Three audiences:
//
// The employee, in the online form (public: the form's token, then the birth date, as the BIA):
// - GET    /api/enrolment/:token                 → EnrolmentForm, with `dispense` (EnrolmentDispense)
// - POST   /api/enrolment/:token/dispense/proofs multipart `file` → 201 DispenseFile (a proof
//          waiting for the request: same rules as the BIA's attachments, 5 MB, PDF/JPEG/PNG)
// - DELETE /api/enrolment/:token/dispense/proofs/:fileId → 204
// - POST   /api/enrolment/:token/dispense (DispenseSubmit) → DispenseSubmitted: the request
//          « Dispense demandée », or in renewal mode the renewal sent to the insurer. Errors:
//          400 dispense_case_not_allowed (the contract does not provide it), 400
//          dispense_condition_unmet (the employment does not fit, message from the rule), 400
//          dispense_proof_required, 400 validation_error (fields).
// - GET    /api/enrolment/:token/dispense.pdf    the request just sent (the receipt cookie)
//
// The employer (permission affiliations.manage; every answer limited to the perimeter, 404
// outside it):
// - POST   /api/affiliations/:id/dispense        multipart: the fields of PaperDispense, then
//          files `signedRequest` (one, required) and `proof` (any) → 201 DispenseDetail
// - GET    /api/dispenses?…  (DispenseListQuery)  → DispenseList: the register « Dispenses »
// - GET    /api/dispenses/export?format=csv|xlsx&… (the filters)  the register as a file
// - GET    /api/dispenses/archive.zip?…          the signed requests and proofs of the filtered
//          register, one folder per employee, for an audit (400 dispense_archive_too_large
//          beyond 500 dispenses)
// - GET    /api/dispenses/:id                    → DispenseDetail
// - GET    /api/dispenses/:id/files/:fileId      a file (attachment)
// - GET    /api/dispenses/:id/pre-affiliation    → DispensePreAffiliation: the wizard's values
//          for an employee whose dispense expired (« Affilier »)
//
// The insurer (back office, backoffice.work):
// - GET    /api/backoffice/dispenses?status=requested  → BackofficeDispenseQueue
// - GET    /api/backoffice/dispenses/:id         → BackofficeDispense
// - GET    /api/backoffice/dispenses/:id/files/:fileId
// - POST   /api/backoffice/dispenses/:id/validate → BackofficeDispense (« Dispensé »)
// - POST   /api/backoffice/dispenses/:id/refuse (DispenseRefuse) → BackofficeDispense; a first
//          request goes back to the employee (« Retourné au salarié », the link reopens the
//          form to adhere or fix the proof); a renewal is refused and the link stays open until
//          the deadline
// - the contract's `dispenseCases` in /api/backoffice/reference-data/contracts (ContractForm)
// ---------------------------------------------------------------------------------------------

/** A case as the form lists it, with whether this employee's employment fits it. */
export const DispenseCaseOptionSchema = z.object({
  code: z.enum(DISPENSE_CASE_CODES),
  label: z.string(),
  legalSource: z.string(),
  source: z.enum(DISPENSE_CASE_SOURCES),
  proof: z.string().nullable(),
  yearlyRenewal: z.boolean(),
  endRule: z.enum(DISPENSE_END_RULES),
  asksOtherPlan: z.boolean(),
  /** dispenseConditionError(): why this employee's contract does not fit; null when it does. */
  conditionError: z.string().nullable(),
});
export type DispenseCaseOption = z.infer<typeof DispenseCaseOptionSchema>;

export const DispenseFileSchema = z.object({
  id: z.string(),
  kind: z.enum(DISPENSE_FILE_KINDS),
  originalName: z.string(),
  mimeType: z.string(),
  size: z.number(),
  createdAt: z.string(),
});
export type DispenseFile = z.infer<typeof DispenseFileSchema>;

/** A dispense as its owner sees it (the employee's form, the employer's detail). */
export const DispenseSummarySchema = z.object({
  id: z.string(),
  status: z.enum(DISPENSE_STATUSES),
  origin: z.enum(DISPENSE_ORIGINS),
  caseCode: z.enum(DISPENSE_CASE_CODES),
  otherPlanType: z.enum(OTHER_PLAN_TYPES).nullable(),
  justificationEndDate: z.string().nullable(),
  effectiveDate: z.string(),
  endDate: z.string().nullable(),
  renewalDueDate: z.string().nullable(),
  signedOn: z.string(),
  refusalReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /** True for a yearly renewal (it renews an earlier dispense). */
  isRenewal: z.boolean(),
  createdAt: z.string(),
});
export type DispenseSummary = z.infer<typeof DispenseSummarySchema>;

/**
 * The form's dispense part. `mode`: `choice` (the first screen: adhere or ask a dispense),
 * `renewal` (a dispense in force whose proof is due: the link was sent by the reminder job; the
 * form shows only the renewal). `employmentEndDate`: the contract's end, for the cases that end
 * with it.
 */
export const EnrolmentDispenseSchema = z.object({
  mode: z.enum(['choice', 'renewal']),
  cases: z.array(DispenseCaseOptionSchema),
  employmentEndDate: z.string().nullable(),
  /** The current dispense (in force, or the last refused one), if any. */
  current: DispenseSummarySchema.nullable(),
  /** Proofs uploaded and not yet sent with a request. */
  pendingProofs: z.array(DispenseFileSchema),
});
export type EnrolmentDispense = z.infer<typeof EnrolmentDispenseSchema>;

const requiredCase = z.enum(DISPENSE_CASE_CODES, { error: 'Choisissez le cas de dispense' });
const optionalDate = IsoDateSchema.nullish().transform((v) => v ?? null);

/** What both the employee's form and the employer's paper record say of the case. */
const dispenseCaseFields = {
  caseCode: requiredCase,
  otherPlanType: z
    .enum(OTHER_PLAN_TYPES, { error: 'Choisissez le type de régime' })
    .nullish()
    .transform((v) => v ?? null),
  /** The individual contract's due date, the end of the CSS right: required by those cases. */
  justificationEndDate: optionalDate,
};

/** The per-case requirements (plan type, end date), on the field that lacks it. */
function checkCaseFields(
  v: {
    caseCode: (typeof DISPENSE_CASE_CODES)[number];
    otherPlanType: unknown;
    justificationEndDate: string | null;
  },
  ctx: z.RefinementCtx,
) {
  const rule = dispenseCase(v.caseCode);
  if (rule.asksOtherPlan && !v.otherPlanType)
    ctx.addIssue({
      code: 'custom',
      path: ['otherPlanType'],
      message: 'Choisissez le type de régime',
    });
  if (rule.endRule === 'justification_end' && !v.justificationEndDate)
    ctx.addIssue({
      code: 'custom',
      path: ['justificationEndDate'],
      message: 'Indiquez la date de fin de votre couverture actuelle',
    });
}

/** POST /api/enrolment/:token/dispense — « Envoyer ma demande de dispense ». */
export const DispenseSubmitSchema = z
  .object({
    ...dispenseCaseFields,
    /** The sworn statement's checkbox: « Je certifie sur l'honneur… ». */
    sworn: z.literal(true, { error: 'Cochez la déclaration sur l’honneur pour continuer' }),
  })
  .superRefine(checkCaseFields);
export type DispenseSubmitInput = z.input<typeof DispenseSubmitSchema>;
export type DispenseSubmit = z.output<typeof DispenseSubmitSchema>;

export const DispenseSubmittedSchema = z.object({
  dispense: DispenseSummarySchema,
  /** The request's status after it: « Dispense demandée », or unchanged for a renewal. */
  requestStatus: z.string(),
});

/**
 * POST /api/affiliations/:id/dispense — the employer records a dispense the employee signed on
 * paper (multipart: these fields, then the files). `signedOn`: the date on the signed form (not
 * in the future).
 */
export const PaperDispenseSchema = z
  .object({ ...dispenseCaseFields, signedOn: IsoDateSchema })
  .superRefine(checkCaseFields);
export type PaperDispenseInput = z.input<typeof PaperDispenseSchema>;
export type PaperDispense = z.output<typeof PaperDispenseSchema>;

// --- The employer's register « Dispenses » ---------------------------------------------------

export const DISPENSE_SORTS = ['name', 'end_date', 'created_at'] as const;

export const DispenseFiltersSchema = z.object({
  establishmentId: optionalText(64),
  siren: optionalText(20),
  state: z.enum(DISPENSE_REGISTER_STATES).optional(),
  caseCode: z.enum(DISPENSE_CASE_CODES).optional(),
  /** The start of a name, or a NIR (13 or 15 characters). */
  q: optionalText(100),
  /** Whose next deadline (end or renewal) falls on or before this date. */
  deadlineBefore: IsoDateSchema.optional(),
});
export type DispenseFilters = z.output<typeof DispenseFiltersSchema>;

export const DispenseListQuerySchema = DispenseFiltersSchema.extend({
  sort: z.enum(DISPENSE_SORTS).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: pageNumber,
  pageSize: pageSizeOf(AFFILIATION_PAGE_SIZES, 25),
});
export type DispenseListQuery = z.input<typeof DispenseListQuerySchema>;

export const DispenseExportQuerySchema = DispenseFiltersSchema.extend({
  format: z.enum(['csv', 'xlsx']).default('csv'),
});

/** One line of the register: the employee, the case, the proof, the dates, the state. */
export const DispenseRowSchema = z.object({
  id: z.string(),
  requestId: z.string(),
  company: CompanyRefSchema,
  establishment: EstablishmentRefSchema,
  lastName: z.string(),
  firstName: z.string(),
  caseCode: z.enum(DISPENSE_CASE_CODES),
  origin: z.enum(DISPENSE_ORIGINS),
  status: z.enum(DISPENSE_STATUSES),
  /** dispenseRegisterState() on today's date in Europe/Paris. */
  state: z.enum(DISPENSE_REGISTER_STATES),
  effectiveDate: z.string(),
  endDate: z.string().nullable(),
  renewalDueDate: z.string().nullable(),
  /** The name of the latest proof, null when the case needs none. */
  proofName: z.string().nullable(),
  /** A yearly renewal of this dispense waits for the insurer's check. */
  renewalRequested: z.boolean(),
  signedOn: z.string(),
  createdAt: z.string(),
});
export type DispenseRow = z.infer<typeof DispenseRowSchema>;
export const DispenseListSchema = pageOf(DispenseRowSchema);
export type DispenseList = z.infer<typeof DispenseListSchema>;

export const DispenseParamsSchema = z.object({ id: z.uuid() });
export const DispenseFileParamsSchema = z.object({ id: z.uuid(), fileId: z.uuid() });

export const DispenseDetailSchema = DispenseRowSchema.extend({
  otherPlanType: z.enum(OTHER_PLAN_TYPES).nullable(),
  justificationEndDate: z.string().nullable(),
  refusalReason: z.string().nullable(),
  swornStatement: z.string(),
  files: z.array(DispenseFileSchema),
  /** Every dispense of the same request, newest first (renewals and refusals). */
  history: z.array(DispenseSummarySchema),
});
export type DispenseDetail = z.infer<typeof DispenseDetailSchema>;

/**
 * « Affilier » after an expired dispense: the pré-affiliation wizard's values (PreAffiliation's
 * fields, the NIR in full for the form), the affiliation date the day after the dispense ended.
 */
export const DispensePreAffiliationSchema = z.object({
  establishmentId: z.string(),
  lastName: z.string(),
  firstName: z.string(),
  nir: z.string(),
  birthDate: z.string(),
  email: z.string().nullable(),
  hireDate: z.string(),
  affiliationDate: z.string(),
  employmentContractType: z.string(),
  employmentStartDate: z.string(),
  employmentEndDate: z.string().nullable(),
  professionalStatus: z.string(),
  positionInCompany: z.string().nullable(),
});
export type DispensePreAffiliation = z.infer<typeof DispensePreAffiliationSchema>;

// --- The insurer's queue ----------------------------------------------------------------------

export const BackofficeDispenseQueueQuerySchema = z.object({
  status: z.enum(DISPENSE_STATUSES).default('requested'),
});

export const BackofficeDispenseQueueItemSchema = z.object({
  id: z.string(),
  requestId: z.string(),
  status: z.enum(DISPENSE_STATUSES),
  origin: z.enum(DISPENSE_ORIGINS),
  isRenewal: z.boolean(),
  caseCode: z.enum(DISPENSE_CASE_CODES),
  lastName: z.string(),
  firstName: z.string(),
  companyName: z.string(),
  siren: z.string(),
  establishmentName: z.string(),
  siret: z.string(),
  createdAt: z.string(),
});
export const BackofficeDispenseQueueSchema = z.object({
  items: z.array(BackofficeDispenseQueueItemSchema),
  truncated: z.boolean(),
});
export type BackofficeDispenseQueue = z.infer<typeof BackofficeDispenseQueueSchema>;

export const BackofficeDispenseSchema = BackofficeDispenseQueueItemSchema.extend({
  /** The 15 characters with the key, for the insurer's checks. */
  nir: z.string(),
  birthDate: z.string(),
  email: z.string().nullable(),
  contractLabel: z.string(),
  contractNumber: z.string(),
  employmentContractType: z.string(),
  employmentStartDate: z.string(),
  employmentEndDate: z.string().nullable(),
  affiliationDate: z.string(),
  otherPlanType: z.enum(OTHER_PLAN_TYPES).nullable(),
  justificationEndDate: z.string().nullable(),
  effectiveDate: z.string(),
  endDate: z.string().nullable(),
  renewalDueDate: z.string().nullable(),
  signedOn: z.string(),
  swornStatement: z.string(),
  /** Whether the contract provides this case (always true for the « de droit » ones). */
  caseAllowed: z.boolean(),
  /** dispenseConditionError() on the request's employment; null when it fits. */
  conditionError: z.string().nullable(),
  refusalReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  files: z.array(DispenseFileSchema),
  history: z.array(DispenseSummarySchema),
});
export type BackofficeDispense = z.infer<typeof BackofficeDispenseSchema>;

/** POST /api/backoffice/dispenses/:id/refuse. */
export const DispenseRefuseSchema = z.object({
  reason: requiredText(1000, 'Indiquez le motif du refus').refine((v) => v.length >= 3, {
    error: 'Indiquez le motif du refus',
  }),
});

/** The founding-act cases a contract may allow (the back office's contract form). */
export const ContractDispenseCasesSchema = z
  .array(z.enum(FOUNDING_ACT_CASE_CODES as [string, ...string[]]))
  .max(FOUNDING_ACT_CASE_CODES.length);
