import { useMutation } from '@tanstack/react-query';
import type { SignInRequest, SignInResult } from '@affilia/shared/schemas/auth';
import type { SendCodeResult } from '@affilia/shared/schemas/second-factor';
import { api } from '../../../lib/api';

/** `POST /api/auth/sign-in`: signs in, or asks for the second factor. */
export function useSignIn() {
  return useMutation({
    mutationFn: (values: SignInRequest) => api.post<SignInResult>('/api/auth/sign-in', values),
  });
}

/** `POST /api/auth/second-factor/send` (« Envoyer le code »). */
export function useSendSignInCode() {
  return useMutation({
    mutationFn: (values: { mobilePhone?: string }) =>
      api.post<SendCodeResult>('/api/auth/second-factor/send', values),
  });
}

/** `POST /api/auth/second-factor/verify` (« Continuer »): opens the session. */
export function useVerifySignInCode() {
  return useMutation({
    mutationFn: (values: { code: string }) =>
      api.post<SignInResult>('/api/auth/second-factor/verify', values),
  });
}

/** `POST /api/auth/email/resend-confirmation`: the same answer whether the address exists. */
export function useResendConfirmation() {
  return useMutation({
    mutationFn: (values: { email: string }) =>
      api.post<{ ok: true }>('/api/auth/email/resend-confirmation', values),
  });
}
