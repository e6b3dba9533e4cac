import { AFFILIATION_PAGE_SIZES } from '@affilia/shared/domain/enums';
import type { RadiationStatus } from '@affilia/shared/domain/radiation';
import { listSearch, oneOfFilter, textFilter, type ListSearch } from '../../lib/list-search';

/*
 * The back office's « Radiations » queue keeps its tab, company, name and page in the address
 * (`/back-office/radiations?status=processed&q=mar…`) through the list-page kit. « À traiter »
 * (sent) is the API's default: it is left out of the address and of the query.
 */

export type RadiationsQueuePageSize = (typeof AFFILIATION_PAGE_SIZES)[number];

/** The tabs, in their order: « À traiter » first (the default). */
export const RADIATION_QUEUE_TABS = [
  { status: 'sent', label: 'À traiter' },
  { status: 'processed', label: 'Traitées' },
  { status: 'returned', label: 'Retournées' },
  { status: 'cancelled', label: 'Annulées' },
] as const satisfies readonly { status: RadiationStatus; label: string }[];

export const DEFAULT_QUEUE_STATUS: RadiationStatus = 'sent';

export interface RadiationsQueueFilters {
  /** The tab; absent for « À traiter ». */
  status?: Exclude<RadiationStatus, 'sent'>;
  companyId?: string;
  /** The start of a name. */
  q?: string;
}

export type RadiationsQueueSearch = ListSearch<
  RadiationsQueueFilters,
  'status_changed_at',
  RadiationsQueuePageSize
>;

/** The queue's list-page kit: one order (the API's), no sort sent. */
export const radiationsQueueList = listSearch<
  RadiationsQueueFilters,
  'status_changed_at',
  RadiationsQueuePageSize
>({
  filters: {
    status: oneOfFilter(
      RADIATION_QUEUE_TABS.map((t) => t.status).filter((s) => s !== DEFAULT_QUEUE_STATUS),
    ),
    companyId: textFilter(64),
    q: textFilter(100),
  },
  sorts: ['status_changed_at'],
  defaultSort: 'status_changed_at',
  defaultOrder: 'desc',
  pageSizes: AFFILIATION_PAGE_SIZES,
  defaultPageSize: 25,
});

/** `validateSearch` of `/back-office/radiations`. */
export const validateRadiationsQueueSearch = radiationsQueueList.validate;

/** The tab shown: the address's status, else « À traiter ». */
export function queueStatus(search: RadiationsQueueSearch): RadiationStatus {
  return search.status ?? DEFAULT_QUEUE_STATUS;
}

/** The search of another tab: the same company and name, back to page 1. */
export function withQueueStatus(
  search: RadiationsQueueSearch,
  status: RadiationStatus,
): RadiationsQueueSearch {
  return radiationsQueueList.validate({ ...search, status, page: undefined });
}
