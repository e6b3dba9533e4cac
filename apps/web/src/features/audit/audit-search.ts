import { dateFilter, listSearch, textFilter, type ListSearch } from '../../lib/list-search';

/*
 * « Journal d'audit » keeps its filters and page in the address (`/back-office/audit?actor=…`),
 * through the list-page kit (lib/list-search.ts), so that a filtered view can be reloaded,
 * bookmarked or sent to a colleague. The filters' limits are AuditFiltersSchema's (the schema
 * itself stays out: the router, where `validateSearch` runs, must not load zod — decision record
 * 0009); the log has one order, newest first, and one page size.
 */

/** AuditQuerySchema's page size (`@affilia/shared/schemas/audit`, which loads zod). */
export const AUDIT_PAGE_SIZE = 50;

export interface AuditFilterValues {
  actor?: string;
  company?: string;
  action?: string;
  /** Paris calendar days, 'YYYY-MM-DD', inclusive. */
  from?: string;
  to?: string;
}

export type AuditSearch = ListSearch<AuditFilterValues, 'at', typeof AUDIT_PAGE_SIZE>;

/** The page's list-page kit. */
export const auditList = listSearch<AuditFilterValues, 'at', typeof AUDIT_PAGE_SIZE>({
  filters: {
    actor: textFilter(254),
    company: textFilter(64),
    action: textFilter(100),
    from: dateFilter,
    to: dateFilter,
  },
  sorts: ['at'],
  defaultSort: 'at',
  defaultOrder: 'desc',
  pageSizes: [AUDIT_PAGE_SIZE],
  defaultPageSize: AUDIT_PAGE_SIZE,
});

/** `validateSearch` of `/back-office/audit`. */
export const validateAuditSearch = auditList.validate;

/** `GET /api/backoffice/audit?…` for this page. */
export function auditApiUrl(search: AuditSearch): string {
  return `/api/backoffice/audit?${auditList.queryString(search)}`;
}

/** « Exporter (CSV) »: the same filters, every page. */
export function auditExportUrl(search: AuditSearch): string {
  const query = auditList.queryParams(search, false).toString();
  return `/api/backoffice/audit/export.csv${query ? `?${query}` : ''}`;
}

/** The kind of actor, in French. */
export const ACTOR_KIND_LABELS: Record<string, string> = {
  employer: 'Entreprise',
  staff: 'Assureur',
  employee: 'Salarié',
  system: 'Système',
  anonymous: 'Anonyme',
};
