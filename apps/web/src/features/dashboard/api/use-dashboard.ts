import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { Dashboard } from '@affilia/shared/schemas/members';
import { api } from '../../../lib/api';

export type { Dashboard };

/** `GET /api/dashboard?companyId=`: the query, also asked by the home page's route loader. */
export function dashboardQuery(companyId: string | undefined) {
  const query = companyId ? `?${new URLSearchParams({ companyId }).toString()}` : '';
  return queryOptions({
    queryKey: ['dashboard', companyId ?? null],
    queryFn: ({ signal }) => api.get<Dashboard>(`/api/dashboard${query}`, { signal }),
  });
}

/**
 * `GET /api/dashboard?companyId=`: « Vos affiliations » for every company (« Toutes ») or one,
 * the pending actions and « Conseils et astuces ». Another company keeps the previous figures on
 * screen until its own arrive.
 */
export function useDashboard(companyId: string | undefined) {
  return useQuery({ ...dashboardQuery(companyId), placeholderData: keepPreviousData });
}
