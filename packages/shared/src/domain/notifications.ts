import { z } from 'zod';
import { NOTIFICATION_TYPE_LABELS, NOTIFICATION_TYPES, type NotificationType } from './enums';

/**
 * The in-app notifications (SPEC §5.8). The codes and their French labels live in ./enums
 * (the `notifications.type` column); this module re-exports them with the API's shapes.
 */
export { NOTIFICATION_TYPE_LABELS, NOTIFICATION_TYPES, type NotificationType };

export const notificationTypeSchema = z.enum(NOTIFICATION_TYPES);

export const notificationSchema = z.object({
  id: z.string(),
  type: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  link: z.string().nullable(),
  companyId: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type NotificationItem = z.infer<typeof notificationSchema>;

export const notificationListQuerySchema = z.object({
  unread: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type NotificationListQuery = z.infer<typeof notificationListQuerySchema>;

export const notificationListSchema = z.object({
  items: z.array(notificationSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type NotificationList = z.infer<typeof notificationListSchema>;

export const unreadCountSchema = z.object({ count: z.number().int() });

/** Which notification types also come by email (default: all of them). */
export const notificationPreferencesSchema = z.object({
  email: z.object(
    Object.fromEntries(NOTIFICATION_TYPES.map((t) => [t, z.boolean()])) as Record<
      NotificationType,
      z.ZodBoolean
    >,
  ),
});
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;
