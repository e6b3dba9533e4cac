import type { CoverageStatus, MemberSort, ProfessionalStatus } from '@affilia/shared/domain/enums';
import {
  COVERAGE_STATUSES,
  MEMBER_SORTS,
  PAGE_SIZES,
  PROFESSIONAL_STATUSES,
} from '@affilia/shared/domain/enums';
import {
  listSearch,
  oneOfFilter,
  pageCount,
  rangeLabel as countLabel,
  textFilter,
  type ListSearch,
  type SortOrder,
} from '../../lib/list-search';

/*
 * « Mes salariés » keeps its whole state in the address (`/salaries?professionalStatus=non_cadre&
 * page=2…`), through the list-page kit (lib/list-search.ts). Default values (sort by name,
 * ascending, page 1, 50 a page) are left out of the address.
 */

export type PageSize = (typeof PAGE_SIZES)[number];
export type { SortOrder };
export { MAX_PAGE } from '../../lib/list-search';
export { pageCount };

/** The filters of the form, as the API reads them. */
export interface MembersFilters {
  siren?: string;
  siret?: string;
  establishmentId?: string;
  contractStatus?: CoverageStatus;
  professionalStatus?: ProfessionalStatus;
  contractId?: string;
  /** « Assuré »: the start of a name or a NIR, as typed. */
  q?: string;
  /** « En portabilité » (issue 18): former employees whose portability runs today. */
  portability?: 'active';
}

/** The values of the « En portabilité » filter (the API's `portability=active`). */
export const PORTABILITY_FILTERS = ['active'] as const;

export type MembersSearch = ListSearch<MembersFilters, MemberSort, PageSize>;

export const DEFAULT_SORT: MemberSort = 'name';
export const DEFAULT_ORDER: SortOrder = 'asc';
export const DEFAULT_PAGE_SIZE: PageSize = 50;

/** The page's list-page kit (lib/list-search.ts). */
export const membersList = listSearch<MembersFilters, MemberSort, PageSize>({
  filters: {
    siren: textFilter(20),
    siret: textFilter(25),
    establishmentId: textFilter(64),
    contractStatus: oneOfFilter(COVERAGE_STATUSES),
    professionalStatus: oneOfFilter(PROFESSIONAL_STATUSES),
    contractId: textFilter(64),
    q: textFilter(100),
    portability: oneOfFilter(PORTABILITY_FILTERS),
  },
  sorts: MEMBER_SORTS,
  defaultSort: DEFAULT_SORT,
  defaultOrder: DEFAULT_ORDER,
  pageSizes: PAGE_SIZES,
  defaultPageSize: DEFAULT_PAGE_SIZE,
});

export const FILTER_KEYS = membersList.filterKeys;
/** `validateSearch` of `/salaries`: anything unexpected is dropped, defaults are left out. */
export const validateMembersSearch = membersList.validate;
/** The filters alone (what « Rechercher » sets and « Réinitialiser » clears). */
export const pickFilters = membersList.pickFilters;
export const hasFilters = membersList.hasFilters;
/** The sort, order, page and page size with their defaults. */
export const listSettings = membersList.settings;
/** A new search from the form: its filters, the current sort and page size, back to page 1. */
export const applyFilters = membersList.applyFilters;
/** Sorting by a column: the same column again reverses the order, another starts ascending. */
export const toggleSort = membersList.toggleSort;
/** The query string of `GET /api/members` (filters, sort, order, page, page size). */
export const membersQueryString = membersList.queryString;

/** The address of the export of the current list (`GET /api/members/export`). */
export function membersExportUrl(search: MembersSearch, format: 'csv' | 'xlsx'): string {
  const params = new URLSearchParams({ format });
  for (const [key, value] of membersList.queryParams(search, false)) params.set(key, value);
  return `/api/members/export?${params.toString()}`;
}

/** « 1–50 sur 100 000 salariés », « 12 salariés », « 1 salarié », « Aucun salarié ». */
export function rangeLabel(total: number, page: number, pageSize: number): string {
  return countLabel(total, page, pageSize, {
    none: 'Aucun salarié',
    one: 'salarié',
    many: 'salariés',
  });
}

/**
 * The title of the results and what they count, after « Statut du contrat » (issue 14 #23): the
 * home page's total is the « En cours » list, the unfiltered list counts every member.
 */
export function resultsHeading(
  contractStatus: CoverageStatus | undefined,
  portability?: 'active',
): {
  title: string;
  scope: string;
} {
  if (portability === 'active') {
    return {
      title: 'Anciens salariés en portabilité',
      scope:
        'Couverts aujourd’hui au titre de la portabilité (article L911-8) : sa date de fin est sous le statut du contrat.',
    };
  }
  switch (contractStatus) {
    case undefined:
      return {
        title: 'Salariés affiliés',
        scope: 'Tous, quel que soit le statut du contrat : en cours, à venir ou terminé.',
      };
    case 'current':
      return {
        title: 'Salariés couverts aujourd’hui',
        scope: 'Statut du contrat « En cours » : le total de la page d’accueil.',
      };
    case 'upcoming':
      return {
        title: 'Salariés dont la couverture est à venir',
        scope: 'Statut du contrat « À venir » : couverts à partir de leur date d’effet.',
      };
    case 'ended':
      return {
        title: 'Salariés dont la couverture est terminée',
        scope: 'Statut du contrat « Terminé » : leur date de fin est passée.',
      };
  }
}
