import { z } from 'zod';
import {
  ACTOR_KINDS,
  AFFILIATION_MODES,
  AFFILIATION_PAGE_SIZES,
  AFFILIATION_SORTS,
  AFFILIATION_STATUSES,
} from '../domain/enums';
import { EVIN_ANSWERS, RADIATION_MOTIF_CODES, RADIATION_STATUSES } from '../domain/radiation';
import { MEMBER_CHANGE_KINDS, MEMBER_CHANGE_STATUSES } from '../domain/member-change';
import { REQUEST_TYPES } from '../domain/requests';
import {
  CompanyRefSchema,
  EstablishmentRefSchema,
  optionalText,
  pageNumber,
  pageOf,
  pageSizeOf,
  requiredId,
  requiredText,
} from './fields';
import { EmailSchema, IsoDateSchema } from '../validators/zod';
import { AffiliationFiltersSchema } from './affiliations';

// ---------------------------------------------------------------------------------------------
// Departures (« Radier un salarié », issue 18). Employer routes under /api/radiations and the
// tracking of every request under /api/requests; back-office routes under
// /api/backoffice/radiations and /api/backoffice/letter-templates. Every employer answer is
// limited to the caller's perimeter (a member outside it answers 404).
// ---------------------------------------------------------------------------------------------

const optionalEmail = z
  .union([z.literal('').transform(() => undefined), EmailSchema])
  .nullish()
  .transform((v) => v ?? undefined);

/** One employment contract of the departing employee with this employer (for L911-8). */
export const EmploymentPeriodSchema = z
  .object({ start: IsoDateSchema, end: IsoDateSchema })
  .refine((p) => p.start <= p.end, {
    path: ['end'],
    message: 'La fin du contrat ne peut pas précéder son début',
  });

/** What every radiation says, one member or several. */
const radiationFields = {
  /** « Date de fin du contrat de travail »: the last day of coverage. */
  contractEndDate: IsoDateSchema,
  motif: z.enum(RADIATION_MOTIF_CODES, { error: 'Choisissez le motif de la rupture' }),
  /** « La rupture ouvre droit à l'assurance chômage »: pre-answered from the motif. */
  unemploymentRights: z.boolean({ error: 'Indiquez si la rupture ouvre droit au chômage' }),
  /** « Le salarié perçoit une pension d'invalidité » (loi Évin, article 4). */
  disabilityPension: z.boolean().default(false),
  comment: optionalText(1000),
};

/**
 * POST /api/radiations — one member, from the member's page. `employmentPeriods`: the last
 * contract(s), pre-filled by the server's prefill (the start of the employment known from the
 * enrolment, else the first coverage's date d'effet) and editable; the last one ends on
 * `contractEndDate`. The notice goes to `contactEmail`, else is a PDF to print for
 * `contactAddress`; one of the two is required.
 */
export const RadiationCreateSchema = z
  .object({
    memberId: requiredId,
    ...radiationFields,
    employmentPeriods: z
      .array(EmploymentPeriodSchema)
      .min(1, { error: 'Indiquez au moins le dernier contrat de travail' })
      .max(20),
    contactEmail: optionalEmail,
    contactAddress: optionalText(500),
  })
  .superRefine((v, ctx) => {
    const last = [...v.employmentPeriods].sort((a, b) => (a.end < b.end ? 1 : -1))[0];
    if (last && last.end !== v.contractEndDate) {
      ctx.addIssue({
        code: 'custom',
        path: ['employmentPeriods'],
        message: 'Le dernier contrat doit se terminer à la date de fin du contrat de travail',
      });
    }
    if (!v.contactEmail && !v.contactAddress) {
      ctx.addIssue({
        code: 'custom',
        path: ['contactEmail'],
        message: 'Indiquez l’e-mail du salarié ou son adresse postale pour lui remettre la notice',
      });
    }
  });
export type RadiationCreateInput = z.input<typeof RadiationCreateSchema>;
export type RadiationCreate = z.output<typeof RadiationCreateSchema>;

/**
 * POST /api/radiations/bulk — several members of « Mes salariés » at once, one date and motif;
 * each member's employment start and email come from what the portal knows (the notice is a PDF
 * to print for a member without email). All or nothing: one member refused refuses the whole
 * with the reason per member (`radiation_bulk_refused`, each in the error's `fields` under
 * `members.<memberId>`).
 */
export const RadiationBulkCreateSchema = z.object({
  memberIds: z
    .array(requiredId)
    .min(1, { error: 'Choisissez au moins un salarié' })
    .max(200, { error: '200 salariés au plus à la fois' }),
  ...radiationFields,
});
export type RadiationBulkCreate = z.output<typeof RadiationBulkCreateSchema>;

/** PUT /api/radiations/:id — a returned radiation corrected and sent again. */
export const RadiationUpdateSchema = RadiationCreateSchema;

/** POST /api/radiations/:id/new-job (employer) or /api/backoffice/radiations/:id/new-job. */
export const NewJobSchema = z.object({ date: IsoDateSchema });

/** GET /api/radiations/prefill?memberId= — what the form starts from. */
export const RadiationPrefillSchema = z.object({
  member: z.object({
    id: z.string(),
    lastName: z.string(),
    firstName: z.string(),
    email: z.string().nullable(),
    establishment: EstablishmentRefSchema,
  }),
  /** The earliest date d'effet of the current employee coverage (no end before it). */
  coverageEffectiveDate: z.string().nullable(),
  /** The employment's start when the portal knows it (its enrolment), else null. */
  employmentStartDate: z.string().nullable(),
  /** An open (sent or processed) radiation of this member, which refuses a second one. */
  openRadiationId: z.string().nullable(),
});
export type RadiationPrefill = z.infer<typeof RadiationPrefillSchema>;

const PortabilitySchema = z.discriminatedUnion('eligible', [
  z.object({
    eligible: z.literal(true),
    months: z.number(),
    start: z.string(),
    end: z.string(),
  }),
  z.object({
    eligible: z.literal(false),
    reason: z.enum(['no_unemployment_rights', 'gross_misconduct', 'death']),
  }),
]);

const PartySchema = z.object({ id: z.string(), name: z.string() });

/** What names a radiation in a list and heads its detail. */
const radiationHead = {
  id: z.string(),
  status: z.enum(RADIATION_STATUSES),
  company: CompanyRefSchema,
  establishment: EstablishmentRefSchema,
  member: z.object({ id: z.string(), lastName: z.string(), firstName: z.string() }),
  contractEndDate: z.string(),
  motif: z.enum(RADIATION_MOTIF_CODES),
};

/** GET /api/radiations/:id and GET /api/backoffice/radiations/:id. */
export const RadiationDetailSchema = z.object({
  ...radiationHead,
  /** The motif's code in the DSN (S21.G00.62.002). */
  dsnMotifCode: z.string(),
  unemploymentRights: z.boolean(),
  disabilityPension: z.boolean(),
  employmentPeriods: z.array(z.object({ start: z.string(), end: z.string() })),
  portability: PortabilitySchema,
  /** Portability ended early: the new job's date. */
  newJobDate: z.string().nullable(),
  evin: z.object({
    offered: z.boolean(),
    deadline: z.string().nullable(),
    answer: z.enum(EVIN_ANSWERS).nullable(),
    answeredAt: z.string().nullable(),
  }),
  contactEmail: z.string().nullable(),
  contactAddress: z.string().nullable(),
  comment: z.string().nullable(),
  noticeSentAt: z.string().nullable(),
  returnReason: z.string().nullable(),
  createdAt: z.string(),
  createdBy: PartySchema.nullable(),
  statusChangedAt: z.string(),
  processedAt: z.string().nullable(),
  processedBy: PartySchema.nullable(),
  canCancel: z.boolean(),
  /** A returned radiation may be corrected and sent again. */
  canEdit: z.boolean(),
  /** Processed, portability running and no new job reported yet. */
  canReportNewJob: z.boolean(),
  history: z.array(
    z.object({
      from: z.enum(RADIATION_STATUSES).nullable(),
      to: z.enum(RADIATION_STATUSES),
      at: z.string(),
      actorKind: z.enum(ACTOR_KINDS),
      actorName: z.string().nullable(),
      reason: z.string().nullable(),
    }),
  ),
});
export type RadiationDetail = z.infer<typeof RadiationDetailSchema>;

/** POST /api/radiations and /bulk answer: the requests created. */
export const RadiationCreatedSchema = z.object({
  radiations: z.array(z.object({ id: z.string(), memberId: z.string() })),
});
export type RadiationCreated = z.infer<typeof RadiationCreatedSchema>;

// --- « Suivi des demandes »: every request, with its type ---------------------------------------

/** A status filter names its type: `affiliation.sent`, `radiation.processed`… */
export const REQUEST_STATUS_FILTERS = [
  ...AFFILIATION_STATUSES.map((s) => `affiliation.${s}` as const),
  ...RADIATION_STATUSES.map((s) => `radiation.${s}` as const),
  ...MEMBER_CHANGE_KINDS.flatMap((k) => MEMBER_CHANGE_STATUSES.map((s) => `${k}.${s}` as const)),
] as [string, ...string[]];

/** The affiliations' filters (establishment, SIREN, name or NIR, dates), with the type. */
export const RequestFiltersSchema = AffiliationFiltersSchema.omit({
  status: true,
  mode: true,
}).extend({
  type: z.enum(REQUEST_TYPES).optional(),
  status: z.enum(REQUEST_STATUS_FILTERS).optional(),
});
export type RequestFilters = z.output<typeof RequestFiltersSchema>;

/** The affiliations list's sorts. */
export const REQUEST_SORTS = AFFILIATION_SORTS;

/** GET /api/requests */
export const RequestListQuerySchema = RequestFiltersSchema.extend({
  sort: z.enum(REQUEST_SORTS).default('status_changed_at'),
  order: z.enum(['asc', 'desc']).default('desc'),
  page: pageNumber,
  pageSize: pageSizeOf(AFFILIATION_PAGE_SIZES, 25),
});
export type RequestListQuery = z.input<typeof RequestListQuerySchema>;

const requestRowBase = {
  id: z.string(),
  company: CompanyRefSchema,
  establishment: EstablishmentRefSchema,
  lastName: z.string(),
  firstName: z.string(),
  memberId: z.string().nullable(),
  statusChangedAt: z.string(),
  createdAt: z.string(),
  canCancel: z.boolean(),
};

export const RequestRowSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('affiliation'),
    status: z.enum(AFFILIATION_STATUSES),
    ...requestRowBase,
    mode: z.enum(AFFILIATION_MODES),
    reminderCount: z.number(),
    lastReminderAt: z.string().nullable(),
    canRemind: z.boolean(),
    nextReminderAt: z.string().nullable(),
  }),
  z.object({
    type: z.literal('radiation'),
    status: z.enum(RADIATION_STATUSES),
    ...requestRowBase,
    contractEndDate: z.string(),
    motif: z.enum(RADIATION_MOTIF_CODES),
  }),
  /** A change of a member (issue 20): its kind is its type. */
  z.object({
    type: z.enum(MEMBER_CHANGE_KINDS),
    status: z.enum(MEMBER_CHANGE_STATUSES),
    ...requestRowBase,
    effectiveDate: z.string(),
  }),
]);
export type RequestRow = z.infer<typeof RequestRowSchema>;
export const RequestPageSchema = pageOf(RequestRowSchema);
export type RequestPage = z.infer<typeof RequestPageSchema>;

// --- Back office ---------------------------------------------------------------------------------

/** GET /api/backoffice/radiations — the « Radiations » queue. */
export const BackofficeRadiationQuerySchema = z.object({
  /** « À traiter » (sent) by default. */
  status: z.enum(RADIATION_STATUSES).default('sent'),
  companyId: optionalText(64),
  q: optionalText(100),
  page: pageNumber,
  pageSize: pageSizeOf(AFFILIATION_PAGE_SIZES, 25),
});
export type BackofficeRadiationQuery = z.input<typeof BackofficeRadiationQuerySchema>;

export const BackofficeRadiationRowSchema = z.object({
  ...radiationHead,
  portabilityEndDate: z.string().nullable(),
  createdAt: z.string(),
  statusChangedAt: z.string(),
});
export type BackofficeRadiationRow = z.infer<typeof BackofficeRadiationRowSchema>;
export const BackofficeRadiationPageSchema = pageOf(BackofficeRadiationRowSchema);
export type BackofficeRadiationPage = z.infer<typeof BackofficeRadiationPageSchema>;

/** POST /api/backoffice/radiations/:id/return */
export const RadiationReturnSchema = z.object({
  reason: requiredText(1000, 'Indiquez le motif du retour à l’employeur'),
});

/** POST /api/backoffice/radiations/:id/evin */
export const EvinAnswerSchema = z.object({
  answer: z.enum(EVIN_ANSWERS, { error: 'Choisissez la réponse de l’ancien salarié' }),
});

/** The member's coverage after the radiation (member page, both spaces). */
export const PortabilitySummarySchema = z.object({
  radiationId: z.string(),
  start: z.string(),
  end: z.string(),
  newJobDate: z.string().nullable(),
});

// --- Letter templates (back office, administrators) --------------------------------------------

export const LETTER_TEMPLATE_KINDS = ['radiation_notice'] as const;

/**
 * GET/PUT /api/backoffice/letter-templates/:kind — the insurer's text of a letter. Placeholders
 * `{{prenom}}`, `{{nom}}`, `{{entreprise}}`, `{{date_fin_contrat}}`, `{{assureur}}`… (the list
 * in `placeholders` of the answer); the portability and loi Évin paragraphs are computed and
 * placed where `{{portabilite}}` and `{{evin}}` stand.
 */
export const LetterTemplateSchema = z.object({
  subject: requiredText(200, 'Saisissez l’objet du courrier'),
  body: requiredText(20_000, 'Saisissez le texte du courrier'),
});
export type LetterTemplateInput = z.input<typeof LetterTemplateSchema>;

export const LetterTemplateAnswerSchema = LetterTemplateSchema.extend({
  kind: z.enum(LETTER_TEMPLATE_KINDS),
  /** True when the insurer has not written it: the built-in text. */
  isDefault: z.boolean(),
  updatedAt: z.string().nullable(),
  placeholders: z.array(z.object({ name: z.string(), description: z.string() })),
});
export type LetterTemplateAnswer = z.infer<typeof LetterTemplateAnswerSchema>;
