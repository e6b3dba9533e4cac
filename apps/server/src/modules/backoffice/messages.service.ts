/**
 * The insurer's inbox (SPEC §6, §5.7): conversations to answer, filtered by category, company,
 * status and age; assign to a staff member, reply (→ « répondu », the employer notified), close.
 */
import { MESSAGE_SUBJECT_LABELS } from '@affilia/shared/schemas/messages';
import type {
  ConversationStatus,
  MessageCategory,
  MessageSubject,
} from '@affilia/shared/domain/enums';
import { ROLE_PERMISSIONS } from '@affilia/shared/domain/permissions';
import { recordAudit } from '../../lib/audit';
import type { AppContext } from '../../lib/context';
import { badRequest, notFound } from '../../lib/errors';
import type { UploadedFile } from '../messages/attachments';
import { findAttachment, insertMessage, messagesOf } from '../messages/messages.repository';
import { storeFiles } from '../messages/messages.service';
import { notifyUsers } from '../notifications/notify';
import { getBranding } from '../settings/settings.service';
import type { StaffActor } from './backoffice.service';

export interface InboxFilters {
  category?: MessageCategory | undefined;
  companyId?: string | undefined;
  status?: ConversationStatus | undefined;
  /** Only conversations whose last message is at least this many days old. */
  olderThanDays?: number | undefined;
}

function baseQuery(ctx: AppContext) {
  return ctx.db
    .selectFrom('conversations as c')
    .innerJoin('companies as co', 'co.id', 'c.company_id')
    .leftJoin('users as s', 's.id', 'c.assigned_staff_id')
    .select([
      'c.id',
      'c.company_id',
      'co.name as company_name',
      'c.category',
      'c.subject',
      'c.status',
      'c.staff_unread',
      'c.assigned_staff_id',
      's.first_name as staff_first_name',
      's.last_name as staff_last_name',
      'c.last_message_at',
      'c.created_at',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function toItem(r: Row) {
  return {
    id: r.id,
    companyId: r.company_id,
    companyName: r.company_name,
    category: r.category as MessageCategory,
    subject: r.subject as MessageSubject,
    status: r.status,
    unread: Number(r.staff_unread),
    assignedStaff: r.assigned_staff_id
      ? {
          id: r.assigned_staff_id,
          name: `${r.staff_first_name ?? ''} ${r.staff_last_name ?? ''}`.trim(),
        }
      : null,
    lastMessageAt: new Date(r.last_message_at).toISOString(),
    createdAt: new Date(r.created_at).toISOString(),
  };
}
export type InboxItem = ReturnType<typeof toItem>;

export async function listInbox(ctx: AppContext, filters: InboxFilters): Promise<InboxItem[]> {
  let q = baseQuery(ctx);
  if (filters.category) q = q.where('c.category', '=', filters.category);
  if (filters.companyId) q = q.where('c.company_id', '=', filters.companyId);
  if (filters.status) q = q.where('c.status', '=', filters.status);
  if (filters.olderThanDays !== undefined) {
    const before = new Date(ctx.clock.now().getTime() - filters.olderThanDays * 86_400_000);
    q = q.where('c.last_message_at', '<=', before.toISOString());
  }
  const rows = await q.orderBy('c.last_message_at', 'asc').orderBy('c.id').limit(500).execute();
  return rows.map(toItem);
}

async function rowOf(ctx: AppContext, id: string) {
  const row = await baseQuery(ctx).where('c.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Conversation introuvable.');
  return row;
}

/** A conversation and its messages. Reading has no side effect: see `markInboxConversationRead`. */
export async function getInboxConversation(ctx: AppContext, id: string) {
  const row = await rowOf(ctx, id);
  return { ...toItem(row), messages: await messagesOf(ctx.db, id) };
}

/** The thread was shown to a staff member (POST, called by the back office): read. */
export async function markInboxConversationRead(ctx: AppContext, id: string): Promise<void> {
  const row = await rowOf(ctx, id);
  if (Number(row.staff_unread) > 0) {
    await ctx.db
      .updateTable('conversations')
      .set({ staff_unread: 0 })
      .where('id', '=', id)
      .execute();
  }
}

/**
 * Assigns the conversation to a staff member (by default the caller): an active staff account,
 * else 400 `staff_not_assignable`. « Envoyé » becomes « en cours ».
 */
export async function assignConversation(
  ctx: AppContext,
  actor: StaffActor,
  id: string,
  staffId: string = actor.userId,
) {
  const row = await rowOf(ctx, id);
  const staff = await ctx.db
    .selectFrom('users')
    .select('id')
    .where('id', '=', staffId)
    .where('kind', '=', 'staff')
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (!staff) {
    throw badRequest(
      'staff_not_assignable',
      'Choisissez un membre actif de l’équipe de l’assureur.',
      { staffId: 'Ce compte n’est pas un membre actif de l’équipe' },
    );
  }
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('conversations')
      .set({
        assigned_staff_id: staffId,
        status: row.status === 'sent' ? 'in_progress' : (row.status as ConversationStatus),
        updated_at: now.toISOString(),
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, now, {
      action: 'conversation.assigned',
      actorUserId: actor.userId,
      actorKind: 'staff',
      companyId: row.company_id,
      targetType: 'conversation',
      targetId: id,
      ip: actor.meta.ip,
      userAgent: actor.meta.userAgent,
      details: { staffId },
    });
  });
  return getInboxConversation(ctx, id);
}

export async function replyToConversation(
  ctx: AppContext,
  actor: StaffActor,
  id: string,
  text: string,
  files: UploadedFile[],
) {
  const row = await rowOf(ctx, id);
  const branding = await getBranding(ctx);
  const roles = Object.entries(ROLE_PERMISSIONS)
    .filter(([, permissions]) => permissions.includes('messages.manage'))
    .map(([role]) => role as 'admin' | 'user');
  const recipients = await ctx.db
    .selectFrom('user_company_roles as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select('u.id')
    .where('r.company_id', '=', row.company_id)
    .where('r.role', 'in', roles)
    .where('u.kind', '=', 'employer')
    .execute();
  const stored = await storeFiles(ctx, files);
  const now = ctx.clock.now();
  const at = now.toISOString();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await insertMessage(trx, {
        conversationId: id,
        authorUserId: actor.userId,
        authorKind: 'staff',
        text,
        files: stored.saved,
        now: at,
      });
      await trx
        .updateTable('conversations')
        .set((eb) => ({
          status: 'answered',
          employer_unread: eb('employer_unread', '+', 1),
          staff_unread: 0,
          assigned_staff_id: row.assigned_staff_id ?? actor.userId,
          last_message_at: at,
          updated_at: at,
          closed_at: null,
        }))
        .where('id', '=', id)
        .execute();
      await notifyUsers(trx, {
        userIds: recipients.map((r) => r.id),
        type: 'insurer_replied',
        title: 'Réponse de l’assureur à votre message',
        body: `« ${MESSAGE_SUBJECT_LABELS[row.subject as MessageSubject]} » (${row.company_name})`,
        link: `/messages/${id}`,
        companyId: row.company_id,
        branding,
        publicUrl: ctx.config.publicUrl,
        now,
      });
      await recordAudit(trx, now, {
        action: 'conversation.replied',
        actorUserId: actor.userId,
        actorKind: 'staff',
        companyId: row.company_id,
        targetType: 'conversation',
        targetId: id,
        ip: actor.meta.ip,
        userAgent: actor.meta.userAgent,
        details: { attachments: files.length },
      });
    });
  } catch (err) {
    await stored.rollback();
    throw err;
  }
  return getInboxConversation(ctx, id);
}

export async function closeConversation(ctx: AppContext, actor: StaffActor, id: string) {
  const row = await rowOf(ctx, id);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('conversations')
      .set({ status: 'closed', closed_at: now.toISOString(), updated_at: now.toISOString() })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, now, {
      action: 'conversation.closed',
      actorUserId: actor.userId,
      actorKind: 'staff',
      companyId: row.company_id,
      targetType: 'conversation',
      targetId: id,
      ip: actor.meta.ip,
      userAgent: actor.meta.userAgent,
    });
  });
  return getInboxConversation(ctx, id);
}

/** An attachment of a conversation, for download (404 when the file is not one of its). */
export async function getInboxAttachment(ctx: AppContext, conversationId: string, fileId: string) {
  const file = await findAttachment(ctx.db, conversationId, fileId);
  if (!file) throw notFound('Pièce jointe introuvable.');
  return {
    bytes: await ctx.storage.read(file.storage_key),
    fileName: file.original_name,
    mimeType: file.mime_type,
  };
}
