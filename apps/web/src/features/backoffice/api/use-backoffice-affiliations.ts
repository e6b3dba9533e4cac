import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { AffiliationMode, AffiliationStatus } from '@affilia/shared/domain/enums';
import type {
  BackofficeAffiliation,
  BackofficeQueue,
  BackofficeValidatedSchema,
} from '@affilia/shared/schemas/enrolment';
import { api } from '../../../lib/api';

export type { BackofficeAffiliation, BackofficeQueue };
export type BackofficeQueueItem = BackofficeQueue['items'][number];
export type BackofficeValidated = z.infer<typeof BackofficeValidatedSchema>;

const BASE = '/api/backoffice/affiliations';
const KEY = ['backoffice', 'affiliations'] as const;

/** One tab of the queue: the statuses (and mode) it lists. */
export interface QueueFilter {
  statuses: readonly AffiliationStatus[];
  mode?: AffiliationMode;
}

/** `GET /api/backoffice/affiliations?status=&mode=`, one call per status, newest first. */
export function useBackofficeQueue(filter: QueueFilter) {
  return useQuery({
    queryKey: [...KEY, 'queue', filter.statuses.join(','), filter.mode ?? ''],
    queryFn: async ({ signal }) => {
      const lists = await Promise.all(
        filter.statuses.map((status) => {
          const params = new URLSearchParams({ status });
          if (filter.mode) params.set('mode', filter.mode);
          return api.get<BackofficeQueue>(`${BASE}?${params.toString()}`, { signal });
        }),
      );
      const items = lists
        .flatMap((list) => list.items)
        .sort((a, b) => b.statusChangedAt.localeCompare(a.statusChangedAt));
      return { items, truncated: lists.some((list) => list.truncated) };
    },
    placeholderData: keepPreviousData,
  });
}

export const affiliationPath = (id: string) => `${BASE}/${encodeURIComponent(id)}`;

/** `GET /api/backoffice/affiliations/:id`. */
export function useBackofficeAffiliation(id: string) {
  return useQuery({
    queryKey: [...KEY, 'detail', id],
    queryFn: ({ signal }) => api.get<BackofficeAffiliation>(affiliationPath(id), { signal }),
    retry: false,
  });
}

function useRefresh(id: string) {
  const queryClient = useQueryClient();
  return (detail?: BackofficeAffiliation) => {
    if (detail) queryClient.setQueryData([...KEY, 'detail', id], detail);
    return queryClient.invalidateQueries({ queryKey: KEY });
  };
}

/** `POST …/:id/paper-received` — « Marquer le bulletin papier comme reçu ». */
export function useMarkPaperReceived(id: string) {
  const refresh = useRefresh(id);
  return useMutation({
    mutationFn: () => api.post<BackofficeAffiliation>(`${affiliationPath(id)}/paper-received`),
    onSuccess: (detail) => refresh(detail),
  });
}

/** `POST …/:id/validate` — « Valider l'affiliation ». */
export function useValidateAffiliation(id: string) {
  const refresh = useRefresh(id);
  return useMutation({
    mutationFn: () => api.post<BackofficeValidated>(`${affiliationPath(id)}/validate`),
    onSuccess: () => refresh(),
  });
}

/** `POST …/:id/return {reason}` — « Retourner au salarié ». */
export function useReturnAffiliation(id: string) {
  const refresh = useRefresh(id);
  return useMutation({
    mutationFn: (reason: string) =>
      api.post<BackofficeAffiliation>(`${affiliationPath(id)}/return`, { reason }),
    onSuccess: (detail) => refresh(detail),
  });
}
