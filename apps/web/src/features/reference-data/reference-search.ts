import type { ReferenceEntity } from './api/use-reference-data';
import { REFERENCE_ENTITIES } from './api/use-reference-data';
import { listSearch, oneOfFilter, textFilter, type ListSearch } from '../../lib/list-search';

/*
 * « Référentiel » keeps its tab, search, company and page in the address
 * (`/back-office/referentiel?tab=assures&companyId=…&q=dupont&page=2`), through the list-page kit
 * (lib/list-search.ts), with the limits of ReferenceListQuerySchema. The lists come in the API's
 * order (by name), 25 a page.
 */

export interface ReferenceFilters {
  /** « Entreprises » when absent. */
  tab?: ReferenceEntity;
  q?: string;
  /** Establishments, contracts and members of one company. */
  companyId?: string;
}

/** The rows of a page (REFERENCE_PAGE_SIZES' default). */
export const REFERENCE_PAGE_SIZE = 25;

export type ReferenceSearch = ListSearch<ReferenceFilters, 'name', typeof REFERENCE_PAGE_SIZE>;

export const referenceList = listSearch<ReferenceFilters, 'name', typeof REFERENCE_PAGE_SIZE>({
  filters: {
    tab: oneOfFilter(REFERENCE_ENTITIES),
    q: textFilter(100),
    companyId: textFilter(64),
  },
  sorts: ['name'],
  defaultSort: 'name',
  defaultOrder: 'asc',
  pageSizes: [REFERENCE_PAGE_SIZE],
  defaultPageSize: REFERENCE_PAGE_SIZE,
});

/** `validateSearch` of `/back-office/referentiel`. */
export const validateReferenceSearch = referenceList.validate;

/** The tab shown, and the company it is narrowed to (never on « Entreprises »). */
export function referenceView(search: ReferenceSearch): {
  tab: ReferenceEntity;
  companyId: string | undefined;
} {
  const tab = search.tab ?? 'entreprises';
  return { tab, companyId: tab === 'entreprises' ? undefined : search.companyId };
}
