/**
 * « Pré-affilier par fichier » (issue 20): the requests made from one file share an
 * `import_batch_id`, so that the employer can print, in one PDF, the pre-filled BIA of each of
 * the file's « Courrier » requests. Null for a request made with the wizard. Portable types only
 * (decision 0001); this file never changes once released.
 */
import type { Kysely } from 'kysely';

type Db = Kysely<unknown>;

export async function up(db: Db): Promise<void> {
  await db.schema.alterTable('affiliation_requests').addColumn('import_batch_id', 'text').execute();
  await db.schema
    .createIndex('affiliation_requests_import_batch_id_idx')
    .on('affiliation_requests')
    .column('import_batch_id')
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('affiliation_requests_import_batch_id_idx').execute();
  await db.schema.alterTable('affiliation_requests').dropColumn('import_batch_id').execute();
}
