import { useMutation, useQuery } from '@tanstack/react-query';
import type { AuthSpace } from '@affilia/shared/schemas/auth';
import { api } from '../../../lib/api';

/** What a one-time link (email confirmation, password reset) answers: the account's address. */
export interface LinkCheckResult {
  email: string;
}

/**
 * `POST /api/auth/email/confirm` as soon as the page opens. A query rather than a mutation, so
 * that it runs once per token even when React mounts the page twice, and is not retried (the
 * link is single use).
 */
export function useConfirmEmail(token: string) {
  return useQuery({
    queryKey: ['auth', 'email-confirmation', token],
    queryFn: () => api.post<LinkCheckResult>('/api/auth/email/confirm', { token }),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
    retry: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}

/** `POST /api/auth/password/reset/check`: whether the reset link is still good, and for whom. */
export function useCheckResetLink(token: string) {
  return useQuery({
    queryKey: ['auth', 'reset-link', token],
    queryFn: () => api.post<LinkCheckResult>('/api/auth/password/reset/check', { token }),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}

/** `POST /api/auth/password/forgot`: the same answer whether the address exists or not. */
export function useForgotPassword() {
  return useMutation({
    mutationFn: (values: { email: string; captcha: string; space: AuthSpace }) =>
      api.post<{ ok: true }>('/api/auth/password/forgot', values),
  });
}

/** `POST /api/auth/password/reset`: the new password; every session of the account ends. */
export function useResetPassword() {
  return useMutation({
    mutationFn: (values: { token: string; password: string }) =>
      api.post<{ ok: true }>('/api/auth/password/reset', values),
  });
}
