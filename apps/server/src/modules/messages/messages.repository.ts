/**
 * The messages' reads and writes (« Nous contacter » and the insurer's inbox): the services
 * decide who may read and write what (messages.service.ts: the employer's companies with
 * `messages.manage`; backoffice/messages.service.ts: the insurer's staff).
 */
import type { Kysely, Updateable } from 'kysely';
import type { Message } from '@affilia/shared/schemas/messages';
import type { MessageCategory, MessageSubject } from '@affilia/shared/domain/enums';
import type { CompanyRole, ConversationsTable, Database } from '../../db/schema';
import { newId } from '../../lib/ids';
import { recordStoredFile } from '../../lib/stored-files';
import type { SavedFile } from '../../lib/storage';
import type { UploadedFile } from './attachments';

type Db = Kysely<Database>;

/** An attachment saved in the storage, before its message is written. */
export type StoredAttachment = SavedFile & { file: UploadedFile };

export type ConversationRow = {
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

export function conversationsQuery(db: Db) {
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

export function findConversation(db: Db, id: string): Promise<ConversationRow | undefined> {
  return conversationsQuery(db).where('c.id', '=', id).executeTakeFirst();
}

/** The latest 500 conversations of these companies. */
export function findConversationsOfCompanies(db: Db, companyIds: string[]) {
  return conversationsQuery(db)
    .where('c.company_id', 'in', companyIds)
    .orderBy('c.last_message_at', 'desc')
    .orderBy('c.id')
    .limit(500)
    .execute();
}

/** The conversations of these companies with a reply the employer has not read. */
export async function countUnreadByEmployer(db: Db, companyIds: string[]): Promise<number> {
  const row = await db
    .selectFrom('conversations')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('company_id', 'in', companyIds)
    .where('employer_unread', '>', 0)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findCompanyName(db: Db, companyId: string): Promise<string> {
  const company = await db
    .selectFrom('companies')
    .select('name')
    .where('id', '=', companyId)
    .executeTakeFirstOrThrow();
  return company.name;
}

/** A new conversation written by an employer user: sent, one message unread by the insurer. */
export async function insertConversation(
  trx: Db,
  c: {
    id: string;
    companyId: string;
    createdBy: string;
    category: MessageCategory;
    subject: MessageSubject;
    at: string;
  },
): Promise<void> {
  await trx
    .insertInto('conversations')
    .values({
      id: c.id,
      company_id: c.companyId,
      created_by_user_id: c.createdBy,
      category: c.category,
      subject: c.subject,
      status: 'sent',
      assigned_staff_id: null,
      last_message_at: c.at,
      employer_unread: 0,
      staff_unread: 1,
      created_at: c.at,
      updated_at: c.at,
      closed_at: null,
    })
    .execute();
}

/** An employer user's new message: one more unread by the insurer, reopened if it was closed. */
export async function recordEmployerMessage(
  trx: Db,
  id: string,
  change: { status: 'in_progress' | 'sent'; at: string },
): Promise<void> {
  await trx
    .updateTable('conversations')
    .set((eb) => ({
      status: change.status,
      staff_unread: eb('staff_unread', '+', 1),
      employer_unread: 0,
      last_message_at: change.at,
      updated_at: change.at,
      closed_at: null,
    }))
    .where('id', '=', id)
    .execute();
}

export async function markReadByEmployer(trx: Db, id: string): Promise<void> {
  await trx.updateTable('conversations').set({ employer_unread: 0 }).where('id', '=', id).execute();
}

// The insurer's inbox ----------------------------------------------------------------------------

/** The conversations with the staff member each is assigned to. */
const inboxQuery = (db: Db) =>
  conversationsQuery(db)
    .leftJoin('users as s', 's.id', 'c.assigned_staff_id')
    .select([
      'c.assigned_staff_id',
      's.first_name as staff_first_name',
      's.last_name as staff_last_name',
    ]);

export type InboxRow = Awaited<
  ReturnType<ReturnType<typeof inboxQuery>['executeTakeFirstOrThrow']>
>;

/** The inbox's conversations (at most `limit`), the longest waiting first. */
export function findInbox(
  db: Db,
  filters: {
    category?: string | undefined;
    companyId?: string | undefined;
    status?: ConversationsTable['status'] | undefined;
    /** Only conversations whose last message is at this instant or before (ISO). */
    lastMessageBefore?: string | undefined;
  },
  limit: number,
): Promise<InboxRow[]> {
  return inboxQuery(db)
    .$if(filters.category !== undefined, (q) => q.where('c.category', '=', filters.category!))
    .$if(filters.companyId !== undefined, (q) => q.where('c.company_id', '=', filters.companyId!))
    .$if(filters.status !== undefined, (q) => q.where('c.status', '=', filters.status!))
    .$if(filters.lastMessageBefore !== undefined, (q) =>
      q.where('c.last_message_at', '<=', filters.lastMessageBefore!),
    )
    .orderBy('c.last_message_at', 'asc')
    .orderBy('c.id')
    .limit(limit)
    .execute();
}

export function findInboxConversation(db: Db, id: string): Promise<InboxRow | undefined> {
  return inboxQuery(db).where('c.id', '=', id).executeTakeFirst();
}

export async function updateConversation(
  trx: Db,
  id: string,
  set: Updateable<ConversationsTable>,
): Promise<void> {
  await trx.updateTable('conversations').set(set).where('id', '=', id).execute();
}

/** A staff member's reply: « répondu », one more unread by the employer, read by the insurer. */
export async function recordStaffReply(
  trx: Db,
  id: string,
  change: { assignedStaffId: string; at: string },
): Promise<void> {
  await trx
    .updateTable('conversations')
    .set((eb) => ({
      status: 'answered',
      employer_unread: eb('employer_unread', '+', 1),
      staff_unread: 0,
      assigned_staff_id: change.assignedStaffId,
      last_message_at: change.at,
      updated_at: change.at,
      closed_at: null,
    }))
    .where('id', '=', id)
    .execute();
}

/** The employer users of the company with one of these roles (a reply's recipients). */
export async function findCompanyUserIds(
  db: Db,
  companyId: string,
  roles: CompanyRole[],
): Promise<string[]> {
  const rows = await db
    .selectFrom('user_company_roles as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select('u.id')
    .where('r.company_id', '=', companyId)
    .where('r.role', 'in', roles)
    .where('u.kind', '=', 'employer')
    .execute();
  return rows.map((r) => r.id);
}

/** The user's notifications that link to `link` are read. */
export async function markNotificationsRead(
  trx: Db,
  userId: string,
  link: string,
  now: Date,
): Promise<void> {
  await trx
    .updateTable('notifications')
    .set({ read_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('link', '=', link)
    .where('read_at', 'is', null)
    .execute();
}

/** Inserts one message and its attachments (in the caller's transaction). */
export async function insertMessage(
  trx: Db,
  input: {
    conversationId: string;
    authorUserId: string;
    authorKind: 'employer' | 'staff';
    text: string;
    files: StoredAttachment[];
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
    const fileId = await recordStoredFile(trx, {
      saved: s,
      name: s.file.fileName,
      mimeType: s.file.mimeType,
      ownerKind: 'message',
      ownerId: messageId,
      // One millisecond apart: the attachments list in the order they were attached.
      at: new Date(start + index).toISOString(),
    });
    await trx
      .insertInto('message_attachments')
      .values({ message_id: messageId, file_id: fileId })
      .execute();
  }
  return messageId;
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

/** An attachment of a conversation (any message of it), for download; undefined otherwise. */
export function findAttachment(db: Db, conversationId: string, fileId: string) {
  return db
    .selectFrom('message_attachments as a')
    .innerJoin('messages as m', 'm.id', 'a.message_id')
    .innerJoin('stored_files as f', 'f.id', 'a.file_id')
    .select(['f.storage_key', 'f.original_name', 'f.mime_type'])
    .where('m.conversation_id', '=', conversationId)
    .where('f.id', '=', fileId)
    .executeTakeFirst();
}
