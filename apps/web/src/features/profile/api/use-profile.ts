import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me } from '@affilia/shared/schemas/auth';
import type {
  ChangeEmailResult,
  ChangePasswordResult,
  ConfirmEmailChangeResult,
} from '@affilia/shared/schemas/profile';
import type { SendPhoneCodeResult } from '@affilia/shared/schemas/profile-phone';
import { api } from '../../../lib/api';
import { ME_QUERY_KEY } from '../../../lib/use-me';

/*
 * « Mon profil » (SPEC §4.4): the /api/profile routes. Each change that the server answers
 * with the user puts it in the `me` query, so the header and the page show it at once.
 */

export type { ChangeEmailResult, ChangePasswordResult, ConfirmEmailChangeResult };
export type { SendPhoneCodeResult };

const SESSIONS_KEY = ['auth', 'sessions'] as const;

/** `PATCH /api/profile` (« Nom », « Prénom »). */
export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (values: { lastName: string; firstName: string }) =>
      api.patch<Me>('/api/profile', values),
    onSuccess: (me) => queryClient.setQueryData(ME_QUERY_KEY, me),
  });
}

/** `POST /api/profile/email`: a link to the new address, after the current password. */
export function useRequestEmailChange() {
  return useMutation({
    mutationFn: (values: { newEmail: string; password: string }) =>
      api.post<ChangeEmailResult>('/api/profile/email', values),
  });
}

/**
 * `POST /api/profile/email/confirm` as soon as the link's page opens: a query, so that it runs
 * once per token even when React mounts the page twice, and is never retried (single use).
 */
export function useConfirmEmailChange(token: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: ['profile', 'email-change', token],
    queryFn: async () => {
      const result = await api.post<ConfirmEmailChangeResult>('/api/profile/email/confirm', {
        token,
      });
      // A session of this browser sees the new address.
      void queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
      return result;
    },
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
    retry: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}

/** `POST /api/profile/phone/send-code`: « Envoyer le code » and « Renvoyer le code ». */
export function useSendPhoneCode() {
  return useMutation({
    mutationFn: (values: { newMobilePhone: string; password: string }) =>
      api.post<SendPhoneCodeResult>('/api/profile/phone/send-code', values),
  });
}

/** `POST /api/profile/phone/verify`: the code of the new number replaces the number. */
export function useVerifyPhoneCode() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (values: { code: string }) => api.post<Me>('/api/profile/phone/verify', values),
    onSuccess: (me) => queryClient.setQueryData(ME_QUERY_KEY, me),
  });
}

/** `POST /api/profile/password`: the other sessions end, this one stays open. */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (values: { currentPassword: string; newPassword: string }) =>
      api.post<ChangePasswordResult>('/api/profile/password', values),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SESSIONS_KEY }),
  });
}
