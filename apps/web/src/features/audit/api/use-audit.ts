import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AuditPage, AuditRetention } from '@affilia/shared/schemas/audit';
import { api } from '../../../lib/api';
import type { AuditSearch } from '../audit-search';
import { auditApiUrl } from '../audit-search';

export type { AuditPage };
export type AuditEntry = AuditPage['entries'][number];

const RETENTION_KEY = ['backoffice', 'audit', 'retention'] as const;

/**
 * `GET /api/backoffice/audit`: one page, newest first, as the list-page kit reads it (its lines
 * and whether there is a next page — the log does not count itself); the previous page stays
 * while loading.
 */
export function useAuditPage(search: AuditSearch) {
  const url = auditApiUrl(search);
  return useQuery({
    queryKey: ['backoffice', 'audit', 'page', url],
    queryFn: ({ signal }) => api.get<AuditPage>(url, { signal }),
    select: (page) => ({ items: page.entries, hasMore: page.hasMore }),
    placeholderData: keepPreviousData,
  });
}

/** `GET /api/backoffice/audit/retention`. */
export function useAuditRetention() {
  return useQuery({
    queryKey: RETENTION_KEY,
    queryFn: ({ signal }) => api.get<AuditRetention>('/api/backoffice/audit/retention', { signal }),
  });
}

/** `PUT /api/backoffice/audit/retention` (back-office administrators). */
export function useUpdateAuditRetention() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (days: number) =>
      api.put<AuditRetention>('/api/backoffice/audit/retention', { days }),
    onSuccess: (saved) => queryClient.setQueryData(RETENTION_KEY, saved),
  });
}
