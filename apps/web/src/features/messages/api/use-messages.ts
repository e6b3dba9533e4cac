import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ConversationDetail,
  ConversationSummary,
  NewConversation,
} from '@affilia/shared/schemas/messages';
import { ApiError, api, toApiError } from '../../../lib/api';

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

/** A multipart POST (text fields, then the files in `files`), with the API's error shape. */
export async function postForm<T>(
  path: string,
  fields: Record<string, string>,
  files: File[],
): Promise<T> {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  for (const file of files) body.append('files', file, file.name);
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      body,
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'X-Requested-With': 'affilia' },
    });
  } catch {
    throw new ApiError({
      status: 0,
      code: 'NETWORK_ERROR',
      message: 'Le serveur est injoignable : vérifiez votre connexion puis réessayez.',
    });
  }
  const text = await response.text();
  let data: unknown = undefined;
  try {
    data = text === '' ? undefined : JSON.parse(text);
  } catch {
    data = undefined;
  }
  if (!response.ok) throw toApiError(response.status, data);
  return data as T;
}

export function useCreateConversation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { values: NewConversation; files: File[] }) =>
      postForm<ConversationSummary>('/api/conversations', { ...input.values }, input.files),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: CONVERSATIONS_KEY }),
  });
}

export function useSendFollowUp(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { text: string; files: File[] }) =>
      postForm<ConversationDetail>(
        `/api/conversations/${encodeURIComponent(id)}/messages`,
        { text: input.text },
        input.files,
      ),
    onSuccess: (detail) => {
      queryClient.setQueryData([...CONVERSATIONS_KEY, id], detail);
      return queryClient.invalidateQueries({ queryKey: CONVERSATIONS_KEY, exact: true });
    },
  });
}

export const attachmentUrl = (conversationId: string, fileId: string) =>
  `/api/conversations/${encodeURIComponent(conversationId)}/attachments/${encodeURIComponent(fileId)}`;
