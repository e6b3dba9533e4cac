import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MemberChangeView } from '@affilia/shared/schemas/member-changes';
import { api } from '../../../lib/api';
import type { MemberChangeQueueStatus } from '../member-changes-queue-search';

export type { MemberChangeView };

const BASE = '/api/backoffice/member-changes';
const KEY = ['backoffice', 'member-changes'] as const;
const changePath = (id: string) => `${BASE}/${encodeURIComponent(id)}`;

/** `GET /api/backoffice/member-changes?status=` — the queue, oldest first. */
export function useBackofficeMemberChanges(status: MemberChangeQueueStatus) {
  return useQuery({
    queryKey: [...KEY, 'list', status],
    queryFn: ({ signal }) =>
      api.get<{ items: MemberChangeView[] }>(`${BASE}?status=${status}`, { signal }),
  });
}

/** `GET /api/backoffice/member-changes/:id`. */
export function useBackofficeMemberChange(id: string) {
  return useQuery({
    queryKey: [...KEY, 'detail', id],
    queryFn: ({ signal }) => api.get<MemberChangeView>(changePath(id), { signal }),
    retry: false,
  });
}

/** A proof of the change, downloaded. */
export const memberChangeFilePath = (id: string, fileId: string) =>
  `${changePath(id)}/files/${encodeURIComponent(fileId)}`;

/** A decision (204): the change and the queue are read again. */
function useDecision<Input>(id: string, action: (input: Input) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: action,
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
}

/** `POST …/:id/validate` — « Valider »: the change is applied to the member. */
export function useValidateMemberChange(id: string) {
  return useDecision(id, () => api.post<undefined>(`${changePath(id)}/validate`));
}

/** `POST …/:id/return {reason}` — « Retourner à l’employeur ». */
export function useReturnMemberChange(id: string) {
  return useDecision(id, (reason: string) =>
    api.post<undefined>(`${changePath(id)}/return`, { reason }),
  );
}
