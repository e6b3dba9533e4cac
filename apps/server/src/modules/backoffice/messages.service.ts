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
import type { AuditAction } from '@affilia/shared/domain/audit';
import { ROLE_PERMISSIONS } from '@affilia/shared/domain/permissions';
import type { Db } from '../../db/database';
import type { AppContext } from '../../lib/context';
import { badRequest, notFound } from '../../lib/errors';
import type { UploadedFile } from '../messages/attachments';
import {
  findCompanyUserIds,
  findInbox,
  findInboxConversation,
  insertMessage,
  messagesOf,
  recordStaffReply,
  updateConversation,
  type InboxRow,
} from '../messages/messages.repository';
import { readAttachment, withStoredFiles } from '../messages/messages.service';
import { findStaffUser } from '../staff/staff.repository';
import { notifyUsers } from '../notifications/notify';
import { getBranding } from '../settings/settings.service';
import type { StaffActor } from './backoffice.service';
import { recordStaffAudit } from './staff-audit';

export interface InboxFilters {
  category?: MessageCategory | undefined;
  companyId?: string | undefined;
  status?: ConversationStatus | undefined;
  /** Only conversations whose last message is at least this many days old. */
  olderThanDays?: number | undefined;
}

function toItem(r: InboxRow) {
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

/** The audit line of a staff member's action on a conversation. */
async function audit(
  trx: Db,
  now: Date,
  actor: StaffActor,
  action: AuditAction,
  row: { id: string; company_id: string },
  details?: Record<string, unknown>,
) {
  await recordStaffAudit(trx, now, actor, {
    action,
    companyId: row.company_id,
    targetType: 'conversation',
    targetId: row.id,
    details,
  });
}

export async function listInbox(ctx: AppContext, filters: InboxFilters): Promise<InboxItem[]> {
  const { olderThanDays, ...where } = filters;
  const before =
    olderThanDays === undefined
      ? undefined
      : new Date(ctx.clock.now().getTime() - olderThanDays * 86_400_000).toISOString();
  const rows = await findInbox(
    ctx.db,
    {
      category: where.category || undefined,
      companyId: where.companyId || undefined,
      status: where.status || undefined,
      lastMessageBefore: before,
    },
    500,
  );
  return rows.map(toItem);
}

async function rowOf(ctx: AppContext, id: string) {
  const row = await findInboxConversation(ctx.db, id);
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
  if (Number(row.staff_unread) > 0) await updateConversation(ctx.db, id, { staff_unread: 0 });
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
  const staff = await findStaffUser(ctx.db, staffId);
  if (staff?.status !== 'active') {
    throw badRequest(
      'staff_not_assignable',
      'Choisissez un membre actif de l’équipe de l’assureur.',
      { staffId: 'Ce compte n’est pas un membre actif de l’équipe' },
    );
  }
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await updateConversation(trx, id, {
      assigned_staff_id: staffId,
      status: row.status === 'sent' ? 'in_progress' : row.status,
      updated_at: now.toISOString(),
    });
    await audit(trx, now, actor, 'conversation.assigned', row, { staffId });
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
  const recipients = await findCompanyUserIds(ctx.db, row.company_id, roles);
  const now = ctx.clock.now();
  const at = now.toISOString();
  await withStoredFiles(ctx, files, (saved) =>
    ctx.db.transaction().execute(async (trx) => {
      await insertMessage(trx, {
        conversationId: id,
        authorUserId: actor.userId,
        authorKind: 'staff',
        text,
        files: saved,
        now: at,
      });
      await recordStaffReply(trx, id, {
        assignedStaffId: row.assigned_staff_id ?? actor.userId,
        at,
      });
      await notifyUsers(trx, {
        userIds: recipients,
        type: 'insurer_replied',
        title: 'Réponse de l’assureur à votre message',
        body: `« ${MESSAGE_SUBJECT_LABELS[row.subject as MessageSubject]} » (${row.company_name})`,
        link: `/messages/${id}`,
        companyId: row.company_id,
        branding,
        publicUrl: ctx.config.publicUrl,
        now,
      });
      await audit(trx, now, actor, 'conversation.replied', row, { attachments: files.length });
    }),
  );
  return getInboxConversation(ctx, id);
}

export async function closeConversation(ctx: AppContext, actor: StaffActor, id: string) {
  const row = await rowOf(ctx, id);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await updateConversation(trx, id, {
      status: 'closed',
      closed_at: now.toISOString(),
      updated_at: now.toISOString(),
    });
    await audit(trx, now, actor, 'conversation.closed', row);
  });
  return getInboxConversation(ctx, id);
}

/** An attachment of a conversation, for download (404 when the file is not one of its). */
export function getInboxAttachment(ctx: AppContext, conversationId: string, fileId: string) {
  return readAttachment(ctx, conversationId, fileId);
}
