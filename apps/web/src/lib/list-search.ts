/*
 * The list-page kit's address: a list page (« Mes salariés », « Suivi des demandes »…) keeps its
 * whole state in the address (`/salaries?professionalStatus=non_cadre&page=2…`), so that a shared
 * link shows the same list and the back button returns to the previous one. A page describes its
 * filters, sorts and page sizes once (`listSearch({...})`, from the constants of the shared
 * schemas); the kit gives its `validateSearch` (anything unexpected dropped, defaults left out),
 * the API's query string, sorting and paging. No zod here: `validateSearch` runs in the router,
 * which is in the entry chunk that must not load it (decision record 0009), so a page describes
 * its filters from the shared schemas' constants and limits (`textFilter(max)`,
 * `oneOfFilter(values)`); the server validates the same query with the shared zod schema.
 */

export type SortOrder = 'asc' | 'desc';

/** How a filter is read from the address. */
export type FilterRule =
  { kind: 'text'; max: number } | { kind: 'oneOf'; values: readonly string[] } | { kind: 'date' };

export const textFilter = (max: number): FilterRule => ({ kind: 'text', max });
export const oneOfFilter = (values: readonly string[]): FilterRule => ({ kind: 'oneOf', values });
export const dateFilter: FilterRule = { kind: 'date' };

/** The API's last page number. */
export const MAX_PAGE = 100_000;

export interface ListDefinition<Filters, Sort extends string, PageSize extends number> {
  filters: { [K in keyof Filters]-?: FilterRule };
  sorts: readonly Sort[];
  /** A list in one order (the audit log, newest first) names it and sends no sort to the API. */
  defaultSort: Sort;
  defaultOrder: SortOrder;
  pageSizes: readonly PageSize[];
  defaultPageSize: PageSize;
  /** The order a column starts with when it becomes the sort (default: ascending). */
  firstOrder?: (sort: Sort) => SortOrder;
}

export type ListSearch<Filters, Sort extends string, PageSize extends number> = Filters & {
  sort?: Sort;
  order?: SortOrder;
  page?: number;
  pageSize?: PageSize;
};

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

/** A calendar date « 2025-02-07 » that exists. */
function isoDate(value: unknown): string | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
    ? value
    : undefined;
}

function readFilter(rule: FilterRule, value: unknown): string | undefined {
  switch (rule.kind) {
    case 'text':
      return text(value, rule.max);
    case 'oneOf':
      return typeof value === 'string' && rule.values.includes(value) ? value : undefined;
    case 'date':
      return isoDate(value);
  }
}

export function listSearch<Filters, Sort extends string, PageSize extends number>(
  def: ListDefinition<Filters, Sort, PageSize>,
) {
  type Search = ListSearch<Filters, Sort, PageSize>;
  const filterKeys = Object.keys(def.filters) as (keyof Filters & string)[];

  /** `validateSearch` of the page: anything unexpected is dropped, defaults are left out. */
  function validate(search: Record<string, unknown>): Search {
    const result: Record<string, unknown> = {};
    for (const key of filterKeys) {
      const value = readFilter(def.filters[key], search[key]);
      if (value !== undefined) result[key] = value;
    }
    const sort = search.sort;
    if (typeof sort === 'string' && (def.sorts as readonly string[]).includes(sort)) {
      if (sort !== def.defaultSort) result.sort = sort;
    }
    if ((search.order === 'asc' || search.order === 'desc') && search.order !== def.defaultOrder)
      result.order = search.order;
    const page = integer(search.page);
    if (page !== undefined && page > 1 && page <= MAX_PAGE) result.page = page;
    const pageSize = integer(search.pageSize);
    if (
      pageSize !== undefined &&
      pageSize !== def.defaultPageSize &&
      (def.pageSizes as readonly number[]).includes(pageSize)
    )
      result.pageSize = pageSize;
    return result as Search;
  }

  /** The filters alone (what « Rechercher » sets and « Réinitialiser » clears). */
  function pickFilters(search: Search): Filters {
    const filters: Record<string, unknown> = {};
    for (const key of filterKeys) {
      const value = search[key];
      if (value !== undefined) filters[key] = value;
    }
    return filters as Filters;
  }

  function hasFilters(search: Search): boolean {
    return filterKeys.some((key) => search[key] !== undefined);
  }

  /** The sort, order, page and page size with their defaults. */
  function settings(search: Search) {
    return {
      sort: search.sort ?? def.defaultSort,
      order: search.order ?? def.defaultOrder,
      page: search.page ?? 1,
      pageSize: search.pageSize ?? def.defaultPageSize,
    };
  }

  /** A new search from the form: its filters, the current sort and page size, back to page 1. */
  function applyFilters(current: Search, filters: Filters): Search {
    return validate({
      ...filters,
      sort: current.sort,
      order: current.order,
      pageSize: current.pageSize,
    });
  }

  /** Sorting by a column: the same column again reverses the order. Back to page 1. */
  function toggleSort(current: Search, sort: Sort): Search {
    const { sort: currentSort, order } = settings(current);
    const nextOrder: SortOrder =
      currentSort === sort ? (order === 'asc' ? 'desc' : 'asc') : (def.firstOrder?.(sort) ?? 'asc');
    return validate({ ...current, sort, order: nextOrder, page: undefined });
  }

  /** The filters, sort and order of the API's query (`withPage`: the page and its size too). */
  function queryParams(search: Search, withPage = true): URLSearchParams {
    const params = new URLSearchParams();
    for (const key of filterKeys) {
      const value = search[key];
      if (value !== undefined) params.set(key, String(value));
    }
    const s = settings(search);
    if (def.sorts.length > 1) {
      params.set('sort', s.sort);
      params.set('order', s.order);
    }
    if (withPage) {
      params.set('page', String(s.page));
      params.set('pageSize', String(s.pageSize));
    }
    return params;
  }

  return {
    filterKeys,
    validate,
    pickFilters,
    hasFilters,
    settings,
    applyFilters,
    toggleSort,
    queryString: (search: Search) => queryParams(search).toString(),
    queryParams,
  };
}

// Made on first use: an Intl formatter costs milliseconds to build, and this module is on every
// page's first load (the router's search validators), where most pages never show a count.
let count: Intl.NumberFormat | undefined;
const formatCount = (n: number) => (count ??= new Intl.NumberFormat('fr-FR')).format(n);

/** « 1–50 sur 100 000 salariés », « 12 salariés », « 1 salarié », « Aucun salarié ». */
export function rangeLabel(
  total: number,
  page: number,
  pageSize: number,
  noun: { none: string; one: string; many: string },
): string {
  if (total === 0) return noun.none;
  const word = total > 1 ? noun.many : noun.one;
  const first = (page - 1) * pageSize + 1;
  // Everything on one page, or a page past the end: the total alone.
  if ((page === 1 && total <= pageSize) || first > total) return `${formatCount(total)} ${word}`;
  const last = Math.min(page * pageSize, total);
  return `${formatCount(first)}–${formatCount(last)} sur ${formatCount(total)} ${word}`;
}

/** The number of pages of a list (at least 1, at most the API's last page). */
export function pageCount(total: number, pageSize: number): number {
  return Math.min(MAX_PAGE, Math.max(1, Math.ceil(total / pageSize)));
}

/**
 * The count of a list the API gives whole (the team, the users): « 3 membres », « Aucun
 * utilisateur correspondant à votre recherche ».
 */
export function wholeListLabel(
  count: number,
  noun: { none: string; one: string; many: string },
  filtered: boolean,
): string {
  return `${rangeLabel(count, 1, count, noun)}${filtered ? ' correspondant à votre recherche' : ''}`;
}
