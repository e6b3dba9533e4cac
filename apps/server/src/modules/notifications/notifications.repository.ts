import type { Insertable, Kysely } from 'kysely';
import type { NotificationType } from '@affilia/shared/domain/notifications';
import type { Database, NotificationsTable } from '../../db/schema';

type Db = Kysely<Database>;

export async function listForUser(
  db: Db,
  userId: string,
  opts: { unreadOnly: boolean; limit: number; offset: number },
) {
  let q = db.selectFrom('notifications').where('user_id', '=', userId);
  if (opts.unreadOnly) q = q.where('read_at', 'is', null);
  const [rows, total] = await Promise.all([
    q
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(opts.limit)
      .offset(opts.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function countUnread(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findOwn(db: Db, userId: string, id: string) {
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function markRead(db: Db, userId: string, id: string | null, at: string) {
  let q = db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (id) q = q.where('id', '=', id);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export function preferencesOf(db: Db, userId: string) {
  return db
    .selectFrom('notification_preferences')
    .select(['type', 'email'])
    .where('user_id', '=', userId)
    .execute();
}

/** The user's email choices replaced by these, one row per type (in the caller's transaction). */
export async function replacePreferences(
  trx: Db,
  userId: string,
  rows: { type: NotificationType; email: 0 | 1 }[],
  at: string,
): Promise<void> {
  await trx.deleteFrom('notification_preferences').where('user_id', '=', userId).execute();
  await trx
    .insertInto('notification_preferences')
    .values(rows.map((r) => ({ user_id: userId, ...r, updated_at: at })))
    .execute();
}

/** These users with whether they want `type` by email (null: never chose, so yes). */
export function findRecipients(trx: Db, userIds: string[], type: NotificationType) {
  return trx
    .selectFrom('users')
    .leftJoin('notification_preferences as p', (join) =>
      join.onRef('p.user_id', '=', 'users.id').on('p.type', '=', type),
    )
    .select(['users.id', 'users.email', 'users.first_name', 'users.status', 'p.email as wants'])
    .where('users.id', 'in', userIds)
    .orderBy('users.id')
    .execute();
}

export async function insertNotification(
  trx: Db,
  row: Insertable<NotificationsTable>,
): Promise<void> {
  await trx.insertInto('notifications').values(row).execute();
}
