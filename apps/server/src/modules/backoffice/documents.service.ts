import type { Kysely } from 'kysely';
import type { DocumentCategory } from '@affilia/shared/domain/enums';
import type {
  BackofficeDocument,
  BackofficeDocuments,
  DocumentMetadata,
} from '@affilia/shared/schemas/documents';
import type { Database, DocumentStatus } from '../../db/schema';
import type { AuditAction } from '@affilia/shared/domain/audit';
import type { AppContext } from '../../lib/context';
import { badRequest, conflict, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { openStoredFile, recordStoredFile, type StoredFileRow } from '../../lib/stored-files';
import { DOCX, PDF, XLSX, detectFileType, fileNameFor } from '../../lib/file-types';
import { notifyUsers } from '../notifications/notify';
import * as repo from '../documents/documents.repository';
import { findCompanyRow } from '../reference-data/reference-data.repository';
import { getBranding } from '../settings/settings.service';
import type { StaffActor } from './backoffice.service';
import { recordStaffAudit } from './staff-audit';

/** A document is a PDF, a Word or an Excel file, from its bytes (lib/file-types.ts). */
const DOCUMENT_FILE_TYPES = [PDF, DOCX, XLSX] as const;

export const wrongDocumentType = () =>
  badRequest(
    'document_file_type',
    'Le fichier doit être un PDF, un Word (.docx) ou un Excel (.xlsx).',
    {
      file: 'Choisissez un fichier PDF, DOCX ou XLSX',
    },
  );

export interface UploadedDocumentFile {
  bytes: Buffer;
  fileName: string | undefined;
}

/** Checks the file's type from its bytes and stores it; its `stored_files` row, to record. */
async function storeFile(
  ctx: AppContext,
  file: UploadedDocumentFile,
  documentId: string,
): Promise<StoredFileRow & { id: string }> {
  if (file.bytes.length === 0) throw wrongDocumentType();
  const mimeType = detectFileType(file.bytes, file.fileName, DOCUMENT_FILE_TYPES);
  if (!mimeType) throw wrongDocumentType();
  const fileName = fileNameFor(file.fileName, mimeType);
  const saved = await ctx.storage.save(file.bytes, { originalName: fileName, mimeType });
  return {
    id: newId(),
    saved,
    name: fileName,
    mimeType,
    ownerKind: 'document',
    ownerId: documentId,
    at: ctx.clock.now().toISOString(),
  };
}

/** The scope columns of the metadata; the company must exist. */
async function scopeColumns(ctx: AppContext, meta: DocumentMetadata) {
  if (meta.scope === 'company') {
    if (!(await findCompanyRow(ctx.db, meta.companyId!))) {
      throw badRequest('validation_error', 'Entreprise introuvable.', {
        companyId: 'Choisissez une entreprise existante',
      });
    }
  }
  return {
    scope: meta.scope,
    ccn_idcc: meta.scope === 'ccn' ? meta.idcc!.padStart(4, '0') : null,
    company_id: meta.scope === 'company' ? meta.companyId! : null,
  };
}

const metadataColumns = (meta: DocumentMetadata) => ({
  title: meta.title,
  description: meta.description || null,
  category: meta.category,
});

async function audit(
  db: Kysely<Database>,
  ctx: AppContext,
  actor: StaffActor,
  action: AuditAction,
  documentId: string,
  details?: Record<string, unknown>,
) {
  await recordStaffAudit(db, ctx.clock.now(), actor, {
    action,
    targetType: 'document',
    targetId: documentId,
    details,
  });
}

export async function listBackofficeDocuments(
  ctx: AppContext,
  opts: { id?: string } = {},
): Promise<BackofficeDocuments> {
  const docs = await repo.findDocuments(ctx.db, opts.id);
  const versions = await repo.findVersions(
    ctx.db,
    docs.map((d) => d.id),
  );
  const ccnNames = await repo.findCcnNames(ctx.db, [
    ...new Set(docs.flatMap((d) => (d.ccn_idcc ? [d.ccn_idcc] : []))),
  ]);
  return {
    documents: docs.map((d): BackofficeDocument => ({
      id: d.id,
      title: d.title,
      description: d.description,
      category: d.category as DocumentCategory,
      scope: d.scope,
      idcc: d.ccn_idcc,
      ccnName: (d.ccn_idcc ? ccnNames.get(d.ccn_idcc) : null) ?? null,
      companyId: d.company_id,
      companyName: d.company_name ?? null,
      status: d.status,
      publishedAt: d.published_at,
      updatedAt: d.updated_at,
      currentVersionId: d.current_version_id,
      versions: versions
        .filter((v) => v.document_id === d.id)
        .map((v) => ({
          id: v.id,
          version: Number(v.version),
          fileName: v.original_name,
          mimeType: v.mime_type,
          size: Number(v.size),
          createdAt: v.created_at,
        })),
    })),
  };
}

/** One version's file of a document, current or replaced, for the staff (404 if unknown). */
export async function readDocumentVersionFile(
  ctx: AppContext,
  documentId: string,
  versionId: string,
) {
  const row = await repo.findVersionFile(ctx.db, documentId, versionId);
  return openStoredFile(ctx.storage, row, 'Document introuvable.');
}

async function getOne(ctx: AppContext, id: string) {
  const [doc] = (await listBackofficeDocuments(ctx, { id })).documents;
  if (!doc) throw notFound('Document introuvable.');
  return doc;
}

/** A new document, as a draft, with its first version. */
export async function createDocument(
  ctx: AppContext,
  actor: StaffActor,
  meta: DocumentMetadata,
  file: UploadedDocumentFile,
): Promise<BackofficeDocument> {
  const id = newId();
  const scope = await scopeColumns(ctx, meta);
  const stored = await storeFile(ctx, file, id);
  const now = ctx.clock.now().toISOString();
  const versionId = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await recordStoredFile(trx, stored);
    await repo.insertDocument(trx, {
      id,
      ...metadataColumns(meta),
      ...scope,
      status: 'draft',
      current_version_id: versionId,
      published_at: null,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await repo.insertVersion(trx, {
      id: versionId,
      document_id: id,
      file_id: stored.id,
      version: 1,
      created_at: now,
      created_by: actor.userId,
    });
    await audit(trx, ctx, actor, 'document.created', id, {
      title: meta.title,
      scope: meta.scope,
    });
  });
  return getOne(ctx, id);
}

/** Replaces the file: a new version becomes the current one; the old ones are kept. */
export async function addDocumentVersion(
  ctx: AppContext,
  actor: StaffActor,
  id: string,
  file: UploadedDocumentFile,
): Promise<BackofficeDocument> {
  await getOne(ctx, id);
  const stored = await storeFile(ctx, file, id);
  const now = ctx.clock.now().toISOString();
  const versionId = newId();
  await ctx.db.transaction().execute(async (trx) => {
    const version = (await repo.findLastVersion(trx, id)) + 1;
    await recordStoredFile(trx, stored);
    await repo.insertVersion(trx, {
      id: versionId,
      document_id: id,
      file_id: stored.id,
      version,
      created_at: now,
      created_by: actor.userId,
    });
    await repo.updateDocument(trx, id, { current_version_id: versionId, updated_at: now });
    await audit(trx, ctx, actor, 'document.version_added', id, { version });
  });
  return getOne(ctx, id);
}

export async function updateDocumentMetadata(
  ctx: AppContext,
  actor: StaffActor,
  id: string,
  meta: DocumentMetadata,
): Promise<BackofficeDocument> {
  await getOne(ctx, id);
  const scope = await scopeColumns(ctx, meta);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateDocument(trx, id, {
      ...metadataColumns(meta),
      ...scope,
      updated_at: ctx.clock.now().toISOString(),
    });
    await audit(trx, ctx, actor, 'document.updated', id, { title: meta.title, scope: meta.scope });
  });
  return getOne(ctx, id);
}

export async function setDocumentStatus(
  ctx: AppContext,
  actor: StaffActor,
  id: string,
  status: Extract<DocumentStatus, 'published' | 'unpublished'>,
): Promise<BackofficeDocument> {
  const doc = await getOne(ctx, id);
  if (doc.status === status) {
    throw conflict(
      'document_status',
      status === 'published' ? 'Ce document est déjà publié.' : 'Ce document n’est pas publié.',
    );
  }
  if (status === 'unpublished' && doc.status !== 'published') {
    throw conflict('document_status', 'Ce document n’est pas publié.');
  }
  const now = ctx.clock.now();
  const userIds = status === 'published' ? await repo.findConcernedUserIds(ctx.db, doc) : [];
  const branding = status === 'published' ? await getBranding(ctx) : null;
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateDocument(trx, id, {
      status,
      updated_at: now.toISOString(),
      ...(status === 'published' ? { published_at: now.toISOString() } : {}),
    });
    await audit(
      trx,
      ctx,
      actor,
      status === 'published' ? 'document.published' : 'document.unpublished',
      id,
    );
    if (branding && userIds.length > 0) {
      await notifyUsers(trx, {
        userIds,
        type: 'new_document',
        title: `Nouveau document disponible : ${doc.title}`,
        link: '/documents',
        branding,
        publicUrl: ctx.config.publicUrl,
        now,
      });
    }
  });
  return getOne(ctx, id);
}
