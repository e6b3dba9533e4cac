import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Dashboard } from '@affilia/shared/schemas/members';
import { api } from '../../../lib/api';

export type { Dashboard };

/**
 * `GET /api/dashboard?companyId=`: « Vos affiliations » for every company (« Toutes ») or one,
 * the pending actions and « Conseils et astuces ». Another company keeps the previous figures on
 * screen until its own arrive.
 */
export function useDashboard(companyId: string | undefined) {
  const query = companyId ? `?${new URLSearchParams({ companyId }).toString()}` : '';
  return useQuery({
    queryKey: ['dashboard', companyId ?? null],
    queryFn: ({ signal }) => api.get<Dashboard>(`/api/dashboard${query}`, { signal }),
    placeholderData: keepPreviousData,
  });
}
