import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { api } from '../../../lib/api';
import type { AuthSpace } from '../space';
import { SPACE_PAGES } from '../space';

/**
 * « Se déconnecter »: ends the session on the server, goes back to the sign-in page and forgets
 * every cached answer (except the branding), even when the server could not be reached (the
 * session then expires by itself).
 */
export function useSignOut(space: AuthSpace = 'employer') {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => api.post<{ ok: true }>('/api/auth/sign-out'),
    onSettled: async () => {
      await navigate({ to: SPACE_PAGES[space].signIn, search: { notice: 'signed_out' } });
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'branding' });
    },
  });
}
