/**
 * The documents' reads and writes: what an employer may see (« Mes documents pratiques », read
 * with the actor's perimeter) and the back office's documents and their versions
 * (backoffice/documents.service.ts decides, audits and notifies).
 */
import type { ExpressionBuilder, Insertable, Kysely, Updateable } from 'kysely';
import type { Database, DocumentsTable, DocumentVersionsTable } from '../../db/schema';
import { companyIdsWith, type EmployerActor } from '../../lib/policies';

type Db = Kysely<Database>;

// What an employer sees --------------------------------------------------------------------------

/**
 * The documents an employer may see (SPEC §5.6): published, with a current version, and meant for
 * everyone, for the CCN (IDCC) of one of their companies, or for one of their companies — among the
 * companies where they hold `documents.view`.
 */
async function visibleTo(db: Db, actor: EmployerActor) {
  const companyIds = companyIdsWith(actor, 'documents.view');
  const idccs =
    companyIds.length === 0
      ? []
      : (
          await db
            .selectFrom('companies')
            .select('idcc')
            .where('id', 'in', companyIds)
            .where('idcc', 'is not', null)
            .execute()
        ).map((r) => r.idcc as string);
  return (eb: ExpressionBuilder<Database, 'documents'>) => {
    const scopes = [eb('documents.scope', '=', 'all')];
    if (idccs.length > 0)
      scopes.push(
        eb.and([eb('documents.scope', '=', 'ccn'), eb('documents.ccn_idcc', 'in', idccs)]),
      );
    if (companyIds.length > 0)
      scopes.push(
        eb.and([
          eb('documents.scope', '=', 'company'),
          eb('documents.company_id', 'in', companyIds),
        ]),
      );
    return eb.and([
      eb('documents.status', '=', 'published'),
      eb('documents.current_version_id', 'is not', null),
      eb.or(scopes),
    ]);
  };
}

/** Documents with their current version's file. */
const withCurrentFile = (db: Db) =>
  db
    .selectFrom('documents')
    .innerJoin('document_versions', 'document_versions.id', 'documents.current_version_id')
    .innerJoin('stored_files', 'stored_files.id', 'document_versions.file_id');

/** The documents the actor may see, of a category or all, by title. */
export async function findVisibleDocuments(
  db: Db,
  actor: EmployerActor,
  category: string | undefined,
) {
  return withCurrentFile(db)
    .select([
      'documents.id',
      'documents.title',
      'documents.description',
      'documents.category',
      'documents.published_at',
      'stored_files.original_name',
      'stored_files.mime_type',
      'stored_files.size',
    ])
    .where(await visibleTo(db, actor))
    .$if(category !== undefined, (q) => q.where('documents.category', '=', category!))
    .orderBy('documents.title')
    .orderBy('documents.id')
    .execute();
}

/** The current version's file of a document the actor may see. */
export async function findVisibleDocumentFile(db: Db, actor: EmployerActor, documentId: string) {
  return withCurrentFile(db)
    .select(['stored_files.storage_key', 'stored_files.original_name', 'stored_files.mime_type'])
    .where('documents.id', '=', documentId)
    .where(await visibleTo(db, actor))
    .executeTakeFirst();
}

// The back office --------------------------------------------------------------------------------

/** Every document (or one), with its company's name, the latest changed first. */
export function findDocuments(db: Db, id?: string) {
  return db
    .selectFrom('documents')
    .leftJoin('companies', 'companies.id', 'documents.company_id')
    .selectAll('documents')
    .select('companies.name as company_name')
    .$if(id !== undefined, (q) => q.where('documents.id', '=', id!))
    .orderBy('documents.updated_at', 'desc')
    .orderBy('documents.id')
    .execute();
}

/** The versions of these documents with their file, the latest first. */
export async function findVersions(db: Db, documentIds: string[]) {
  if (documentIds.length === 0) return [];
  return db
    .selectFrom('document_versions')
    .innerJoin('stored_files', 'stored_files.id', 'document_versions.file_id')
    .select([
      'document_versions.id',
      'document_versions.document_id',
      'document_versions.version',
      'document_versions.created_at',
      'stored_files.original_name',
      'stored_files.mime_type',
      'stored_files.size',
    ])
    .where('document_versions.document_id', 'in', documentIds)
    .orderBy('document_versions.version', 'desc')
    .execute();
}

/** The name of the CCN of each IDCC, as the companies of that IDCC give it. */
export async function findCcnNames(
  db: Db,
  idccs: string[],
): Promise<Map<string | null, string | null>> {
  if (idccs.length === 0) return new Map();
  const rows = await db
    .selectFrom('companies')
    .select(['idcc', (eb) => eb.fn.min('ccn_name').as('ccn_name')])
    .where('idcc', 'in', idccs)
    .groupBy('idcc')
    .execute();
  return new Map(rows.map((r) => [r.idcc, r.ccn_name]));
}

/** One version's file of a document. */
export function findVersionFile(db: Db, documentId: string, versionId: string) {
  return db
    .selectFrom('document_versions')
    .innerJoin('stored_files', 'stored_files.id', 'document_versions.file_id')
    .select(['stored_files.storage_key', 'stored_files.original_name', 'stored_files.mime_type'])
    .where('document_versions.id', '=', versionId)
    .where('document_versions.document_id', '=', documentId)
    .executeTakeFirst();
}

/** The number of a document's latest version (0 without any). */
export async function findLastVersion(db: Db, documentId: string): Promise<number> {
  const last = await db
    .selectFrom('document_versions')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('document_id', '=', documentId)
    .executeTakeFirst();
  return Number(last?.v ?? 0);
}

export async function insertDocument(db: Db, row: Insertable<DocumentsTable>): Promise<void> {
  await db.insertInto('documents').values(row).execute();
}

export async function insertVersion(db: Db, row: Insertable<DocumentVersionsTable>) {
  await db.insertInto('document_versions').values(row).execute();
}

export async function updateDocument(db: Db, id: string, set: Updateable<DocumentsTable>) {
  await db.updateTable('documents').set(set).where('id', '=', id).execute();
}

/**
 * The employer users a document concerns: active, with a role in one of the companies of its
 * scope (every company, the CCN's, or the one company).
 */
export async function findConcernedUserIds(
  db: Db,
  scope: { scope: string; idcc: string | null; companyId: string | null },
): Promise<string[]> {
  const rows = await db
    .selectFrom('user_company_roles')
    .innerJoin('users', 'users.id', 'user_company_roles.user_id')
    .innerJoin('companies', 'companies.id', 'user_company_roles.company_id')
    .select('users.id')
    .distinct()
    .where('users.status', '=', 'active')
    .$if(scope.scope === 'ccn', (q) => q.where('companies.idcc', '=', scope.idcc))
    .$if(scope.scope === 'company', (q) => q.where('companies.id', '=', scope.companyId))
    .execute();
  return rows.map((r) => r.id);
}
