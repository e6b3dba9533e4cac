import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Dashboard as SharedDashboard } from '@affilia/shared/schemas/members';
import { api } from '../../../lib/api';

/** The home page's figures, with the departures' pending actions (issue 18). */
export type Dashboard = Omit<SharedDashboard, 'pending'> & {
  pending: SharedDashboard['pending'] & {
    /** Former employees whose portability ends within 30 days. */
    portabilityEndingSoon?: number;
    /** Radiations the insurer returned, to correct or cancel. */
    radiationsReturned?: number;
  };
};

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
