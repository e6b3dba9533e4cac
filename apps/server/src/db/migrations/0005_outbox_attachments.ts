/**
 * Attachments of an outbox email (issue 14 #20: the completed BIA emailed to the employee). Each
 * row names a file in the storage (a copy kept for the email) with the name and type it is sent
 * under; written in the same transaction as the outbox row, so a queued email never loses its
 * attachment, and read again at every attempt. Portable types only (decision 0001).
 */
import type { Kysely } from 'kysely';

type Db = Kysely<unknown>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('outbox_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('outbox_id', 'text', (c) => c.notNull().references('outbox.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('outbox_attachments_outbox_id_idx')
    .on('outbox_attachments')
    .columns(['outbox_id', 'position'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('outbox_attachments').execute();
}
