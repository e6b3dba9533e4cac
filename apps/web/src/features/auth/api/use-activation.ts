import { useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Terms } from '@affilia/shared/schemas/auth';
import type {
  ActivationCompleteRequestSchema,
  ActivationCompleteResultSchema,
  ActivationIdentifyRequestSchema,
  ActivationIdentifyResultSchema,
} from '@affilia/shared/schemas/activation';
import { api } from '../../../lib/api';

export type ActivationIdentifyRequest = z.output<typeof ActivationIdentifyRequestSchema>;
export type ActivationIdentifyResult = z.infer<typeof ActivationIdentifyResultSchema>;
export type ActivationCompleteRequest = z.output<typeof ActivationCompleteRequestSchema>;
export type ActivationCompleteResult = z.infer<typeof ActivationCompleteResultSchema>;

/** Step 1 — `POST /api/auth/activation/identify` (SIRET, company identifier, captcha). */
export function useIdentifyEstablishment() {
  return useMutation({
    mutationFn: (values: ActivationIdentifyRequest) =>
      api.post<ActivationIdentifyResult>('/api/auth/activation/identify', values),
  });
}

/** Step 3 — `POST /api/auth/activation/complete`: creates the account, emails the link. */
export function useCompleteActivation() {
  return useMutation({
    mutationFn: (values: ActivationCompleteRequest) =>
      api.post<ActivationCompleteResult>('/api/auth/activation/complete', values),
  });
}

/** `GET /api/auth/terms/current`: the terms of use in force. */
export function useCurrentTerms() {
  return useQuery({
    queryKey: ['auth', 'terms', 'current'],
    queryFn: ({ signal }) => api.get<Terms>('/api/auth/terms/current', { signal }),
    staleTime: 5 * 60_000,
  });
}
