import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import type { PendingTerms } from '@affilia/shared/schemas/content';
import { api } from '../../../lib/api';

export const pendingTermsKey = (userId: string) => ['auth', 'terms', 'pending', userId] as const;

/**
 * `GET /api/auth/terms/pending`: whether a new version of the terms of use waits for this
 * employer user's acceptance (the employer API refuses their calls until then).
 */
export async function hasPendingTerms(queryClient: QueryClient, userId: string): Promise<boolean> {
  const data = await queryClient.ensureQueryData({
    queryKey: pendingTermsKey(userId),
    queryFn: ({ signal }) => api.get<PendingTerms>('/api/auth/terms/pending', { signal }),
    // Checked again in the background after a minute: a version published meanwhile is seen at
    // a next navigation (until then, the employer API answers terms_acceptance_required).
    staleTime: 60_000,
    revalidateIfStale: true,
  });
  return data.terms !== null;
}

/** `POST /api/auth/terms/accept` — « J'accepte » the version in force. */
export function useAcceptTerms(userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (termsVersionId: string) =>
      api.post<{ ok: true }>('/api/auth/terms/accept', { termsVersionId }),
    onSuccess: () => {
      queryClient.setQueryData<PendingTerms>(pendingTermsKey(userId), { terms: null });
      // Pages refused while the terms were pending load again.
      void queryClient.invalidateQueries({
        predicate: (query) => query.queryKey[0] !== 'auth' && query.queryKey[0] !== 'branding',
      });
    },
  });
}
