import type {
  AffiliationMode,
  AffiliationSort,
  AffiliationStatus,
} from '@affilia/shared/domain/enums';
import {
  AFFILIATION_MODES,
  AFFILIATION_PAGE_SIZES,
  AFFILIATION_SORTS,
  AFFILIATION_STATUSES,
  isOneOf,
} from '@affilia/shared/domain/enums';

/*
 * « Suivi des demandes d'affiliation » keeps its whole state in the address
 * (`/affiliations?status=sent&page=2…`): a shared link shows the same list, the back button
 * returns to the previous one. Default values (newest first, page 1, 25 a page) are left out.
 */

export type AffiliationPageSize = (typeof AFFILIATION_PAGE_SIZES)[number];
export type SortOrder = 'asc' | 'desc';

/** The filters of the form, as the API reads them. */
export interface AffiliationsFilters {
  siren?: string;
  establishmentId?: string;
  status?: AffiliationStatus;
  mode?: AffiliationMode;
  /** « Salarié »: the start of a name or a NIR, as typed. */
  q?: string;
  from?: string;
  to?: string;
}

export interface AffiliationsSearch extends AffiliationsFilters {
  sort?: AffiliationSort;
  order?: SortOrder;
  page?: number;
  pageSize?: AffiliationPageSize;
}

export const DEFAULT_SORT: AffiliationSort = 'status_changed_at';
export const DEFAULT_ORDER: SortOrder = 'desc';
export const DEFAULT_PAGE_SIZE: AffiliationPageSize = 25;
/** The API's last page number. */
export const MAX_PAGE = 100_000;

export const FILTER_KEYS = [
  'siren',
  'establishmentId',
  'status',
  'mode',
  'q',
  'from',
  'to',
] as const satisfies readonly (keyof AffiliationsFilters)[];

/** A text value of the address (the router reads `?siren=732829320` as a number). */
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

/** A calendar date « 2025-02-07 » that exists. */
function isoDate(value: unknown): string | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
    ? value
    : undefined;
}

/** `validateSearch` of `/affiliations`: anything unexpected is dropped, defaults left out. */
export function validateAffiliationsSearch(search: Record<string, unknown>): AffiliationsSearch {
  const result: AffiliationsSearch = {};
  const siren = text(search.siren, 20);
  if (siren) result.siren = siren;
  const establishmentId = text(search.establishmentId, 64);
  if (establishmentId) result.establishmentId = establishmentId;
  if (isOneOf(AFFILIATION_STATUSES, search.status)) result.status = search.status;
  if (isOneOf(AFFILIATION_MODES, search.mode)) result.mode = search.mode;
  const q = text(search.q, 100);
  if (q) result.q = q;
  const from = isoDate(search.from);
  if (from) result.from = from;
  const to = isoDate(search.to);
  if (to) result.to = to;
  if (isOneOf(AFFILIATION_SORTS, search.sort) && search.sort !== DEFAULT_SORT)
    result.sort = search.sort;
  if ((search.order === 'asc' || search.order === 'desc') && search.order !== DEFAULT_ORDER)
    result.order = search.order;
  const page = integer(search.page);
  if (page !== undefined && page > 1 && page <= MAX_PAGE) result.page = page;
  const pageSize = integer(search.pageSize);
  if (
    pageSize !== undefined &&
    pageSize !== DEFAULT_PAGE_SIZE &&
    (AFFILIATION_PAGE_SIZES as readonly number[]).includes(pageSize)
  )
    result.pageSize = pageSize as AffiliationPageSize;
  return result;
}

/** The filters alone (what « Rechercher » sets and « Réinitialiser » clears). */
export function pickFilters(search: AffiliationsSearch): AffiliationsFilters {
  const filters: AffiliationsFilters = {};
  for (const key of FILTER_KEYS) {
    const value = search[key];
    if (value !== undefined) (filters as Record<string, string>)[key] = value;
  }
  return filters;
}

export function hasFilters(search: AffiliationsSearch): boolean {
  return FILTER_KEYS.some((key) => search[key] !== undefined);
}

/** The sort, order, page and page size with their defaults. */
export function listSettings(search: AffiliationsSearch) {
  return {
    sort: search.sort ?? DEFAULT_SORT,
    order: search.order ?? DEFAULT_ORDER,
    page: search.page ?? 1,
    pageSize: search.pageSize ?? DEFAULT_PAGE_SIZE,
  };
}

/** A new search from the form: its filters, the current sort and page size, back to page 1. */
export function applyFilters(
  current: AffiliationsSearch,
  filters: AffiliationsFilters,
): AffiliationsSearch {
  return validateAffiliationsSearch({
    ...filters,
    sort: current.sort,
    order: current.order,
    pageSize: current.pageSize,
  });
}

/** The query string of `GET /api/affiliations`. */
export function affiliationsQueryString(search: AffiliationsSearch): string {
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

const COUNT = new Intl.NumberFormat('fr-FR');

/** « 1–25 sur 120 demandes », « 12 demandes », « 1 demande », « Aucune demande ». */
export function rangeLabel(total: number, page: number, pageSize: number): string {
  if (total === 0) return 'Aucune demande';
  const noun = total > 1 ? 'demandes' : 'demande';
  const first = (page - 1) * pageSize + 1;
  if ((page === 1 && total <= pageSize) || first > total) return `${COUNT.format(total)} ${noun}`;
  const last = Math.min(page * pageSize, total);
  return `${COUNT.format(first)}–${COUNT.format(last)} sur ${COUNT.format(total)} ${noun}`;
}

/** The number of pages of a list (at least 1, at most the API's last page). */
export function pageCount(total: number, pageSize: number): number {
  return Math.min(MAX_PAGE, Math.max(1, Math.ceil(total / pageSize)));
}

/**
 * Sorting by a column: the same column again reverses the order; another one starts with the
 * newest (« Demandée le », « Dernière mise à jour ») or from A (name). Back to page 1.
 */
export function toggleSort(current: AffiliationsSearch, sort: AffiliationSort): AffiliationsSearch {
  const { sort: currentSort, order } = listSettings(current);
  const nextOrder: SortOrder =
    currentSort === sort ? (order === 'asc' ? 'desc' : 'asc') : sort === 'name' ? 'asc' : 'desc';
  return validateAffiliationsSearch({ ...current, sort, order: nextOrder, page: undefined });
}
