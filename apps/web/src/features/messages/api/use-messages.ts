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

/**
 * `GET /api/conversations/:id`: marks the insurer's replies and their notifications read, so the
 * list's badge and the bell are brought up to date at once.
 */
export function useConversation(id: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: [...CONVERSATIONS_KEY, id],
    queryFn: async ({ signal }) => {
      const detail = await api.get<ConversationDetail>(
        `/api/conversations/${encodeURIComponent(id)}`,
        { signal },
      );
      queryClient.setQueryData<{ items: ConversationSummary[] }>(CONVERSATIONS_KEY, (list) =>
        list
          ? {
              items: list.items.map((c) =>
                c.id === id ? { ...c, unread: 0, status: detail.status } : c,
              ),
            }
          : list,
      );
      void queryClient.invalidateQueries({ queryKey: ['notifications'] });
      void queryClient.invalidateQueries({ queryKey: UNREAD_KEY });
      return detail;
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
