import { DOCUMENT_CATEGORIES, type DocumentCategory } from '@affilia/shared/domain/enums';
import type {
  DocumentsQuery,
  EmployerDocument,
  EmployerDocuments,
} from '@affilia/shared/schemas/documents';
import { matchesSearch } from '@affilia/shared/validators/search';
import type { AppContext } from '../../lib/context';
import { notFound } from '../../lib/errors';
import { companyIdsWith, type EmployerActor } from '../../lib/policies';
import { findVisibleDocumentFile, findVisibleDocuments } from './documents.repository';
import { openStoredFile } from '../../lib/stored-files';

export async function listEmployerDocuments(
  ctx: AppContext,
  actor: EmployerActor,
  query: DocumentsQuery,
): Promise<EmployerDocuments> {
  if (companyIdsWith(actor, 'documents.view').length === 0) return { groups: [] };
  const rows = await findVisibleDocuments(ctx.db, actor, query.category || undefined);
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
  const row = await findVisibleDocumentFile(ctx.db, actor, documentId);
  return openStoredFile(ctx.storage, row, 'Élément introuvable.');
}
