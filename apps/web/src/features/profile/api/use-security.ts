import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  SessionInfo,
  TotpEnableResultSchema,
  TotpSetupResultSchema,
} from '@affilia/shared/schemas/auth';
import { api } from '../../../lib/api';
import { ME_QUERY_KEY } from '../../../lib/use-me';

export type { SessionInfo };
export type TotpSetupResult = z.infer<typeof TotpSetupResultSchema>;
export type TotpEnableResult = z.infer<typeof TotpEnableResultSchema>;

const SESSIONS_KEY = ['auth', 'sessions'] as const;

/** `GET /api/auth/sessions`: the user's open sessions, this one flagged `current`. */
export function useSessions() {
  return useQuery({
    queryKey: SESSIONS_KEY,
    queryFn: ({ signal }) => api.get<{ sessions: SessionInfo[] }>('/api/auth/sessions', { signal }),
    // This browser first, then the others as the server lists them.
    select: (data) => [...data.sessions].sort((a, b) => Number(b.current) - Number(a.current)),
  });
}

/** `DELETE /api/auth/sessions/:id` (« Fermer »). */
export function useRevokeSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (sessionId: string) =>
      api.delete<{ ok: true }>(`/api/auth/sessions/${encodeURIComponent(sessionId)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: SESSIONS_KEY }),
  });
}

/** `POST /api/auth/totp/setup` after the password: the secret and its QR code. */
export function useSetupTotp() {
  return useMutation({
    mutationFn: (values: { password: string }) =>
      api.post<TotpSetupResult>('/api/auth/totp/setup', values),
  });
}

/** `POST /api/auth/totp/enable` with the app's first code: the recovery codes, shown once. */
export function useEnableTotp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (values: { code: string }) =>
      api.post<TotpEnableResult>('/api/auth/totp/enable', values),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY }),
  });
}

/** `POST /api/auth/totp/disable` (« Revenir aux codes par SMS »), after the password. */
export function useDisableTotp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (values: { password: string }) =>
      api.post<{ ok: true }>('/api/auth/totp/disable', values),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY }),
  });
}
