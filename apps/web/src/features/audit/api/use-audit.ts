import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AuditPage, AuditRetention } from '@affilia/shared/schemas/audit';
import { api } from '../../../lib/api';
import type { AuditSearch } from '../audit-search';
import { auditApiUrl } from '../audit-search';

export type { AuditPage };
export type AuditEntry = AuditPage['entries'][number];

export const AUDIT_PAGE_SIZE = 50;
const RETENTION_KEY = ['backoffice', 'audit', 'retention'] as const;

/** `GET /api/backoffice/audit`: one page, newest first; the previous page stays while loading. */
export function useAuditPage(search: AuditSearch) {
  const url = auditApiUrl(search, AUDIT_PAGE_SIZE);
  return useQuery({
    queryKey: ['backoffice', 'audit', 'page', url],
    queryFn: ({ signal }) => api.get<AuditPage>(url, { signal }),
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
