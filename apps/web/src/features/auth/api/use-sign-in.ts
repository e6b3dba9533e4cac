import { useMutation } from '@tanstack/react-query';
import type { SignIn } from '@affilia/shared/schemas/auth';
import { api } from '../../../lib/api';

/** `POST /api/auth/sign-in` with the email and password. */
export function useSignIn() {
  return useMutation({
    mutationFn: (values: SignIn) => api.post<unknown>('/api/auth/sign-in', values),
  });
}
