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
import type { RequestPage, RequestRow } from '@affilia/shared/schemas/radiations';
import { api } from '../../../lib/api';
import type { AffiliationsSearch } from '../affiliations-search';
import { affiliationsQueryString } from '../affiliations-search';

/* « Pré-affiliation » and « Suivi des demandes d'affiliation » (SPEC §5.3, §5.4): /api/affiliations. */

export type { AffiliationDetail, AffiliationOptions, AffiliationPage, AffiliationRow };
export type { RequestPage, RequestRow };
/** An affiliation row of « Suivi des demandes ». */
export type AffiliationRequestRow = Extract<RequestRow, { type: 'affiliation' }>;
/** A radiation row of « Suivi des demandes ». */
export type RadiationRequestRow = Extract<RequestRow, { type: 'radiation' }>;
/** A change of a member in « Suivi des demandes » (issue 20): its kind is its type. */
export type MemberChangeRequestRow = Exclude<RequestRow, { type: 'affiliation' | 'radiation' }>;
export const isMemberChangeRow = (row: RequestRow): row is MemberChangeRequestRow =>
  row.type !== 'affiliation' && row.type !== 'radiation';
export type AffiliationReminderResult = z.infer<typeof AffiliationReminderResultSchema>;

const AFFILIATIONS_KEY = ['affiliations'] as const;
/** « Suivi des demandes »: every request (the radiations' mutations refresh it too). */
const REQUESTS_KEY = ['requests'] as const;

function affiliationPath(id: string, action?: string): string {
  const base = `/api/affiliations/${encodeURIComponent(id)}`;
  return action ? `${base}/${action}` : base;
}

/** The address of the pre-filled BIA (PDF) of a request. */
export function biaPdfUrl(id: string): string {
  return affiliationPath(id, 'bia.pdf');
}

/**
 * `GET /api/requests?…`: one page of « Suivi des demandes », affiliations and radiations; the
 * previous page stays on screen meanwhile.
 */
export function useRequests(search: AffiliationsSearch) {
  const query = affiliationsQueryString(search);
  return useQuery({
    queryKey: [...REQUESTS_KEY, 'list', query],
    queryFn: ({ signal }) => api.get<RequestPage>(`/api/requests?${query}`, { signal }),
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
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: [...AFFILIATIONS_KEY, 'list'] }),
        client.invalidateQueries({ queryKey: [...REQUESTS_KEY, 'list'] }),
      ]),
  });
}

/** `POST /api/affiliations/:id/cancel`: the request is abandoned, the employee's link dies. */
export function useCancelAffiliation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<AffiliationDetail>(affiliationPath(id, 'cancel')),
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: AFFILIATIONS_KEY }),
        client.invalidateQueries({ queryKey: REQUESTS_KEY }),
      ]),
  });
}
