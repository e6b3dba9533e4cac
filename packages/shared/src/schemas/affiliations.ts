import { z } from 'zod';
import {
  ACTOR_KINDS,
  AFFILIATION_MODES,
  AFFILIATION_PAGE_SIZES,
  AFFILIATION_SORTS,
  AFFILIATION_STATUSES,
  EMPLOYMENT_CONTRACT_TYPES,
  PROFESSIONAL_STATUSES,
  STAFF_CATEGORIES,
  isFixedTermContractType,
} from '../domain/enums';
import { ageAtHireError } from '../validators/birth-date';
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
import { BirthDateSchema, EmailSchema, IsoDateSchema, NirSchema } from '../validators/zod';

// ---------------------------------------------------------------------------------------------
// « Pré-affiliation » (SPEC §5.3) and « Suivi des demandes d'affiliation » (§5.4). Routes under
// /api/affiliations; every answer is limited to the caller's perimeter.
// ---------------------------------------------------------------------------------------------

/**
 * The « Pré-affiliation » wizard, shared by the web form and POST /api/affiliations. Checks every
 * field and the dates between them; the server adds what needs the database (perimeter, contract
 * start, temporary numbers allowed, member already covered, request pending).
 *
 * A NIR whose year or month of birth disagrees with the birth date is a warning
 * (`nirBirthDateWarning`): the server answers `nir_birth_date_warning` until the user confirms
 * with `confirmNirWarning: true`.
 */
export const PreAffiliationSchema = z
  .object({
    /** The establishment id chosen in the first step. */
    establishmentId: requiredId,
    professionalStatus: z.enum(PROFESSIONAL_STATUSES, {
      error: 'Choisissez le statut professionnel',
    }),
    alreadyAffiliated: z.boolean({
      error: 'Indiquez si le salarié a déjà fait l’objet d’une affiliation',
    }),
    lastName: requiredText(100, 'Saisissez le nom du salarié'),
    firstName: requiredText(100, 'Saisissez le prénom du salarié'),
    /** Optional: without it the mode is « Courrier ». */
    email: z
      .union([z.literal('').transform(() => undefined), EmailSchema])
      .nullish()
      .transform((v) => v ?? undefined),
    /** 13 characters, or 15 with the key (checked); spaces accepted; 2A/2B. */
    nir: NirSchema,
    /** In the past, and 14 to 80 years old on the hire date (validators/birth-date.ts). */
    birthDate: BirthDateSchema,
    /** « Date d'entrée dans l'entreprise ». */
    hireDate: IsoDateSchema,
    /** « Date d'affiliation au contrat Frais de Santé ». */
    affiliationDate: IsoDateSchema,
    employmentContractType: z.enum(EMPLOYMENT_CONTRACT_TYPES, {
      error: 'Choisissez le type de contrat de travail',
    }),
    employmentStartDate: IsoDateSchema,
    /** Required for fixed-term contracts (CDD, CDD d'usage, apprentissage, professionnalisation, intérim). */
    employmentEndDate: z
      .union([z.literal('').transform(() => undefined), IsoDateSchema])
      .nullish()
      .transform((v) => v ?? undefined),
    /** « Statut au sein de l'entreprise ». */
    positionInCompany: optionalText(100),
    /** The user confirmed the NIR / birth date mismatch warning. */
    confirmNirWarning: z.boolean().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.hireDate <= v.birthDate) {
      ctx.addIssue({
        code: 'custom',
        path: ['hireDate'],
        message: 'La date d’entrée dans l’entreprise doit être postérieure à la date de naissance',
      });
    } else {
      const ageError = ageAtHireError(v.birthDate, v.hireDate);
      if (ageError) ctx.addIssue({ code: 'custom', path: ['birthDate'], message: ageError });
    }
    if (v.affiliationDate < v.hireDate) {
      ctx.addIssue({
        code: 'custom',
        path: ['affiliationDate'],
        message:
          'La date d’affiliation ne peut pas être antérieure à la date d’entrée dans l’entreprise',
      });
    }
    if (v.employmentStartDate <= v.birthDate) {
      ctx.addIssue({
        code: 'custom',
        path: ['employmentStartDate'],
        message:
          'La date de début du contrat de travail doit être postérieure à la date de naissance',
      });
    }
    if (isFixedTermContractType(v.employmentContractType) && !v.employmentEndDate) {
      ctx.addIssue({
        code: 'custom',
        path: ['employmentEndDate'],
        message: 'La date de fin du contrat de travail est obligatoire pour ce type de contrat',
      });
    }
    if (v.employmentEndDate && v.employmentEndDate <= v.employmentStartDate) {
      ctx.addIssue({
        code: 'custom',
        path: ['employmentEndDate'],
        message: 'La date de fin du contrat de travail doit être postérieure à la date de début',
      });
    }
  });
export type PreAffiliationInput = z.input<typeof PreAffiliationSchema>;
export type PreAffiliation = z.output<typeof PreAffiliationSchema>;

// The sorts and page sizes of « Suivi » live with the enumerations (the page's search validation,
// loaded with the router, needs them without this module's validators).
export { AFFILIATION_PAGE_SIZES, AFFILIATION_SORTS, type AffiliationSort } from '../domain/enums';

const optionalDate = z.union([z.literal('').transform(() => undefined), IsoDateSchema]).optional();

/** The filters of « Suivi des demandes d'affiliation », as in the page URL and the API query. */
export const AffiliationFiltersSchema = z.object({
  establishmentId: optionalText(64),
  siren: optionalText(20),
  status: z.enum(AFFILIATION_STATUSES).optional(),
  mode: z.enum(AFFILIATION_MODES).optional(),
  /** The start of a name (« DUPONT », « dupont jean ») or a NIR (13 or 15 characters). */
  q: optionalText(100),
  /** Created on or after this date. */
  from: optionalDate,
  /** Created on or before this date. */
  to: optionalDate,
});
export type AffiliationFilters = z.output<typeof AffiliationFiltersSchema>;

/** GET /api/affiliations */
export const AffiliationListQuerySchema = AffiliationFiltersSchema.extend({
  sort: z.enum(AFFILIATION_SORTS).default('status_changed_at'),
  order: z.enum(['asc', 'desc']).default('desc'),
  page: pageNumber,
  pageSize: pageSizeOf(AFFILIATION_PAGE_SIZES, 25),
});
export type AffiliationListQuery = z.input<typeof AffiliationListQuerySchema>;

export const AffiliationRowSchema = z.object({
  id: z.string(),
  company: CompanyRefSchema,
  establishment: EstablishmentRefSchema,
  lastName: z.string(),
  firstName: z.string(),
  mode: z.enum(AFFILIATION_MODES),
  status: z.enum(AFFILIATION_STATUSES),
  /** « Dernière mise à jour »: the last change of status (ISO instant). */
  statusChangedAt: z.string(),
  /** « Demandée le »: the request's creation (ISO instant), what the from/to filter reads. */
  createdAt: z.string(),
  reminderCount: z.number(),
  lastReminderAt: z.string().nullable(),
  /** « Envoi d'un email de relance » is offered (mode email, sent or started). */
  canRemind: z.boolean(),
  /** When the next reminder is allowed (ISO instant), null when allowed now or never. */
  nextReminderAt: z.string().nullable(),
  /** « Annuler la demande d'affiliation » is offered. */
  canCancel: z.boolean(),
});
export type AffiliationRow = z.infer<typeof AffiliationRowSchema>;

export const AffiliationPageSchema = pageOf(AffiliationRowSchema);
export type AffiliationPage = z.infer<typeof AffiliationPageSchema>;

/** GET /api/affiliations/:id */
export const AffiliationDetailSchema = AffiliationRowSchema.extend({
  email: z.string().nullable(),
  /** 15 characters with the key (13 for a temporary number). */
  nir: z.string(),
  birthDate: z.string(),
  hireDate: z.string(),
  affiliationDate: z.string(),
  employmentContractType: z.enum(EMPLOYMENT_CONTRACT_TYPES),
  employmentStartDate: z.string(),
  employmentEndDate: z.string().nullable(),
  professionalStatus: z.enum(PROFESSIONAL_STATUSES),
  positionInCompany: z.string().nullable(),
  alreadyAffiliated: z.boolean(),
  memberId: z.string().nullable(),
  contract: z.object({ id: z.string(), number: z.string(), label: z.string() }),
  sentAt: z.string().nullable(),
  /** When the employee's link stops working (mode email, while open). */
  formExpiresAt: z.string().nullable(),
  /** 'cancelled' | 'expired' when abandoned. */
  abandonReason: z.string().nullable(),
  returnReason: z.string().nullable(),
  history: z.array(
    z.object({
      from: z.enum(AFFILIATION_STATUSES).nullable(),
      to: z.enum(AFFILIATION_STATUSES),
      at: z.string(),
      actorKind: z.enum(ACTOR_KINDS),
      actorName: z.string().nullable(),
      reason: z.string().nullable(),
    }),
  ),
});
export type AffiliationDetail = z.infer<typeof AffiliationDetailSchema>;

/** GET /api/affiliations/options — the wizard's choices, within the perimeter. */
export const AffiliationOptionsSchema = z.object({
  establishments: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      siret: z.string(),
      company: CompanyRefSchema,
      /**
       * The company's health contracts with their dates, latest start first: the wizard shows the
       * one of the affiliation date with the server's own rule (`contractOnAffiliationDate`).
       */
      contracts: z.array(
        z.object({
          id: z.string(),
          number: z.string(),
          label: z.string(),
          staffCategory: z.enum(STAFF_CATEGORIES),
          startDate: z.string(),
          endDate: z.string().nullable(),
        }),
      ),
    }),
  ),
  allowTemporaryNir: z.boolean(),
});
export type AffiliationOptions = z.infer<typeof AffiliationOptionsSchema>;

/** POST /api/affiliations/:id/reminder */
export const AffiliationReminderResultSchema = z.object({
  reminderCount: z.number(),
  lastReminderAt: z.string(),
  nextReminderAt: z.string(),
});
