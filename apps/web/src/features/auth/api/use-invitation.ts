import { useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AcceptInvitationRequestSchema,
  InvitationCheckSchema,
} from '@affilia/shared/schemas/invitation';
import { api } from '../../../lib/api';

export type InvitationCheck = z.infer<typeof InvitationCheckSchema>;
export type AcceptInvitationPayload = z.output<typeof AcceptInvitationRequestSchema>;

/**
 * `GET /api/auth/invitation/:token`: whether the password-creation link of the invitation email
 * is still good, and for whom. Checked once per token, never retried (404 `link_invalid`, 410
 * `link_expired` or `link_used` will not change by asking again).
 */
export function useInvitationCheck(token: string) {
  return useQuery({
    queryKey: ['auth', 'invitation', token],
    queryFn: ({ signal }) =>
      api.get<InvitationCheck>(`/api/auth/invitation/${encodeURIComponent(token)}`, { signal }),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}

/** `POST /api/auth/invitation/accept`: the password and the terms; then the user signs in. */
export function useAcceptInvitation() {
  return useMutation({
    mutationFn: (values: AcceptInvitationPayload) =>
      api.post<{ email: string }>('/api/auth/invitation/accept', values),
  });
}
