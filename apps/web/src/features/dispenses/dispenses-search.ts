import type { DispenseRegisterState } from '@affilia/shared/domain/dispense';
import { AFFILIATION_PAGE_SIZES } from '@affilia/shared/domain/enums';
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
 * The register « Dispenses » (issue 19) keeps its whole state in the address
 * (`/dispenses?state=expired&caseCode=css&page=2…`), through the list-page kit. The query is
 * GET /api/dispenses (DispenseListQuerySchema); the exports and the audit zip take the same
 * filters.
 */

/** DISPENSE_SORTS of the shared schema (no zod on the first load). */
export const DISPENSE_SORTS = ['name', 'end_date', 'created_at'] as const;
export type DispenseSort = (typeof DISPENSE_SORTS)[number];
export type DispensePageSize = (typeof AFFILIATION_PAGE_SIZES)[number];
export { pageCount };

/**
 * DISPENSE_REGISTER_STATES, written again: the router is in the entry chunk, which must not
 * carry the domain's table of cases (decision record 0009). Checked complete below.
 */
const REGISTER_STATES = [
  'requested',
  'valid',
  'renewal_due',
  'expired',
  'refused',
  'ended',
] as const satisfies readonly DispenseRegisterState[];
const everyState: [Exclude<DispenseRegisterState, (typeof REGISTER_STATES)[number]>] extends [never]
  ? true
  : false = true;
void everyState;

export interface DispensesFilters {
  siren?: string;
  establishmentId?: string;
  state?: DispenseRegisterState;
  /** A DISPENSE_CASES code. */
  caseCode?: string;
  /** « Salarié »: the start of a name or a NIR, as typed. */
  q?: string;
}

export type DispensesSearch = ListSearch<DispensesFilters, DispenseSort, DispensePageSize>;

export const dispensesList = listSearch<DispensesFilters, DispenseSort, DispensePageSize>({
  filters: {
    siren: textFilter(20),
    establishmentId: textFilter(64),
    state: oneOfFilter(REGISTER_STATES),
    // Checked by the server (the cases' table stays out of the first load).
    caseCode: textFilter(64),
    q: textFilter(100),
  },
  sorts: DISPENSE_SORTS,
  defaultSort: 'name',
  defaultOrder: 'asc',
  pageSizes: AFFILIATION_PAGE_SIZES,
  defaultPageSize: 25,
  firstOrder: (sort) => (sort === 'created_at' ? 'desc' : 'asc'),
});

/** `validateSearch` of `/dispenses`. */
export const validateDispensesSearch = dispensesList.validate;

/** The address of the register's export (`csv`, `xlsx`) or audit zip, with the filters. */
export function dispensesDownloadUrl(search: DispensesSearch, kind: 'csv' | 'xlsx' | 'zip') {
  const params = new URLSearchParams();
  if (kind !== 'zip') params.set('format', kind);
  for (const [key, value] of dispensesList.queryParams(search, false)) {
    if (key !== 'sort' && key !== 'order') params.set(key, value);
  }
  const query = params.toString();
  const path = kind === 'zip' ? '/api/dispenses/archive.zip' : '/api/dispenses/export';
  return query ? `${path}?${query}` : path;
}

/** « 1–25 sur 120 dispenses », « 12 dispenses », « 1 dispense », « Aucune dispense ». */
export function rangeLabel(total: number, page: number, pageSize: number): string {
  return countLabel(total, page, pageSize, {
    none: 'Aucune dispense',
    one: 'dispense',
    many: 'dispenses',
  });
}

export type { SortOrder };
