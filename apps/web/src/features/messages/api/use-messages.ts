import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ConversationDetail,
  ConversationSummary,
  NewConversation,
} from '@affilia/shared/schemas/messages';
import { api } from '../../../lib/api';
import { postMultipart } from '../../../lib/upload';

export const CONVERSATIONS_KEY = ['conversations'] as const;

/** `GET /api/conversations`: the conversations of the user's companies. */
export function useConversations() {
  return useQuery({
    queryKey: CONVERSATIONS_KEY,
    queryFn: ({ signal }) =>
      api.get<{ items: ConversationSummary[] }>('/api/conversations', { signal }),
  });
}

const UNREAD_KEY = [...CONVERSATIONS_KEY, 'unread-count'] as const;
const UNREAD_POLL_MS = 60_000;

/** `GET /api/conversations/unread-count`: the envelope's count, polled every minute. */
export function useUnreadConversationCount(enabled = true) {
  return useQuery({
    queryKey: UNREAD_KEY,
    queryFn: ({ signal }) =>
      api.get<{ count: number }>('/api/conversations/unread-count', { signal }),
    select: (data) => data.count,
    refetchInterval: UNREAD_POLL_MS,
    enabled,
  });
}

/** `GET /api/conversations/:id`: the conversation (no side effect). */
export function useConversation(id: string) {
  return useQuery({
    queryKey: [...CONVERSATIONS_KEY, id],
    queryFn: ({ signal }) =>
      api.get<ConversationDetail>(`/api/conversations/${encodeURIComponent(id)}`, { signal }),
  });
}

/**
 * `POST /api/conversations/:id/read`, once the thread is shown: the insurer's replies and their
 * notifications are read, so the list's badge, the envelope and the bell are brought up to date.
 */
export function useMarkConversationRead(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>(`/api/conversations/${encodeURIComponent(id)}/read`),
    onSuccess: () => {
      const unread = (c: ConversationSummary) => (c.id === id ? { ...c, unread: 0 } : c);
      queryClient.setQueryData<ConversationDetail>([...CONVERSATIONS_KEY, id], (detail) =>
        detail ? { ...detail, unread: 0 } : detail,
      );
      queryClient.setQueryData<{ items: ConversationSummary[] }>(CONVERSATIONS_KEY, (list) =>
        list ? { items: list.items.map(unread) } : list,
      );
      void queryClient.invalidateQueries({ queryKey: ['notifications'] });
      return queryClient.invalidateQueries({ queryKey: UNREAD_KEY });
    },
  });
}

export function useCreateConversation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { values: NewConversation; files: File[] }) =>
      postMultipart<ConversationSummary>('/api/conversations', { ...input.values }, input.files, {
        fileField: 'files',
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: CONVERSATIONS_KEY }),
  });
}

export function useSendFollowUp(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { text: string; files: File[] }) =>
      postMultipart<ConversationDetail>(
        `/api/conversations/${encodeURIComponent(id)}/messages`,
        { text: input.text },
        input.files,
        { fileField: 'files' },
      ),
    onSuccess: (detail) => {
      queryClient.setQueryData([...CONVERSATIONS_KEY, id], detail);
      return queryClient.invalidateQueries({ queryKey: CONVERSATIONS_KEY, exact: true });
    },
  });
}

export const attachmentUrl = (conversationId: string, fileId: string) =>
  `/api/conversations/${encodeURIComponent(conversationId)}/attachments/${encodeURIComponent(fileId)}`;
