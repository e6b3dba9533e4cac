import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  BackofficeDispense,
  BackofficeDispenseQueue,
} from '@affilia/shared/schemas/dispenses';
import { api } from '../../../lib/api';
import type { DispenseQueueStatus } from '../dispenses-queue-search';

export type { BackofficeDispense, BackofficeDispenseQueue };
export type BackofficeDispenseItem = BackofficeDispenseQueue['items'][number];

const BASE = '/api/backoffice/dispenses';
export const DISPENSES_QUERY_KEY = ['backoffice', 'dispenses'] as const;
const KEY = DISPENSES_QUERY_KEY;

/** `GET /api/backoffice/dispenses?status=` — one tab of the queue (500 at most). */
export function useBackofficeDispenses(status: DispenseQueueStatus) {
  return useQuery({
    queryKey: [...KEY, 'queue', status],
    queryFn: ({ signal }) =>
      api.get<BackofficeDispenseQueue>(`${BASE}?status=${status}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

export const dispensePath = (id: string) => `${BASE}/${encodeURIComponent(id)}`;

/** A proof, the signed request or the request's PDF, as the back office downloads it. */
export const dispenseFilePath = (id: string, fileId: string) =>
  `${dispensePath(id)}/files/${encodeURIComponent(fileId)}`;

/** `GET /api/backoffice/dispenses/:id`. */
export function useBackofficeDispense(id: string) {
  return useQuery({
    queryKey: [...KEY, 'detail', id],
    queryFn: ({ signal }) => api.get<BackofficeDispense>(dispensePath(id), { signal }),
    retry: false,
  });
}

/** One decision of the detail page: its answer is the dispense as it now stands. */
function useDispenseAction<Input>(
  id: string,
  action: (input: Input) => Promise<BackofficeDispense>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: action,
    onSuccess: (detail) => {
      queryClient.setQueryData([...KEY, 'detail', id], detail);
      return queryClient.invalidateQueries({ queryKey: KEY });
    },
  });
}

/** `POST …/:id/validate` — « Valider la dispense ». */
export function useValidateDispense(id: string) {
  return useDispenseAction(id, () => api.post<BackofficeDispense>(`${dispensePath(id)}/validate`));
}

/** `POST …/:id/refuse {reason}` — « Refuser ». */
export function useRefuseDispense(id: string) {
  return useDispenseAction(id, (reason: string) =>
    api.post<BackofficeDispense>(`${dispensePath(id)}/refuse`, { reason }),
  );
}
