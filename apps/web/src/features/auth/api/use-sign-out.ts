import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { api } from '../../../lib/api';
import { paths } from '../../../config/paths';

/**
 * « Se déconnecter »: ends the session on the server, forgets every cached answer and goes back to
 * the sign-in page, even when the server could not be reached (the session then expires by itself).
 */
export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => api.post<unknown>('/api/auth/sign-out'),
    onSettled: async () => {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'branding' });
      await navigate({ to: paths.signIn });
    },
  });
}
