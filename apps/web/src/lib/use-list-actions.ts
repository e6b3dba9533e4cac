import type { RefObject } from 'react';
import type { ListSearch } from './list-search';

/** The part of a list page's kit (`listSearch(...)`) its controls need. */
interface ListKit<Filters, Sort extends string, PageSize extends number> {
  validate: (search: Record<string, unknown>) => ListSearch<Filters, Sort, PageSize>;
  applyFilters: (
    current: ListSearch<Filters, Sort, PageSize>,
    filters: Filters,
  ) => ListSearch<Filters, Sort, PageSize>;
  toggleSort: (
    current: ListSearch<Filters, Sort, PageSize>,
    sort: Sort,
  ) => ListSearch<Filters, Sort, PageSize>;
}

/**
 * What a list page's controls do, given how it navigates (`go`): « Rechercher »,
 * « Réinitialiser », a column's sort, a page size, and a page — after which the focus goes back
 * to the results' title, where the count says which rows are shown.
 */
export function useListActions<Filters, Sort extends string, PageSize extends number>(
  kit: ListKit<Filters, Sort, PageSize>,
  search: ListSearch<Filters, Sort, PageSize>,
  go: (next: ListSearch<Filters, Sort, PageSize>) => void,
  resultsTitle: RefObject<HTMLElement | null>,
) {
  return {
    onSearch: (filters: Filters) => go(kit.applyFilters(search, filters)),
    onReset: () => go(kit.applyFilters(search, {} as Filters)),
    onSort: (column: Sort) => go(kit.toggleSort(search, column)),
    onPage: (page: number) => {
      go(kit.validate({ ...search, page }));
      window.requestAnimationFrame(() => resultsTitle.current?.focus());
    },
    onPageSize: (pageSize: number) => go(kit.validate({ ...search, pageSize, page: undefined })),
  };
}
