import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CompanyInvitationView } from '@affilia/shared/schemas/users';
import { api } from '../../../lib/api';
import { ME_QUERY_KEY } from '../../../lib/use-me';

export type { CompanyInvitationView };

const path = (token: string, action?: 'accept' | 'decline') =>
  `/api/company-invitations/${encodeURIComponent(token)}${action ? `/${action}` : ''}`;

/**
 * `GET /api/company-invitations/:token`: the invitation an existing account received (issue 14
 * #4), for the signed-in account it was sent to. Never retried: 404 and 410 stay what they are.
 */
export function useCompanyInvitation(token: string) {
  return useQuery({
    queryKey: ['company-invitation', token],
    queryFn: ({ signal }) => api.get<CompanyInvitationView>(path(token), { signal }),
    retry: false,
    refetchOnWindowFocus: false,
  });
}

/** « Accepter » or « Refuser »; accepted, the new companies appear at once in the space. */
export function useAnswerCompanyInvitation(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (answer: 'accept' | 'decline') =>
      api.post<{ status: 'accepted' | 'declined' }>(path(token, answer)),
    onSuccess: async ({ status }) => {
      if (status === 'accepted') await queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
    },
  });
}
