/**
 * « Nous contacter » and the messages (SPEC §5.7), employer side. A conversation belongs to one
 * company; the employer users of that company holding `messages.manage` see it. Texts are plain
 * text: stored and returned as typed, never turned into HTML.
 */
import type { Kysely } from 'kysely';
import {
  MESSAGE_CATEGORY_LABELS,
  MESSAGE_SUBJECT_LABELS,
  type ConversationDetail,
  type ConversationSummary,
  type NewConversation,
} from '@affilia/shared/schemas/messages';
import type { MessageCategory, MessageSubject } from '@affilia/shared/domain/enums';
import type { Branding } from '@affilia/shared/schemas/branding';
import type { Database } from '../../db/schema';
import { recordAudit } from '../../lib/audit';
import type { AppContext } from '../../lib/context';
import { notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import {
  countUnreadByEmployer,
  findAttachment,
  findCompanyName,
  findConversation,
  findConversationsOfCompanies,
  insertConversation,
  insertMessage,
  markNotificationsRead,
  markReadByEmployer,
  messagesOf,
  recordEmployerMessage,
  type ConversationRow,
} from './messages.repository';
import { enqueueEmail } from '../../lib/outbox/outbox';
import { authorize, companyIdsWith, type EmployerActor } from '../../lib/policies';
import { getBranding } from '../settings/settings.service';
import type { UploadedFile } from './attachments';
import type { RequestMeta } from '../../lib/request-meta';
import type { StoredAttachment } from './messages.repository';
import { openStoredFile } from '../../lib/stored-files';

type Db = Kysely<Database>;

/**
 * The files saved in the storage first, then `write` (the message's transaction) with them:
 * when saving or writing fails, the files saved are removed.
 */
export async function withStoredFiles<T>(
  ctx: AppContext,
  files: UploadedFile[],
  write: (saved: StoredAttachment[]) => Promise<T>,
): Promise<T> {
  const saved: StoredAttachment[] = [];
  try {
    for (const file of files) {
      const s = await ctx.storage.save(file.bytes, {
        originalName: file.fileName,
        mimeType: file.mimeType,
      });
      saved.push({ file, ...s });
    }
    return await write(saved);
  } catch (err) {
    await Promise.all(saved.map((s) => ctx.storage.remove(s.storageKey)));
    throw err;
  }
}

export function toSummary(row: ConversationRow, unread: number): ConversationSummary {
  return {
    id: row.id,
    companyId: row.company_id,
    companyName: row.company_name,
    category: row.category as MessageCategory,
    subject: row.subject as MessageSubject,
    status: row.status as ConversationSummary['status'],
    unread: Number(unread),
    lastMessageAt: new Date(row.last_message_at).toISOString(),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export async function listConversations(
  ctx: AppContext,
  actor: EmployerActor,
): Promise<ConversationSummary[]> {
  const companyIds = companyIdsWith(actor, 'messages.manage');
  if (companyIds.length === 0) return [];
  const rows = await findConversationsOfCompanies(ctx.db, companyIds);
  return rows.map((r) => toSummary(r, r.employer_unread));
}

/** The conversations of the actor's companies with replies they have not read. */
export async function countUnreadConversations(
  ctx: AppContext,
  actor: EmployerActor,
): Promise<number> {
  const companyIds = companyIdsWith(actor, 'messages.manage');
  if (companyIds.length === 0) return 0;
  return countUnreadByEmployer(ctx.db, companyIds);
}

/** The conversation of the actor's companies (404 otherwise, whatever the reason). */
async function conversationOf(db: Db, actor: EmployerActor, id: string) {
  const row = await findConversation(db, id);
  if (!row) throw notFound('Conversation introuvable.');
  const grant = actor.grants.get(row.company_id);
  if (!grant) throw notFound('Conversation introuvable.');
  authorize(actor, 'messages.manage', row.company_id);
  return row;
}

/** The insurer's team told of an employer's new message (the back office's address of it). */
async function emailInsurer(
  trx: Db,
  ctx: AppContext,
  c: {
    id: string;
    companyName: string;
    category: MessageCategory;
    subject: MessageSubject;
    followUp: boolean;
  },
  branding: Branding,
  now: Date,
): Promise<void> {
  await enqueueEmail(trx, {
    to: ctx.config.mail.insurerTeamEmail,
    template: 'new_message_to_insurer',
    data: {
      companyName: c.companyName,
      category: MESSAGE_CATEGORY_LABELS[c.category],
      subject: MESSAGE_SUBJECT_LABELS[c.subject],
      followUp: c.followUp,
      url: `${ctx.config.publicUrl}/back-office/messages?conversation=${c.id}`,
    },
    branding,
    now,
  });
}

export async function createConversation(
  ctx: AppContext,
  actor: EmployerActor,
  input: NewConversation,
  files: UploadedFile[],
  meta: RequestMeta,
): Promise<ConversationSummary> {
  authorize(actor, 'messages.manage', input.companyId);
  const branding = await getBranding(ctx);
  const companyName = await findCompanyName(ctx.db, input.companyId);
  const now = ctx.clock.now();
  const at = now.toISOString();
  const id = newId();
  await withStoredFiles(ctx, files, (saved) =>
    ctx.db.transaction().execute(async (trx) => {
      await insertConversation(trx, {
        id,
        companyId: input.companyId,
        createdBy: actor.user.id,
        category: input.category,
        subject: input.subject,
        at,
      });
      await insertMessage(trx, {
        conversationId: id,
        authorUserId: actor.user.id,
        authorKind: 'employer',
        text: input.text,
        files: saved,
        now: at,
      });
      await emailInsurer(trx, ctx, { id, companyName, ...input, followUp: false }, branding, now);
      await recordAudit(trx, now, {
        action: 'conversation.created',
        actorUserId: actor.user.id,
        actorKind: 'employer',
        companyId: input.companyId,
        targetType: 'conversation',
        targetId: id,
        ip: meta.ip,
        userAgent: meta.userAgent,
        details: { category: input.category, subject: input.subject, attachments: files.length },
      });
    }),
  );
  const row = await findConversation(ctx.db, id);
  if (!row) throw notFound('Conversation introuvable.');
  return toSummary(row, row.employer_unread);
}

/** A conversation and its messages. Reading has no side effect: see `markConversationRead`. */
export async function getConversation(
  ctx: AppContext,
  actor: EmployerActor,
  id: string,
): Promise<ConversationDetail> {
  const row = await conversationOf(ctx.db, actor, id);
  return { ...toSummary(row, row.employer_unread), messages: await messagesOf(ctx.db, id) };
}

/**
 * The thread was shown to the user (POST, called by the web app): the insurer's replies are
 * read, and so are the user's notifications of them (the bell).
 */
export async function markConversationRead(
  ctx: AppContext,
  actor: EmployerActor,
  id: string,
): Promise<void> {
  const row = await conversationOf(ctx.db, actor, id);
  await ctx.db.transaction().execute(async (trx) => {
    if (Number(row.employer_unread) > 0) await markReadByEmployer(trx, id);
    await markNotificationsRead(trx, actor.user.id, `/messages/${id}`, ctx.clock.now());
  });
}

export async function addFollowUp(
  ctx: AppContext,
  actor: EmployerActor,
  id: string,
  text: string,
  files: UploadedFile[],
  meta: RequestMeta,
): Promise<ConversationDetail> {
  const row = await conversationOf(ctx.db, actor, id);
  const branding = await getBranding(ctx);
  const now = ctx.clock.now();
  const at = now.toISOString();
  await withStoredFiles(ctx, files, (saved) =>
    ctx.db.transaction().execute(async (trx) => {
      await insertMessage(trx, {
        conversationId: id,
        authorUserId: actor.user.id,
        authorKind: 'employer',
        text,
        files: saved,
        now: at,
      });
      await recordEmployerMessage(trx, id, {
        status: row.status === 'in_progress' ? 'in_progress' : 'sent',
        at,
      });
      const conversation = {
        id,
        companyName: row.company_name,
        category: row.category as MessageCategory,
        subject: row.subject as MessageSubject,
        followUp: true,
      };
      await emailInsurer(trx, ctx, conversation, branding, now);
      await recordAudit(trx, now, {
        action: 'conversation.message_added',
        actorUserId: actor.user.id,
        actorKind: 'employer',
        companyId: row.company_id,
        targetType: 'conversation',
        targetId: id,
        ip: meta.ip,
        userAgent: meta.userAgent,
        details: { attachments: files.length },
      });
    }),
  );
  return getConversation(ctx, actor, id);
}

export async function getAttachment(
  ctx: AppContext,
  actor: EmployerActor,
  conversationId: string,
  fileId: string,
) {
  await conversationOf(ctx.db, actor, conversationId);
  return readAttachment(ctx, conversationId, fileId);
}

/** An attachment of the conversation, for download (404 when the file is not one of its). */
export async function readAttachment(ctx: AppContext, conversationId: string, fileId: string) {
  const file = await findAttachment(ctx.db, conversationId, fileId);
  return openStoredFile(ctx.storage, file, 'Pièce jointe introuvable.');
}
