import type { AffiliationSort } from '@affilia/shared/domain/enums';
import {
  AFFILIATION_PAGE_SIZES,
  AFFILIATION_SORTS,
  AFFILIATION_STATUSES,
} from '@affilia/shared/domain/enums';
import type { RequestType } from '@affilia/shared/domain/requests';
import { RADIATION_STATUSES } from '@affilia/shared/domain/radiation';
import { MEMBER_CHANGE_KINDS, MEMBER_CHANGE_STATUSES } from '@affilia/shared/domain/member-change';
import { REQUEST_TYPES } from '@affilia/shared/domain/requests';
import {
  dateFilter,
  listSearch,
  oneOfFilter,
  pageCount,
  rangeLabel as countLabel,
  textFilter,
  type ListSearch,
  type SortOrder,
} from '../../lib/list-search';

/*
 * « Suivi des demandes » (every request: affiliations, radiations — issue 18 — and changes of
 * members — issue 20) keeps its whole
 * state in the address (`/affiliations?type=radiation&status=radiation.returned&page=2…`), through
 * the list-page kit (lib/list-search.ts). Default values (newest first, page 1, 25 a page) are
 * left out. The query is GET /api/requests (RequestListQuerySchema).
 */

export type AffiliationPageSize = (typeof AFFILIATION_PAGE_SIZES)[number];
export type { SortOrder };
export { MAX_PAGE } from '../../lib/list-search';
export { pageCount };

/**
 * A status filter names its type (`affiliation.sent`, `radiation.processed`…), as the API's
 * REQUEST_STATUS_FILTERS, written here from the domain's lists (no zod on the first load).
 */
export const REQUEST_STATUS_FILTERS = [
  ...AFFILIATION_STATUSES.map((s) => `affiliation.${s}` as const),
  ...RADIATION_STATUSES.map((s) => `radiation.${s}` as const),
  ...MEMBER_CHANGE_KINDS.flatMap((k) => MEMBER_CHANGE_STATUSES.map((s) => `${k}.${s}` as const)),
];
export type RequestStatusFilter = (typeof REQUEST_STATUS_FILTERS)[number];

/** The filters of the form, as the API reads them. */
export interface AffiliationsFilters {
  siren?: string;
  establishmentId?: string;
  type?: RequestType;
  status?: RequestStatusFilter;
  /** « Salarié »: the start of a name or a NIR, as typed. */
  q?: string;
  from?: string;
  to?: string;
}

export type AffiliationsSearch = ListSearch<
  AffiliationsFilters,
  AffiliationSort,
  AffiliationPageSize
>;

export const DEFAULT_SORT: AffiliationSort = 'status_changed_at';
export const DEFAULT_ORDER: SortOrder = 'desc';
export const DEFAULT_PAGE_SIZE: AffiliationPageSize = 25;

/** The page's list-page kit (lib/list-search.ts). */
export const affiliationsList = listSearch<
  AffiliationsFilters,
  AffiliationSort,
  AffiliationPageSize
>({
  filters: {
    siren: textFilter(20),
    establishmentId: textFilter(64),
    type: oneOfFilter(REQUEST_TYPES),
    status: oneOfFilter(REQUEST_STATUS_FILTERS),
    q: textFilter(100),
    from: dateFilter,
    to: dateFilter,
  },
  sorts: AFFILIATION_SORTS,
  defaultSort: DEFAULT_SORT,
  defaultOrder: DEFAULT_ORDER,
  pageSizes: AFFILIATION_PAGE_SIZES,
  defaultPageSize: DEFAULT_PAGE_SIZE,
  // Another column starts with the newest (« Demandée le », « Dernière mise à jour ») or from A.
  firstOrder: (sort) => (sort === 'name' ? 'asc' : 'desc'),
});

export const FILTER_KEYS = affiliationsList.filterKeys;
/** `validateSearch` of `/affiliations`: anything unexpected is dropped, defaults left out. */
export const validateAffiliationsSearch = affiliationsList.validate;
/** The filters alone (what « Rechercher » sets and « Réinitialiser » clears). */
export const pickFilters = affiliationsList.pickFilters;
export const hasFilters = affiliationsList.hasFilters;
/** The sort, order, page and page size with their defaults. */
export const listSettings = affiliationsList.settings;
/** A new search from the form: its filters, the current sort and page size, back to page 1. */
export const applyFilters = affiliationsList.applyFilters;
/** Sorting by a column: the same column again reverses the order. Back to page 1. */
export const toggleSort = affiliationsList.toggleSort;
/** The query string of `GET /api/requests`. */
export const affiliationsQueryString = affiliationsList.queryString;

/** « 1–25 sur 120 demandes », « 12 demandes », « 1 demande », « Aucune demande ». */
export function rangeLabel(total: number, page: number, pageSize: number): string {
  return countLabel(total, page, pageSize, {
    none: 'Aucune demande',
    one: 'demande',
    many: 'demandes',
  });
}

/**
 * `validateSearch` of `/pre-affiliation`: `dispense`, the expired dispense whose employee is
 * affiliated (« Affilier »: the wizard starts from its values).
 */
export function validatePreAffiliationSearch(search: Record<string, unknown>): {
  dispense?: string;
} {
  const id = search.dispense;
  return typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id) ? { dispense: id } : {};
}
