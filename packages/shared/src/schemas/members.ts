import { z } from 'zod';
// French messages for every check these schemas do not word themselves (issue 14 #14).
import '../validators/zod-errors';
import {
  AFFILIATION_MODES,
  AFFILIATION_STATUSES,
  COVERAGE_STATUSES,
  PROFESSIONAL_STATUSES,
  STAFF_CATEGORIES,
  MEMBER_SORTS,
  PAGE_SIZES,
} from '../domain/enums';
import { RADIATION_MOTIF_CODES, RADIATION_STATUSES } from '../domain/radiation';
import {
  CompanyRefSchema,
  EstablishmentRefSchema,
  optionalText,
  pageNumber,
  pageOf,
  pageSizeOf,
} from './fields';
import { PortabilitySummarySchema } from './radiations';
import { MemberBeneficiarySchema } from './member-changes';

/** The kinds of coverage: as an employee, or the portability after the contract (L911-8). */
const COVERAGE_KINDS = ['employee', 'portability'] as const;

// ---------------------------------------------------------------------------------------------
// « Mes salariés » (SPEC §5.2) and the home page's figures (§5.1). Routes under /api/members and
// /api/dashboard; every answer is limited to the caller's perimeter.
// ---------------------------------------------------------------------------------------------

// Sorts and page sizes live in domain/enums (no zod): the router's search check reads them on
// every page's first load.
export { MEMBER_SORTS, MEMBER_SORT_LABELS, PAGE_SIZES, type MemberSort } from '../domain/enums';

/**
 * The filters of « Mes salariés », as in the URL of the page and the query of the API. SIREN and
 * SIRET accept what a person pastes (spaces); a wrong one simply finds nobody.
 */
export const MemberFiltersSchema = z.object({
  siren: optionalText(20),
  siret: optionalText(25),
  establishmentId: optionalText(64),
  contractStatus: z.enum(COVERAGE_STATUSES).optional(),
  professionalStatus: z.enum(PROFESSIONAL_STATUSES).optional(),
  contractId: optionalText(64),
  /** « Assuré »: the start of a name (« DUPONT », « dupont jean ») or a NIR (13 or 15 characters). */
  q: optionalText(100),
  /** « En portabilité »: a portability (L911-8) ending today or later. */
  portability: z.enum(['active']).optional(),
});
export type MemberFilters = z.infer<typeof MemberFiltersSchema>;

/** GET /api/members */
export const MemberListQuerySchema = MemberFiltersSchema.extend({
  sort: z.enum(MEMBER_SORTS).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: pageNumber,
  pageSize: pageSizeOf(PAGE_SIZES, 50),
});
export type MemberListQuery = z.input<typeof MemberListQuerySchema>;

export const MemberRowSchema = z.object({
  id: z.string(),
  lastName: z.string(),
  firstName: z.string(),
  /** 15 characters with the key (13 for a temporary number); the web app groups it. */
  nir: z.string(),
  professionalStatus: z.enum(PROFESSIONAL_STATUSES),
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
  /** The end of the member's portability (L911-8), once their radiation is processed. */
  portabilityEndDate: z.string().nullable(),
});
export type MemberRow = z.infer<typeof MemberRowSchema>;

export const MemberPageSchema = pageOf(MemberRowSchema);
export type MemberPage = z.infer<typeof MemberPageSchema>;

/** GET /api/members/filters — the choices of the filters, within the perimeter. */
export const MemberFilterOptionsSchema = z.object({
  companies: z.array(CompanyRefSchema),
  establishments: z.array(
    z.object({ id: z.string(), name: z.string(), siret: z.string(), companyId: z.string() }),
  ),
  contracts: z.array(
    z.object({
      id: z.string(),
      number: z.string(),
      label: z.string(),
      staffCategory: z.enum(STAFF_CATEGORIES),
      companyId: z.string(),
    }),
  ),
});
export type MemberFilterOptions = z.infer<typeof MemberFilterOptionsSchema>;

/** GET /api/members/:memberId */
export const MemberDetailSchema = z.object({
  id: z.string(),
  lastName: z.string(),
  firstName: z.string(),
  nir: z.string(),
  birthDate: z.string(),
  email: z.string().nullable(),
  professionalStatus: z.enum(PROFESSIONAL_STATUSES),
  company: CompanyRefSchema,
  establishment: z.object({
    id: z.string(),
    name: z.string(),
    siret: z.string(),
    city: z.string().nullable(),
  }),
  coverages: z.array(
    z.object({
      id: z.string(),
      contract: z.object({
        id: z.string(),
        number: z.string(),
        label: z.string(),
        /** The contract's options (issue 20: « Changement d’option » offers them). */
        options: z.array(z.object({ code: z.string(), label: z.string() })),
      }),
      optionCode: z.string(),
      optionLabel: z.string(),
      effectiveDate: z.string(),
      endDate: z.string().nullable(),
      status: z.enum(COVERAGE_STATUSES),
      /** 'employee': the group cover as an employee; 'portability': after the contract (L911-8). */
      kind: z.enum(COVERAGE_KINDS),
    }),
  ),
  affiliationRequests: z.array(
    z.object({
      id: z.string(),
      status: z.enum(AFFILIATION_STATUSES),
      mode: z.enum(AFFILIATION_MODES),
      affiliationDate: z.string(),
      createdAt: z.string(),
    }),
  ),
  /** The end of the member's portability, as on their row of « Mes salariés ». */
  portabilityEndDate: z.string().nullable(),
  /** The member's radiations, latest first. */
  radiations: z.array(
    z.object({
      id: z.string(),
      status: z.enum(RADIATION_STATUSES),
      contractEndDate: z.string(),
      motif: z.enum(RADIATION_MOTIF_CODES),
      createdAt: z.string(),
    }),
  ),
  /** The portability of the latest processed radiation that opened one; null without. */
  portability: PortabilitySummarySchema.nullable(),
  /** The beneficiaries covered today or later (issue 20), in the order they were covered. */
  beneficiaries: z.array(MemberBeneficiarySchema),
});
export type MemberDetail = z.infer<typeof MemberDetailSchema>;

/** GET /api/members/export?format=csv|xlsx&… (the filters of the list), streamed. */
export const MemberExportQuerySchema = MemberFiltersSchema.extend({
  format: z.enum(['csv', 'xlsx']).default('csv'),
  sort: z.enum(MEMBER_SORTS).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
});

/** The columns of the export, in order (French headers). */
export const MEMBER_EXPORT_COLUMNS = [
  'Société',
  'SIREN',
  'Établissement',
  'SIRET',
  'Nom',
  'Prénom',
  'NIR',
  'Statut professionnel',
  'Contrat',
  'Numéro de contrat',
  'Date d’effet',
  'Date de fin',
  'Statut du contrat',
] as const;

// Home page (§5.1)

/** GET /api/dashboard?companyId= — « Vos affiliations » for « Toutes » or one company. */
export const DashboardQuerySchema = z.object({ companyId: optionalText(64) });
/** Covered members of one establishment. */
const EstablishmentFigureSchema = z.object({ id: z.string(), name: z.string(), count: z.number() });
/** Covered members of one collège (contract label). */
const ContractFigureSchema = z.object({ label: z.string(), count: z.number() });
/**
 * What a chart's last slice groups (« Autres établissements », domain/chart-figures.ts): how many
 * figures and their members; none when every figure has a slice of its own.
 */
const GroupedFiguresSchema = z.object({ items: z.number(), count: z.number() });
/** GET /api/dashboard/establishments?companyId= — « Afficher le détail »: every establishment. */
export const EstablishmentFiguresSchema = z.object({ items: z.array(EstablishmentFigureSchema) });
/** GET /api/dashboard/contracts?companyId= — « Afficher le détail »: every collège. */
export const ContractFiguresSchema = z.object({ items: z.array(ContractFigureSchema) });
export const DashboardSchema = z.object({
  /** With their SIREN: the home page links to « Mes salariés » filtered on it. */
  companies: z.array(CompanyRefSchema),
  /**
   * « Salariés couverts aujourd’hui »: members whose latest coverage is « en cours » today, the
   * total of « Mes salariés » with « Statut du contrat : En cours » (not the whole list, which
   * also counts coverages to come and ended ones).
   */
  insuredTotal: z.number(),
  /** « Par établissement »: the establishments with a slice of their own, largest first. */
  byEstablishment: z.array(EstablishmentFigureSchema),
  /** « Autres établissements »: the rest. */
  otherEstablishments: GroupedFiguresSchema,
  /** « Par collège »: by contract label, those with a slice of their own. */
  byContract: z.array(ContractFigureSchema),
  /** « Autres contrats »: the rest. */
  otherContracts: GroupedFiguresSchema,
  /** « Dispensés »: employees whose dispense d'affiliation is validated and in force today. */
  dispensedTotal: z.number(),
  /**
   * « En cours »: affiliation requests waiting for someone (the employee or the insurer), those
   * « Dispense demandée » included.
   */
  pendingRequestsTotal: z.number(),
  pending: z.object({
    /** Requests « Envoyé à l'employé » or « Démarré par le salarié ». */
    waitingForEmployee: z.number(),
    /** Requests « Finalisé par le salarié », waiting for the insurer. */
    waitingForInsurer: z.number(),
    unreadReplies: z.number(),
    /** Members « En portabilité » whose portability ends within 30 days (today included). */
    portabilityEndingSoon: z.number(),
    /** Radiations « Retournée à l'employeur », waiting for a correction or a cancellation. */
    radiationsReturned: z.number(),
    /** Radiations « Envoyée à l’assureur », waiting for the insurer. */
    radiationsWaitingForInsurer: z.number(),
    /** Changes of members « Envoyée à l’assureur » (issue 20). */
    changesWaitingForInsurer: z.number(),
    /** Changes of members « Retournée à l’employeur », to correct or cancel (issue 20). */
    changesReturned: z.number(),
    /** The register's dispenses « Expirée »: employees to affiliate. */
    dispensesExpired: z.number(),
    /** The register's dispenses « À renouveler » (a deadline within 30 days). */
    dispensesToRenew: z.number(),
  }),
  tips: z.array(z.object({ id: z.string(), title: z.string(), body: z.string() })),
});
export type Dashboard = z.infer<typeof DashboardSchema>;
export type EstablishmentFigures = z.infer<typeof EstablishmentFiguresSchema>;
export type ContractFigures = z.infer<typeof ContractFiguresSchema>;
