/**
 * The filters of « Journal d'audit » as they live in the address (`/back-office/audit?actor=…`),
 * so that a filtered view can be reloaded, bookmarked or sent to a colleague.
 */

export interface AuditSearch {
  actor?: string;
  company?: string;
  action?: string;
  /** Paris calendar days, 'YYYY-MM-DD', inclusive. */
  from?: string;
  to?: string;
  page?: number;
}

export type AuditFilterValues = Omit<AuditSearch, 'page'>;

const FILTER_KEYS = ['actor', 'company', 'action', 'from', 'to'] as const;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Reads the address's search (values may arrive as numbers: a SIREN is parsed as JSON). */
export function validateAuditSearch(search: Record<string, unknown>): AuditSearch {
  const result: AuditSearch = {};
  for (const key of FILTER_KEYS) {
    const raw = search[key];
    if (typeof raw !== 'string' && typeof raw !== 'number') continue;
    const value = String(raw)
      .trim()
      .slice(0, key === 'actor' ? 254 : 100);
    if (value === '') continue;
    if ((key === 'from' || key === 'to') && !ISO_DATE.test(value)) continue;
    result[key] = value;
  }
  const page = Number(search.page);
  if (Number.isInteger(page) && page > 1 && page <= 100_000) result.page = page;
  return result;
}

function params(search: AuditSearch): URLSearchParams {
  const out = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = search[key]?.trim();
    if (value) out.set(key, value);
  }
  if (search.page && search.page > 1) out.set('page', String(search.page));
  return out;
}

/** The page's address for these filters and page (no `?` when there is nothing). */
export function auditHref(path: string, search: AuditSearch): string {
  const query = params(search).toString();
  return query ? `${path}?${query}` : path;
}

/** `GET /api/backoffice/audit?…` for this page. */
export function auditApiUrl(search: AuditSearch, pageSize: number): string {
  const query = params(search);
  query.set('pageSize', String(pageSize));
  return `/api/backoffice/audit?${query.toString()}`;
}

/** « Exporter (CSV) »: the same filters, every page. */
export function auditExportUrl(search: AuditSearch): string {
  const query = params({ ...search, page: undefined }).toString();
  return `/api/backoffice/audit/export.csv${query ? `?${query}` : ''}`;
}

export function hasAuditFilters(search: AuditSearch): boolean {
  return FILTER_KEYS.some((key) => Boolean(search[key]));
}

/** « Rechercher »: new filters start again at the first page. */
export function applyAuditFilters(filters: AuditFilterValues): AuditSearch {
  return validateAuditSearch({ ...filters });
}

/** The kind of actor, in French. */
export const ACTOR_KIND_LABELS: Record<string, string> = {
  employer: 'Entreprise',
  staff: 'Assureur',
  employee: 'Salarié',
  system: 'Système',
  anonymous: 'Anonyme',
};
