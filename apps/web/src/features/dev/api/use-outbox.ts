import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';

/** One email or SMS recorded by the server's development outbox. */
export interface OutboxMessage {
  id: string;
  channel: 'email' | 'sms';
  to: string;
  subject: string | null;
  text: string;
  createdAt: string;
}

export const OUTBOX_REFRESH_MS = 3000;

/** Newest first, whatever order the server answers in. */
export function sortNewestFirst(messages: OutboxMessage[]): OutboxMessage[] {
  return [...messages].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
}

/** `GET /api/dev/outbox`, refreshed every 3 seconds. */
export function useOutbox() {
  return useQuery({
    queryKey: ['dev', 'outbox'],
    queryFn: async ({ signal }) => {
      const data = await api.get<{ messages: OutboxMessage[] }>('/api/dev/outbox', { signal });
      return sortNewestFirst(data.messages);
    },
    refetchInterval: OUTBOX_REFRESH_MS,
    refetchIntervalInBackground: false,
    staleTime: 0,
    retry: false,
  });
}
