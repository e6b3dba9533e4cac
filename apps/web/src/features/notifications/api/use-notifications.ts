import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  NotificationItem,
  NotificationList,
  NotificationPreferences,
} from '@affilia/shared/domain/notifications';
import { api } from '../../../lib/api';

export type { NotificationItem, NotificationList, NotificationPreferences };

/** The bell's count is polled every minute (SPEC §5.8). */
export const UNREAD_POLL_MS = 60_000;

const keys = {
  all: ['notifications'] as const,
  list: (page: number, unreadOnly: boolean) => ['notifications', 'list', page, unreadOnly] as const,
  unread: ['notifications', 'unread-count'] as const,
  preferences: ['notifications', 'preferences'] as const,
};

/** `GET /api/notifications/unread-count`, polled every 60 s while the page is open. */
export function useUnreadNotificationCount(enabled = true) {
  return useQuery({
    queryKey: keys.unread,
    queryFn: ({ signal }) =>
      api.get<{ count: number }>('/api/notifications/unread-count', { signal }),
    select: (data) => data.count,
    refetchInterval: UNREAD_POLL_MS,
    enabled,
  });
}

/** `GET /api/notifications`: mine, newest first, paged. */
export function useNotifications(page: number, unreadOnly: boolean, pageSize = 20) {
  const query = new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
  if (unreadOnly) query.set('unread', 'true');
  return useQuery({
    queryKey: keys.list(page, unreadOnly),
    queryFn: ({ signal }) =>
      api.get<NotificationList>(`/api/notifications?${query.toString()}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useMarkNotificationRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<NotificationItem>(`/api/notifications/${id}/read`),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useMarkAllNotificationsRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ updated: number }>('/api/notifications/read-all'),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useNotificationPreferences() {
  return useQuery({
    queryKey: keys.preferences,
    queryFn: ({ signal }) =>
      api.get<NotificationPreferences>('/api/notifications/preferences', { signal }),
  });
}

export function useSaveNotificationPreferences() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (values: NotificationPreferences) =>
      api.put<NotificationPreferences>('/api/notifications/preferences', values),
    onSuccess: (data) => client.setQueryData(keys.preferences, data),
  });
}
