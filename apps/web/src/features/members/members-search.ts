import type { CoverageStatus, MemberSort, ProfessionalStatus } from '@affilia/shared/domain/enums';
import {
  COVERAGE_STATUSES,
  MEMBER_SORTS,
  PAGE_SIZES,
  PROFESSIONAL_STATUSES,
  isOneOf,
} from '@affilia/shared/domain/enums';

/*
 * « Mes salariés » keeps its whole state in the address (`/salaries?professionalStatus=non_cadre&
 * page=2…`): a shared link shows the same list, the back button returns to the previous one.
 * Default values (sort by name, ascending, page 1, 50 a page) are left out of the address.
 */

export type PageSize = (typeof PAGE_SIZES)[number];
export type SortOrder = 'asc' | 'desc';

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
}

export interface MembersSearch extends MembersFilters {
  sort?: MemberSort;
  order?: SortOrder;
  page?: number;
  pageSize?: PageSize;
}

export const DEFAULT_SORT: MemberSort = 'name';
export const DEFAULT_ORDER: SortOrder = 'asc';
export const DEFAULT_PAGE_SIZE: PageSize = 50;
/** The API's last page number. */
export const MAX_PAGE = 100_000;

export const FILTER_KEYS = [
  'siren',
  'siret',
  'establishmentId',
  'contractStatus',
  'professionalStatus',
  'contractId',
  'q',
] as const satisfies readonly (keyof MembersFilters)[];

/**
 * A text value of the address. The router reads `?siren=732829320` as a number: it is taken back
 * as text; an empty or over-long value is dropped.
 */
function text(value: unknown, max: number): string | undefined {
  const raw = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof raw !== 'string') return undefined;
  const trimmed = raw.trim();
  return trimmed !== '' && trimmed.length <= max ? trimmed : undefined;
}

function integer(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) ? n : undefined;
}

/** `validateSearch` of `/salaries`: anything unexpected is dropped, defaults are left out. */
export function validateMembersSearch(search: Record<string, unknown>): MembersSearch {
  const result: MembersSearch = {};
  const siren = text(search.siren, 20);
  if (siren) result.siren = siren;
  const siret = text(search.siret, 25);
  if (siret) result.siret = siret;
  const establishmentId = text(search.establishmentId, 64);
  if (establishmentId) result.establishmentId = establishmentId;
  if (isOneOf(COVERAGE_STATUSES, search.contractStatus))
    result.contractStatus = search.contractStatus;
  if (isOneOf(PROFESSIONAL_STATUSES, search.professionalStatus))
    result.professionalStatus = search.professionalStatus;
  const contractId = text(search.contractId, 64);
  if (contractId) result.contractId = contractId;
  const q = text(search.q, 100);
  if (q) result.q = q;
  if (isOneOf(MEMBER_SORTS, search.sort) && search.sort !== DEFAULT_SORT) result.sort = search.sort;
  if ((search.order === 'asc' || search.order === 'desc') && search.order !== DEFAULT_ORDER)
    result.order = search.order;
  const page = integer(search.page);
  if (page !== undefined && page > 1 && page <= MAX_PAGE) result.page = page;
  const pageSize = integer(search.pageSize);
  if (
    pageSize !== undefined &&
    pageSize !== DEFAULT_PAGE_SIZE &&
    (PAGE_SIZES as readonly number[]).includes(pageSize)
  )
    result.pageSize = pageSize as PageSize;
  return result;
}

/** The filters alone (what « Rechercher » sets and « Réinitialiser » clears). */
export function pickFilters(search: MembersSearch): MembersFilters {
  const filters: MembersFilters = {};
  for (const key of FILTER_KEYS) {
    const value = search[key];
    if (value !== undefined) (filters as Record<string, string>)[key] = value;
  }
  return filters;
}

export function hasFilters(search: MembersSearch): boolean {
  return FILTER_KEYS.some((key) => search[key] !== undefined);
}

/** The sort, order, page and page size with their defaults. */
export function listSettings(search: MembersSearch) {
  return {
    sort: search.sort ?? DEFAULT_SORT,
    order: search.order ?? DEFAULT_ORDER,
    page: search.page ?? 1,
    pageSize: search.pageSize ?? DEFAULT_PAGE_SIZE,
  };
}

/**
 * A new search from the form: its filters, the current sort and page size, back to page 1.
 * Empty fields are no filter.
 */
export function applyFilters(current: MembersSearch, filters: MembersFilters): MembersSearch {
  return validateMembersSearch({
    ...filters,
    sort: current.sort,
    order: current.order,
    pageSize: current.pageSize,
  });
}

/**
 * Sorting by a column: the same column again reverses the order, another one starts ascending.
 * Back to page 1.
 */
export function toggleSort(current: MembersSearch, sort: MemberSort): MembersSearch {
  const { sort: currentSort, order } = listSettings(current);
  const nextOrder: SortOrder = currentSort === sort && order === 'asc' ? 'desc' : 'asc';
  return validateMembersSearch({ ...current, sort, order: nextOrder, page: undefined });
}

/** The query string of `GET /api/members` (filters, sort, order, page, page size). */
export function membersQueryString(search: MembersSearch): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = search[key];
    if (value !== undefined) params.set(key, value);
  }
  const settings = listSettings(search);
  params.set('sort', settings.sort);
  params.set('order', settings.order);
  params.set('page', String(settings.page));
  params.set('pageSize', String(settings.pageSize));
  return params.toString();
}

/** The address of the export of the current list (`GET /api/members/export`). */
export function membersExportUrl(search: MembersSearch, format: 'csv' | 'xlsx'): string {
  const params = new URLSearchParams({ format });
  for (const key of FILTER_KEYS) {
    const value = search[key];
    if (value !== undefined) params.set(key, value);
  }
  const settings = listSettings(search);
  params.set('sort', settings.sort);
  params.set('order', settings.order);
  return `/api/members/export?${params.toString()}`;
}

const COUNT = new Intl.NumberFormat('fr-FR');

/** « 1–50 sur 100 000 salariés », « 12 salariés », « 1 salarié », « Aucun salarié ». */
export function rangeLabel(total: number, page: number, pageSize: number): string {
  if (total === 0) return 'Aucun salarié';
  const noun = total > 1 ? 'salariés' : 'salarié';
  const first = (page - 1) * pageSize + 1;
  // Everything on one page, or a page past the end: the total alone.
  if ((page === 1 && total <= pageSize) || first > total) return `${COUNT.format(total)} ${noun}`;
  const last = Math.min(page * pageSize, total);
  return `${COUNT.format(first)}–${COUNT.format(last)} sur ${COUNT.format(total)} ${noun}`;
}

/**
 * The title of the results and what they count, after « Statut du contrat » (issue 14 #23): the
 * home page's total is the « En cours » list, the unfiltered list counts every member.
 */
export function resultsHeading(contractStatus: CoverageStatus | undefined): {
  title: string;
  scope: string;
} {
  switch (contractStatus) {
    case undefined:
      return {
        title: 'Salariés affiliés',
        scope: 'Tous, quel que soit le statut du contrat : en cours, à venir ou terminé.',
      };
    case 'current':
      return {
        title: 'Salariés couverts aujourd’hui',
        scope: 'Statut du contrat « En cours » : le total de la page d’accueil.',
      };
    case 'upcoming':
      return {
        title: 'Salariés dont la couverture est à venir',
        scope: 'Statut du contrat « À venir » : couverts à partir de leur date d’effet.',
      };
    case 'ended':
      return {
        title: 'Salariés dont la couverture est terminée',
        scope: 'Statut du contrat « Terminé » : leur date de fin est passée.',
      };
  }
}

/** The number of pages of a list (at least 1, at most the API's last page). */
export function pageCount(total: number, pageSize: number): number {
  return Math.min(MAX_PAGE, Math.max(1, Math.ceil(total / pageSize)));
}
