import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  notificationListQuerySchema,
  notificationListSchema,
  notificationPreferencesSchema,
  notificationSchema,
  unreadCountSchema,
} from '@affilia/shared/domain/notifications';
import {
  getPreferences,
  listNotifications,
  markAllRead,
  markNotificationRead,
  unreadCount,
  updatePreferences,
} from './notifications.service';

const tags = ['notifications'];

/** The bell (SPEC §5.8): the signed-in user's own notifications and their email preferences. */
export const notificationsRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get(
    '',
    {
      schema: {
        tags,
        summary: 'My notifications, newest first (paged; ?unread=true for the unread only)',
        querystring: notificationListQuerySchema,
        response: { 200: notificationListSchema },
      },
    },
    async (request) => listNotifications(ctx, request.account.user.id, request.query),
  );

  app.get(
    '/unread-count',
    {
      schema: {
        tags,
        summary: 'How many of my notifications are unread',
        response: { 200: unreadCountSchema },
      },
    },
    async (request) => unreadCount(ctx, request.account.user.id),
  );

  app.post(
    '/:id/read',
    {
      schema: {
        tags,
        summary: 'Mark one of my notifications read',
        params: z.object({ id: z.string().min(1).max(64) }),
        response: { 200: notificationSchema },
      },
    },
    async (request) => markNotificationRead(ctx, request.account.user.id, request.params.id),
  );

  app.post(
    '/read-all',
    {
      schema: {
        tags,
        summary: 'Mark all my notifications read',
        response: { 200: z.object({ updated: z.number().int() }) },
      },
    },
    async (request) => markAllRead(ctx, request.account.user.id),
  );

  app.get(
    '/preferences',
    {
      schema: {
        tags,
        summary: 'Which notification types also come by email',
        response: { 200: notificationPreferencesSchema },
      },
    },
    async (request) => getPreferences(ctx, request.account.user.id),
  );

  app.put(
    '/preferences',
    {
      schema: {
        tags,
        summary: 'Choose which notification types also come by email',
        body: notificationPreferencesSchema,
        response: { 200: notificationPreferencesSchema },
      },
    },
    async (request) => updatePreferences(ctx, request.account.user.id, request.body),
  );
};
