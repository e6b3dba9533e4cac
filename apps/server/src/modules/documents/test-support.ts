import type { DocumentScope, DocumentStatus } from '../../db/schema';
import type { AppContext } from '../../lib/context';
import { newId } from '../../lib/ids';
import { insertDocument as insertDocumentRow, insertVersion } from './documents.repository';

/** A small valid PDF (tests). */
export const TEST_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** Inserts a document with one version whose file is stored (tests and fixtures). */
export async function insertDocument(
  ctx: AppContext,
  over: {
    title?: string;
    description?: string | null;
    category?: string;
    scope?: DocumentScope;
    ccnIdcc?: string | null;
    companyId?: string | null;
    status?: DocumentStatus;
    fileName?: string;
    bytes?: Buffer;
    mimeType?: string;
  } = {},
) {
  const now = ctx.clock.now().toISOString();
  const bytes = over.bytes ?? TEST_PDF;
  const mimeType = over.mimeType ?? 'application/pdf';
  const fileName = over.fileName ?? 'document.pdf';
  const saved = await ctx.storage.save(bytes, { originalName: fileName, mimeType });
  const documentId = newId();
  const fileId = newId();
  const versionId = newId();
  const status = over.status ?? 'published';
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('stored_files')
      .values({
        id: fileId,
        storage_key: saved.storageKey,
        original_name: fileName,
        mime_type: mimeType,
        size: bytes.length,
        sha256: saved.sha256,
        owner_kind: 'document',
        owner_id: documentId,
        created_at: now,
      })
      .execute();
    await insertDocumentRow(trx, {
      id: documentId,
      title: over.title ?? 'Document',
      description: over.description ?? null,
      category: over.category ?? 'other',
      scope: over.scope ?? 'all',
      ccn_idcc: over.ccnIdcc ?? null,
      company_id: over.companyId ?? null,
      status,
      current_version_id: versionId,
      published_at: status === 'published' ? now : null,
      created_by: null,
      created_at: now,
      updated_at: now,
    });
    await insertVersion(trx, {
      id: versionId,
      document_id: documentId,
      file_id: fileId,
      version: 1,
      created_at: now,
      created_by: null,
    });
  });
  return { id: documentId, versionId, fileId };
}
