import {
  NOTIFICATION_TYPES,
  type NotificationItem,
  type NotificationList,
  type NotificationListQuery,
  type NotificationPreferences,
  type NotificationType,
} from '@affilia/shared/domain/notifications';
import type { Selectable } from 'kysely';
import type { NotificationsTable } from '../../db/schema';
import type { AppContext } from '../../lib/context';
import { notFound } from '../../lib/errors';
import * as repo from './notifications.repository';

/** The signed-in user's own notifications (SPEC §5.8): another user's answers 404. */

function toItem(row: Selectable<NotificationsTable>): NotificationItem {
  return {
    id: row.id,
    type: row.type,
    title: row.title,
    body: row.body,
    link: row.link,
    companyId: row.company_id,
    readAt: row.read_at,
    createdAt: row.created_at,
  };
}

export async function listNotifications(
  ctx: AppContext,
  userId: string,
  query: NotificationListQuery,
): Promise<NotificationList> {
  const { rows, total } = await repo.listForUser(ctx.db, userId, {
    unreadOnly: query.unread === 'true',
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return { items: rows.map(toItem), total, page: query.page, pageSize: query.pageSize };
}

export async function unreadCount(ctx: AppContext, userId: string) {
  return { count: await repo.countUnread(ctx.db, userId) };
}

export async function markNotificationRead(
  ctx: AppContext,
  userId: string,
  id: string,
): Promise<NotificationItem> {
  const own = await repo.findOwn(ctx.db, userId, id);
  if (!own) throw notFound('Notification introuvable.');
  if (!own.read_at) await repo.markRead(ctx.db, userId, id, ctx.clock.now().toISOString());
  return toItem((await repo.findOwn(ctx.db, userId, id)) ?? own);
}

export async function markAllRead(ctx: AppContext, userId: string) {
  const updated = await repo.markRead(ctx.db, userId, null, ctx.clock.now().toISOString());
  return { updated };
}

export async function getPreferences(
  ctx: AppContext,
  userId: string,
): Promise<NotificationPreferences> {
  const rows = await repo.preferencesOf(ctx.db, userId);
  const email = Object.fromEntries(NOTIFICATION_TYPES.map((t) => [t, true])) as Record<
    NotificationType,
    boolean
  >;
  for (const row of rows) {
    if ((NOTIFICATION_TYPES as readonly string[]).includes(row.type)) {
      email[row.type as NotificationType] = Number(row.email) === 1;
    }
  }
  return { email };
}

export async function updatePreferences(
  ctx: AppContext,
  userId: string,
  input: NotificationPreferences,
): Promise<NotificationPreferences> {
  const at = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute((trx) =>
    repo.replacePreferences(
      trx,
      userId,
      NOTIFICATION_TYPES.map((type) => ({ type, email: input.email[type] ? 1 : 0 })),
      at,
    ),
  );
  return getPreferences(ctx, userId);
}
