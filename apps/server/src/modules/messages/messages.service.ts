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
  type Message,
  type NewConversation,
} from '@affilia/shared/schemas/messages';
import type { MessageCategory, MessageSubject } from '@affilia/shared/domain/enums';
import type { Database } from '../../db/schema';
import { recordAudit } from '../../lib/audit';
import type { AppContext } from '../../lib/context';
import { notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { enqueueEmail } from '../../lib/outbox/outbox';
import { authorize, companyIdsWith, type EmployerActor } from '../../lib/policies';
import { getBranding } from '../settings/settings.service';
import type { UploadedFile } from './attachments';

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

type Db = Kysely<Database>;

/** Stores the files on disk (before the transaction); `rollback` removes them. */
export async function storeFiles(ctx: AppContext, files: UploadedFile[]) {
  const saved: { file: UploadedFile; storageKey: string; size: number; sha256: string }[] = [];
  try {
    for (const file of files) {
      const s = await ctx.storage.save(file.bytes, {
        originalName: file.fileName,
        mimeType: file.mimeType,
      });
      saved.push({ file, ...s });
    }
  } catch (err) {
    await Promise.all(saved.map((s) => ctx.storage.remove(s.storageKey)));
    throw err;
  }
  return {
    saved,
    async rollback() {
      await Promise.all(saved.map((s) => ctx.storage.remove(s.storageKey)));
    },
  };
}

/** Inserts one message and its attachments (in the caller's transaction). */
export async function insertMessage(
  trx: Db,
  input: {
    conversationId: string;
    authorUserId: string;
    authorKind: 'employer' | 'staff';
    text: string;
    files: Awaited<ReturnType<typeof storeFiles>>['saved'];
    now: string;
  },
): Promise<string> {
  const messageId = newId();
  await trx
    .insertInto('messages')
    .values({
      id: messageId,
      conversation_id: input.conversationId,
      author_user_id: input.authorUserId,
      author_kind: input.authorKind,
      body: input.text,
      created_at: input.now,
    })
    .execute();
  const start = Date.parse(input.now);
  for (const [index, s] of input.files.entries()) {
    const fileId = newId();
    await trx
      .insertInto('stored_files')
      .values({
        id: fileId,
        storage_key: s.storageKey,
        original_name: s.file.fileName,
        mime_type: s.file.mimeType,
        size: s.size,
        sha256: s.sha256,
        owner_kind: 'message',
        owner_id: messageId,
        // One millisecond apart: the attachments list in the order they were attached.
        created_at: new Date(start + index).toISOString(),
      })
      .execute();
    await trx
      .insertInto('message_attachments')
      .values({ message_id: messageId, file_id: fileId })
      .execute();
  }
  return messageId;
}

type ConversationRow = {
  id: string;
  company_id: string;
  company_name: string;
  category: string;
  subject: string;
  status: string;
  employer_unread: number;
  staff_unread: number;
  last_message_at: string;
  created_at: string;
};

function conversationsQuery(db: Db) {
  return db
    .selectFrom('conversations as c')
    .innerJoin('companies as co', 'co.id', 'c.company_id')
    .select([
      'c.id',
      'c.company_id',
      'co.name as company_name',
      'c.category',
      'c.subject',
      'c.status',
      'c.employer_unread',
      'c.staff_unread',
      'c.last_message_at',
      'c.created_at',
    ]);
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
  const rows = await conversationsQuery(ctx.db)
    .where('c.company_id', 'in', companyIds)
    .orderBy('c.last_message_at', 'desc')
    .orderBy('c.id')
    .limit(500)
    .execute();
  return rows.map((r) => toSummary(r, r.employer_unread));
}

/** The conversations of the actor's companies with replies they have not read. */
export async function countUnreadConversations(
  ctx: AppContext,
  actor: EmployerActor,
): Promise<number> {
  const companyIds = companyIdsWith(actor, 'messages.manage');
  if (companyIds.length === 0) return 0;
  const row = await ctx.db
    .selectFrom('conversations')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('company_id', 'in', companyIds)
    .where('employer_unread', '>', 0)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The conversation of the actor's companies (404 otherwise, whatever the reason). */
async function conversationOf(db: Db, actor: EmployerActor, id: string) {
  const row = await conversationsQuery(db).where('c.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Conversation introuvable.');
  const grant = actor.grants.get(row.company_id);
  if (!grant) throw notFound('Conversation introuvable.');
  authorize(actor, 'messages.manage', row.company_id);
  return row;
}

export async function messagesOf(db: Db, conversationId: string): Promise<Message[]> {
  const rows = await db
    .selectFrom('messages as m')
    .innerJoin('users as u', 'u.id', 'm.author_user_id')
    .select(['m.id', 'm.body', 'm.author_kind', 'm.created_at', 'u.first_name', 'u.last_name'])
    .where('m.conversation_id', '=', conversationId)
    .orderBy('m.created_at')
    .orderBy('m.id')
    .execute();
  const files =
    rows.length === 0
      ? []
      : await db
          .selectFrom('message_attachments as a')
          .innerJoin('stored_files as f', 'f.id', 'a.file_id')
          .select(['a.message_id', 'f.id', 'f.original_name', 'f.mime_type', 'f.size'])
          .where(
            'a.message_id',
            'in',
            rows.map((r) => r.id),
          )
          .orderBy('f.created_at')
          .orderBy('f.id')
          .execute();
  return rows.map((r) => ({
    id: r.id,
    text: r.body,
    authorKind: r.author_kind === 'staff' ? 'staff' : 'employer',
    authorName: `${r.first_name} ${r.last_name}`.trim(),
    createdAt: new Date(r.created_at).toISOString(),
    attachments: files
      .filter((f) => f.message_id === r.id)
      .map((f) => ({
        id: f.id,
        fileName: f.original_name,
        mimeType: f.mime_type,
        size: Number(f.size),
      })),
  }));
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
  const company = await ctx.db
    .selectFrom('companies')
    .select('name')
    .where('id', '=', input.companyId)
    .executeTakeFirstOrThrow();
  const stored = await storeFiles(ctx, files);
  const now = ctx.clock.now();
  const at = now.toISOString();
  const id = newId();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('conversations')
        .values({
          id,
          company_id: input.companyId,
          created_by_user_id: actor.user.id,
          category: input.category,
          subject: input.subject,
          status: 'sent',
          assigned_staff_id: null,
          last_message_at: at,
          employer_unread: 0,
          staff_unread: 1,
          created_at: at,
          updated_at: at,
          closed_at: null,
        })
        .execute();
      await insertMessage(trx, {
        conversationId: id,
        authorUserId: actor.user.id,
        authorKind: 'employer',
        text: input.text,
        files: stored.saved,
        now: at,
      });
      await enqueueEmail(trx, {
        to: ctx.config.mail.insurerTeamEmail,
        template: 'new_message_to_insurer',
        data: {
          companyName: company.name,
          category: MESSAGE_CATEGORY_LABELS[input.category],
          subject: MESSAGE_SUBJECT_LABELS[input.subject],
          followUp: false,
          url: `${ctx.config.publicUrl}/back-office/messages?conversation=${id}`,
        },
        branding,
        now,
      });
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
    });
  } catch (err) {
    await stored.rollback();
    throw err;
  }
  const row = await conversationsQuery(ctx.db).where('c.id', '=', id).executeTakeFirstOrThrow();
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
    if (Number(row.employer_unread) > 0) {
      await trx
        .updateTable('conversations')
        .set({ employer_unread: 0 })
        .where('id', '=', id)
        .execute();
    }
    await trx
      .updateTable('notifications')
      .set({ read_at: ctx.clock.now().toISOString() })
      .where('user_id', '=', actor.user.id)
      .where('link', '=', `/messages/${id}`)
      .where('read_at', 'is', null)
      .execute();
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
  const stored = await storeFiles(ctx, files);
  const now = ctx.clock.now();
  const at = now.toISOString();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await insertMessage(trx, {
        conversationId: id,
        authorUserId: actor.user.id,
        authorKind: 'employer',
        text,
        files: stored.saved,
        now: at,
      });
      await trx
        .updateTable('conversations')
        .set((eb) => ({
          status: row.status === 'in_progress' ? 'in_progress' : 'sent',
          staff_unread: eb('staff_unread', '+', 1),
          employer_unread: 0,
          last_message_at: at,
          updated_at: at,
          closed_at: null,
        }))
        .where('id', '=', id)
        .execute();
      await enqueueEmail(trx, {
        to: ctx.config.mail.insurerTeamEmail,
        template: 'new_message_to_insurer',
        data: {
          companyName: row.company_name,
          category: MESSAGE_CATEGORY_LABELS[row.category as MessageCategory],
          subject: MESSAGE_SUBJECT_LABELS[row.subject as MessageSubject],
          followUp: true,
          url: `${ctx.config.publicUrl}/back-office/messages?conversation=${id}`,
        },
        branding,
        now,
      });
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
    });
  } catch (err) {
    await stored.rollback();
    throw err;
  }
  return getConversation(ctx, actor, id);
}

/** An attachment of a conversation (any message of it), for download. */
export async function attachmentOf(db: Db, conversationId: string, fileId: string) {
  const file = await db
    .selectFrom('message_attachments as a')
    .innerJoin('messages as m', 'm.id', 'a.message_id')
    .innerJoin('stored_files as f', 'f.id', 'a.file_id')
    .select(['f.storage_key', 'f.original_name', 'f.mime_type'])
    .where('m.conversation_id', '=', conversationId)
    .where('f.id', '=', fileId)
    .executeTakeFirst();
  if (!file) throw notFound('Pièce jointe introuvable.');
  return file;
}

export async function getAttachment(
  ctx: AppContext,
  actor: EmployerActor,
  conversationId: string,
  fileId: string,
) {
  await conversationOf(ctx.db, actor, conversationId);
  const file = await attachmentOf(ctx.db, conversationId, fileId);
  return {
    bytes: await ctx.storage.read(file.storage_key),
    fileName: file.original_name,
    mimeType: file.mime_type,
  };
}
