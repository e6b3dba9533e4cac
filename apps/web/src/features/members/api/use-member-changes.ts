import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  MemberChangeCreateInput,
  MemberChangeView,
} from '@affilia/shared/schemas/member-changes';
import { api } from '../../../lib/api';
import { postMultipart } from '../../../lib/upload';

/*
 * A member's changes (issue 20), employer side: « Changements déclarés » and « Déclarer un
 * changement » on the member's page, within the user's perimeter.
 */

export type { MemberChangeView };

const memberChangesKey = (memberId: string) => ['members', 'changes', memberId] as const;
const changesPath = (memberId: string) => `/api/members/${encodeURIComponent(memberId)}/changes`;

/** `GET /api/members/:memberId/changes`: latest first. */
export function useMemberChanges(memberId: string) {
  return useQuery({
    queryKey: memberChangesKey(memberId),
    queryFn: ({ signal }) =>
      api.get<{ items: MemberChangeView[] }>(changesPath(memberId), { signal }),
  });
}

/** The member's page and its changes, read again after a change is declared or withdrawn. */
function useInvalidateMember(memberId: string) {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: memberChangesKey(memberId) }),
      client.invalidateQueries({ queryKey: ['members', 'detail', memberId] }),
    ]);
}

/** What the dialog sends: the change, and the proof of a beneficiary added. */
export interface MemberChangeUpload {
  change: MemberChangeCreateInput;
  proof: File | null;
}

/**
 * `POST /api/members/:memberId/changes`: JSON, or multipart with the field `data` (the JSON) and
 * the file `proof` when a beneficiary is added.
 */
export function useDeclareMemberChange(memberId: string) {
  const invalidate = useInvalidateMember(memberId);
  return useMutation({
    mutationFn: ({ change, proof }: MemberChangeUpload) =>
      proof
        ? postMultipart<MemberChangeView>(
            changesPath(memberId),
            { data: JSON.stringify(change) },
            [proof],
            { fileField: 'proof' },
          )
        : api.post<MemberChangeView>(changesPath(memberId), change),
    onSuccess: invalidate,
  });
}

/**
 * `POST /api/member-changes/:id/resend`: a returned change corrected and sent again — the body of
 * a declaration (JSON, or multipart with a new proof).
 */
export function useResendMemberChange(memberId: string, changeId: string) {
  const invalidate = useInvalidateMember(memberId);
  const path = `/api/member-changes/${encodeURIComponent(changeId)}/resend`;
  return useMutation({
    mutationFn: ({ change, proof }: MemberChangeUpload) =>
      proof
        ? postMultipart<MemberChangeView>(path, { data: JSON.stringify(change) }, [proof], {
            fileField: 'proof',
          })
        : api.post<MemberChangeView>(path, change),
    onSuccess: invalidate,
  });
}

/** `POST /api/member-changes/:id/cancel`: a change sent or returned is withdrawn. */
export function useCancelMemberChange(memberId: string) {
  const invalidate = useInvalidateMember(memberId);
  return useMutation({
    mutationFn: (id: string) =>
      api.post<undefined>(`/api/member-changes/${encodeURIComponent(id)}/cancel`),
    onSettled: invalidate,
  });
}
