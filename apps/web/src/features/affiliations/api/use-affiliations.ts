import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AffiliationDetail,
  AffiliationOptions,
  AffiliationPage,
  AffiliationReminderResultSchema,
  AffiliationRow,
  PreAffiliation,
} from '@affilia/shared/schemas/affiliations';
import { api } from '../../../lib/api';
import type { AffiliationsSearch } from '../affiliations-search';
import { affiliationsQueryString } from '../affiliations-search';

/* « Pré-affiliation » and « Suivi des demandes d'affiliation » (SPEC §5.3, §5.4): /api/affiliations. */

export type { AffiliationDetail, AffiliationOptions, AffiliationPage, AffiliationRow };
export type AffiliationReminderResult = z.infer<typeof AffiliationReminderResultSchema>;

const AFFILIATIONS_KEY = ['affiliations'] as const;

function affiliationPath(id: string, action?: string): string {
  const base = `/api/affiliations/${encodeURIComponent(id)}`;
  return action ? `${base}/${action}` : base;
}

/** The address of the pre-filled BIA (PDF) of a request. */
export function biaPdfUrl(id: string): string {
  return affiliationPath(id, 'bia.pdf');
}

/** `GET /api/affiliations?…`: one page of the list; the previous page stays on screen meanwhile. */
export function useAffiliations(search: AffiliationsSearch) {
  const query = affiliationsQueryString(search);
  return useQuery({
    queryKey: [...AFFILIATIONS_KEY, 'list', query],
    queryFn: ({ signal }) => api.get<AffiliationPage>(`/api/affiliations?${query}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** `GET /api/affiliations/options`: the establishments of the perimeter and their contracts. */
export function useAffiliationOptions() {
  return useQuery({
    queryKey: [...AFFILIATIONS_KEY, 'options'],
    queryFn: ({ signal }) => api.get<AffiliationOptions>('/api/affiliations/options', { signal }),
    staleTime: 5 * 60_000,
  });
}

/** `POST /api/affiliations`: the request is created (and emailed in mode Email). */
export function useCreateAffiliation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (payload: PreAffiliation) =>
      api.post<AffiliationDetail>('/api/affiliations', payload),
    onSuccess: () => client.invalidateQueries({ queryKey: [...AFFILIATIONS_KEY, 'list'] }),
  });
}

/** `POST /api/affiliations/:id/reminder`. */
export function useSendReminder() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api.post<AffiliationReminderResult>(affiliationPath(id, 'reminder')),
    onSettled: () => client.invalidateQueries({ queryKey: [...AFFILIATIONS_KEY, 'list'] }),
  });
}

/** `POST /api/affiliations/:id/cancel`: the request is abandoned, the employee's link dies. */
export function useCancelAffiliation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<AffiliationDetail>(affiliationPath(id, 'cancel')),
    onSettled: () => client.invalidateQueries({ queryKey: AFFILIATIONS_KEY }),
  });
}
