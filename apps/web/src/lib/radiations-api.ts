import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  RadiationBulkCreate,
  RadiationCreated,
  RadiationCreateInput,
  RadiationDetail,
  RadiationPrefill,
} from '@affilia/shared/schemas/radiations';
import { api } from './api';

/*
 * Departures (« Radier un salarié », issue 18): the employer's /api/radiations routes, used by the
 * member's page, « Mes salariés » (several at once) and the radiation's page of the tracking.
 */

export type { RadiationCreated, RadiationDetail, RadiationPrefill };

export const RADIATIONS_KEY = ['radiations'] as const;

function radiationPath(id: string, action?: string): string {
  const base = `/api/radiations/${encodeURIComponent(id)}`;
  return action ? `${base}/${action}` : base;
}

/** The notice of the end of the group cover (PDF), as the employee receives it. */
export function radiationNoticeUrl(id: string): string {
  return radiationPath(id, 'notice.pdf');
}

/**
 * What a radiation changes: the member, « Mes salariés », the tracking, the home page. Not waited
 * for: the form's own success (closing its dialog) comes first, before the prefill it stands on
 * is read again (and would unmount it).
 */
function useInvalidateAfterRadiation() {
  const client = useQueryClient();
  return () => {
    for (const queryKey of [RADIATIONS_KEY, ['members'], ['requests'], ['dashboard']]) {
      void client.invalidateQueries({ queryKey });
    }
  };
}

/** `GET /api/radiations/prefill?memberId=`: what the « Radier » form starts from. */
export function useRadiationPrefill(memberId: string) {
  return useQuery({
    queryKey: [...RADIATIONS_KEY, 'prefill', memberId],
    queryFn: ({ signal }) =>
      api.get<RadiationPrefill>(
        `/api/radiations/prefill?${new URLSearchParams({ memberId }).toString()}`,
        { signal },
      ),
  });
}

/** `GET /api/radiations/:id`: one radiation of the perimeter, or a 404. */
export function useRadiation(id: string) {
  return useQuery({
    queryKey: [...RADIATIONS_KEY, 'detail', id],
    queryFn: ({ signal }) => api.get<RadiationDetail>(radiationPath(id), { signal }),
  });
}

/** `POST /api/radiations`: one member radiated, from the member's page. */
export function useCreateRadiation() {
  const invalidate = useInvalidateAfterRadiation();
  return useMutation({
    mutationFn: (input: RadiationCreateInput) =>
      api.post<RadiationCreated>('/api/radiations', input),
    onSuccess: invalidate,
  });
}

/** `POST /api/radiations/bulk`: the members selected in « Mes salariés », all or none. */
export function useBulkCreateRadiation() {
  const invalidate = useInvalidateAfterRadiation();
  return useMutation({
    mutationFn: (input: RadiationBulkCreate) =>
      api.post<RadiationCreated>('/api/radiations/bulk', input),
    onSuccess: invalidate,
  });
}

/** `PUT /api/radiations/:id`: a returned radiation corrected and sent again. */
export function useUpdateRadiation(id: string) {
  const invalidate = useInvalidateAfterRadiation();
  return useMutation({
    mutationFn: (input: RadiationCreateInput) => api.put<RadiationDetail>(radiationPath(id), input),
    onSuccess: invalidate,
  });
}

/** `POST /api/radiations/:id/cancel`: a radiation that waits (or was returned) is cancelled. */
export function useCancelRadiation() {
  const invalidate = useInvalidateAfterRadiation();
  return useMutation({
    mutationFn: (id: string) => api.post<RadiationDetail>(radiationPath(id, 'cancel')),
    onSettled: invalidate,
  });
}

/** `POST /api/radiations/:id/new-job`: the former employee found a job, portability ends. */
export function useReportNewJob(id: string) {
  const invalidate = useInvalidateAfterRadiation();
  return useMutation({
    mutationFn: (input: { date: string }) =>
      api.post<RadiationDetail>(radiationPath(id, 'new-job'), input),
    onSuccess: invalidate,
  });
}
