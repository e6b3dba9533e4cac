import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MemberLinkSendInput, MemberLinkView } from '@affilia/shared/schemas/member-links';
import { api } from '../../../lib/api';

/*
 * The employee's beneficiaries link (issue 20), employer side: « Envoyer un lien au salarié »
 * on the member's page, the link's state, resend and revoke.
 */

export type { MemberLinkView };

const linkKey = (memberId: string) => ['members', 'employee-link', memberId] as const;
const linkPath = (memberId: string) => `/api/members/${encodeURIComponent(memberId)}/employee-link`;

/** `GET /api/members/:memberId/employee-link`: the latest link sent, if any. */
export function useMemberLink(memberId: string, enabled: boolean) {
  return useQuery({
    queryKey: linkKey(memberId),
    queryFn: ({ signal }) =>
      api.get<{ link: MemberLinkView | null }>(linkPath(memberId), { signal }),
    enabled,
  });
}

/** `POST …/employee-link {email}`: a new link emailed, the previous one revoked. */
export function useSendMemberLink(memberId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: MemberLinkSendInput) => api.post<MemberLinkView>(linkPath(memberId), input),
    onSuccess: (link) => client.setQueryData(linkKey(memberId), { link }),
  });
}

/** `DELETE …/employee-link`: the live link dies. */
export function useRevokeMemberLink(memberId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete<undefined>(linkPath(memberId)),
    onSettled: () => client.invalidateQueries({ queryKey: linkKey(memberId) }),
  });
}
