import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ConversationDetail, ConversationSummary } from '@affilia/shared/schemas/messages';
import type { StaffList } from '@affilia/shared/schemas/staff';
import { api } from '../../../lib/api';
import { postMultipart } from '../../../lib/upload';

export type InboxItem = Omit<ConversationSummary, 'unread'> & {
  unread: number;
  assignedStaff: { id: string; name: string } | null;
};
export type InboxDetail = InboxItem & Pick<ConversationDetail, 'messages'>;
export interface InboxFilters {
  category?: string | undefined;
  companyId?: string | undefined;
  status?: string | undefined;
  olderThanDays?: number | undefined;
}

const KEY = ['backoffice', 'conversations'] as const;
const base = '/api/backoffice/conversations';

export function useInbox(filters: InboxFilters) {
  const params = new URLSearchParams();
  if (filters.category) params.set('category', filters.category);
  if (filters.companyId) params.set('companyId', filters.companyId);
  if (filters.status) params.set('status', filters.status);
  if (filters.olderThanDays !== undefined)
    params.set('olderThanDays', String(filters.olderThanDays));
  const query = params.toString();
  return useQuery({
    queryKey: [...KEY, query],
    queryFn: ({ signal }) =>
      api.get<{ items: InboxItem[] }>(`${base}${query ? `?${query}` : ''}`, { signal }),
  });
}

/** A conversation (no side effect: `useMarkInboxConversationRead` once it is shown). */
export function useInboxConversation(id: string | null) {
  return useQuery({
    queryKey: [...KEY, 'detail', id],
    queryFn: ({ signal }) => api.get<InboxDetail>(`${base}/${encodeURIComponent(id!)}`, { signal }),
    enabled: id !== null,
  });
}

/** `POST …/read` once the thread is shown: read, the inbox lists' badge cleared too. */
export function useMarkInboxConversationRead(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>(`${base}/${encodeURIComponent(id)}/read`),
    onSuccess: () => {
      queryClient.setQueriesData<{ items: InboxItem[] } | InboxDetail>({ queryKey: KEY }, (data) =>
        data && 'items' in data
          ? { items: data.items.map((c) => (c.id === id ? { ...c, unread: 0 } : c)) }
          : data && data.id === id
            ? { ...data, unread: 0 }
            : data,
      );
      // An inbox list asked for before the read was stored may answer after it, with the badge:
      // asked again (the answer on its way is dropped).
      void queryClient.invalidateQueries({
        queryKey: KEY,
        predicate: ({ queryKey }) => queryKey[2] !== 'detail',
      });
    },
  });
}

function useUpdate<T>(id: string, fn: (input: T) => Promise<InboxDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (detail) => {
      queryClient.setQueryData([...KEY, 'detail', id], detail);
      return queryClient.invalidateQueries({ queryKey: KEY });
    },
  });
}

/** Assigns the conversation to a staff member (without one: to the caller). */
export const useAssign = (id: string) =>
  useUpdate(id, (staffId: string | undefined) =>
    api.post<InboxDetail>(`${base}/${encodeURIComponent(id)}/assign`, staffId ? { staffId } : {}),
  );

/** The active staff members, for « Attribuer à » (GET /api/backoffice/staff). */
export function useActiveStaff() {
  return useQuery({
    queryKey: ['backoffice', 'staff', 'active'],
    queryFn: ({ signal }) => api.get<StaffList>('/api/backoffice/staff?status=active', { signal }),
    staleTime: 5 * 60_000,
  });
}
export const useReply = (id: string) =>
  useUpdate(id, (input: { text: string; files: File[] }) =>
    postMultipart<InboxDetail>(
      `${base}/${encodeURIComponent(id)}/reply`,
      { text: input.text },
      input.files,
      { fileField: 'files' },
    ),
  );
export const useClose = (id: string) =>
  useUpdate(id, () => api.post<InboxDetail>(`${base}/${encodeURIComponent(id)}/close`));

export const inboxAttachmentUrl = (id: string, fileId: string) =>
  `${base}/${encodeURIComponent(id)}/attachments/${encodeURIComponent(fileId)}`;
