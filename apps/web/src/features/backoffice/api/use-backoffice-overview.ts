import { useQuery } from '@tanstack/react-query';
import type { BackofficeOverview } from '@affilia/shared/schemas/staff';
import { api } from '../../../lib/api';

export type { BackofficeOverview };

/** `GET /api/backoffice/overview`: the counts of the work queues of « Espace assureur ». */
export function useBackofficeOverview() {
  return useQuery({
    queryKey: ['backoffice', 'overview'],
    queryFn: ({ signal }) => api.get<BackofficeOverview>('/api/backoffice/overview', { signal }),
    // The queues move while the team works: fresh each time the page is shown.
    staleTime: 0,
    refetchInterval: 60_000,
  });
}
