import type { ExpressionBuilder } from 'kysely';
import { DOCUMENT_CATEGORIES, type DocumentCategory } from '@affilia/shared/domain/enums';
import type {
  DocumentsQuery,
  EmployerDocument,
  EmployerDocuments,
} from '@affilia/shared/schemas/documents';
import { matchesSearch } from '@affilia/shared/validators/search';
import type { Database } from '../../db/schema';
import type { AppContext } from '../../lib/context';
import { notFound } from '../../lib/errors';
import { companyIdsWith, type EmployerActor } from '../../lib/policies';

/**
 * The documents an employer may see (SPEC §5.6): published, with a current version, and meant for
 * everyone, for the CCN (IDCC) of one of their companies, or for one of their companies — among the
 * companies where they hold `documents.view`.
 */
async function visibleTo(ctx: AppContext, actor: EmployerActor) {
  const companyIds = companyIdsWith(actor, 'documents.view');
  const idccs =
    companyIds.length === 0
      ? []
      : (
          await ctx.db
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

function baseQuery(ctx: AppContext) {
  return ctx.db
    .selectFrom('documents')
    .innerJoin('document_versions', 'document_versions.id', 'documents.current_version_id')
    .innerJoin('stored_files', 'stored_files.id', 'document_versions.file_id');
}

export async function listEmployerDocuments(
  ctx: AppContext,
  actor: EmployerActor,
  query: DocumentsQuery,
): Promise<EmployerDocuments> {
  if (companyIdsWith(actor, 'documents.view').length === 0) return { groups: [] };
  let q = baseQuery(ctx)
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
    .where(await visibleTo(ctx, actor));
  if (query.category) q = q.where('documents.category', '=', query.category);
  const rows = await q.orderBy('documents.title').orderBy('documents.id').execute();
  // The search rule of every list (@affilia/shared/validators/search), in title or description.
  const docs: EmployerDocument[] = rows
    .filter((r) => matchesSearch(query.q ?? '', r.title, r.description))
    .map((r) => ({
      id: r.id,
      title: r.title,
      description: r.description,
      category: r.category as DocumentCategory,
      publishedAt: r.published_at,
      fileName: r.original_name,
      mimeType: r.mime_type,
      size: Number(r.size),
    }));
  return {
    groups: DOCUMENT_CATEGORIES.map((category) => ({
      category,
      documents: docs.filter((d) => d.category === category),
    })).filter((g) => g.documents.length > 0),
  };
}

/** The current version's file of a document the actor may see; 404 otherwise. */
export async function readEmployerDocumentFile(
  ctx: AppContext,
  actor: EmployerActor,
  documentId: string,
) {
  if (companyIdsWith(actor, 'documents.view').length === 0) throw notFound();
  const row = await baseQuery(ctx)
    .select(['stored_files.storage_key', 'stored_files.original_name', 'stored_files.mime_type'])
    .where('documents.id', '=', documentId)
    .where(await visibleTo(ctx, actor))
    .executeTakeFirst();
  if (!row) throw notFound();
  return {
    bytes: await ctx.storage.read(row.storage_key),
    fileName: row.original_name,
    mimeType: row.mime_type,
  };
}
