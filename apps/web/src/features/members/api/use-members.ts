import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  MemberDetail,
  MemberFilterOptions,
  MemberPage,
  MemberRow,
} from '@affilia/shared/schemas/members';
import { api } from '../../../lib/api';
import type { MembersSearch } from '../members-search';
import { membersQueryString } from '../members-search';

/* « Mes salariés » (SPEC §5.2): the /api/members routes, within the user's perimeter. */

export type { MemberDetail, MemberFilterOptions, MemberPage, MemberRow };

const MEMBERS_KEY = ['members'] as const;

/** `GET /api/members?…`: one page of the list; the previous page stays on screen meanwhile. */
export function useMembers(search: MembersSearch) {
  const query = membersQueryString(search);
  return useQuery({
    queryKey: [...MEMBERS_KEY, 'list', query],
    queryFn: ({ signal }) => api.get<MemberPage>(`/api/members?${query}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** `GET /api/members/filters`: the companies, establishments and contracts of the filters. */
export function useMemberFilterOptions() {
  return useQuery({
    queryKey: [...MEMBERS_KEY, 'filters'],
    queryFn: ({ signal }) => api.get<MemberFilterOptions>('/api/members/filters', { signal }),
    staleTime: 5 * 60_000,
  });
}

/** `GET /api/members/:memberId`: one member, or a 404 outside the perimeter. */
export function useMember(memberId: string) {
  return useQuery({
    queryKey: [...MEMBERS_KEY, 'detail', memberId],
    queryFn: ({ signal }) =>
      api.get<MemberDetail>(`/api/members/${encodeURIComponent(memberId)}`, { signal }),
  });
}
