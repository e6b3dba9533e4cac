import type { Kysely } from 'kysely';
import type { DocumentCategory } from '@affilia/shared/domain/enums';
import type {
  BackofficeDocument,
  BackofficeDocuments,
  DocumentMetadata,
} from '@affilia/shared/schemas/documents';
import type { Database, DocumentStatus } from '../../db/schema';
import type { AuditAction } from '@affilia/shared/domain/audit';
import { recordAudit } from '../../lib/audit';
import type { AppContext } from '../../lib/context';
import { badRequest, conflict, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { recordStoredFile, type StoredFileRow } from '../../lib/stored-files';
import { DOCX, PDF, XLSX, detectFileType, fileNameFor } from '../../lib/file-types';
import { notifyUsers } from '../notifications/notify';
import { getBranding } from '../settings/settings.service';
import type { StaffActor } from './backoffice.service';

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
    const company = await ctx.db
      .selectFrom('companies')
      .select('id')
      .where('id', '=', meta.companyId!)
      .executeTakeFirst();
    if (!company) {
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

async function audit(
  db: Kysely<Database>,
  ctx: AppContext,
  actor: StaffActor,
  action: AuditAction,
  documentId: string,
  details?: Record<string, unknown>,
) {
  await recordAudit(db, ctx.clock.now(), {
    action,
    actorUserId: actor.userId,
    actorKind: 'staff',
    targetType: 'document',
    targetId: documentId,
    ip: actor.meta.ip,
    userAgent: actor.meta.userAgent,
    details,
  });
}

export async function listBackofficeDocuments(
  ctx: AppContext,
  opts: { id?: string } = {},
): Promise<BackofficeDocuments> {
  let query = ctx.db
    .selectFrom('documents')
    .leftJoin('companies', 'companies.id', 'documents.company_id')
    .selectAll('documents')
    .select('companies.name as company_name');
  if (opts.id !== undefined) query = query.where('documents.id', '=', opts.id);
  const docs = await query
    .orderBy('documents.updated_at', 'desc')
    .orderBy('documents.id')
    .execute();
  const versions =
    docs.length === 0
      ? []
      : await ctx.db
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
          .where(
            'document_versions.document_id',
            'in',
            docs.map((d) => d.id),
          )
          .orderBy('document_versions.version', 'desc')
          .execute();
  const idccs = [...new Set(docs.flatMap((d) => (d.ccn_idcc ? [d.ccn_idcc] : [])))];
  const ccnNames = new Map(
    idccs.length === 0
      ? []
      : (
          await ctx.db
            .selectFrom('companies')
            .select(['idcc', (eb) => eb.fn.min('ccn_name').as('ccn_name')])
            .where('idcc', 'in', idccs)
            .groupBy('idcc')
            .execute()
        ).map((r) => [r.idcc, r.ccn_name]),
  );
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
  const row = await ctx.db
    .selectFrom('document_versions')
    .innerJoin('stored_files', 'stored_files.id', 'document_versions.file_id')
    .select(['stored_files.storage_key', 'stored_files.original_name', 'stored_files.mime_type'])
    .where('document_versions.id', '=', versionId)
    .where('document_versions.document_id', '=', documentId)
    .executeTakeFirst();
  if (!row) throw notFound('Document introuvable.');
  return {
    bytes: await ctx.storage.read(row.storage_key),
    fileName: row.original_name,
    mimeType: row.mime_type,
  };
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
    await trx
      .insertInto('documents')
      .values({
        id,
        title: meta.title,
        description: meta.description || null,
        category: meta.category,
        ...scope,
        status: 'draft',
        current_version_id: versionId,
        published_at: null,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await trx
      .insertInto('document_versions')
      .values({
        id: versionId,
        document_id: id,
        file_id: stored.id,
        version: 1,
        created_at: now,
        created_by: actor.userId,
      })
      .execute();
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
    const last = await trx
      .selectFrom('document_versions')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('document_id', '=', id)
      .executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    await recordStoredFile(trx, stored);
    await trx
      .insertInto('document_versions')
      .values({
        id: versionId,
        document_id: id,
        file_id: stored.id,
        version,
        created_at: now,
        created_by: actor.userId,
      })
      .execute();
    await trx
      .updateTable('documents')
      .set({ current_version_id: versionId, updated_at: now })
      .where('id', '=', id)
      .execute();
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
    await trx
      .updateTable('documents')
      .set({
        title: meta.title,
        description: meta.description || null,
        category: meta.category,
        ...scope,
        updated_at: ctx.clock.now().toISOString(),
      })
      .where('id', '=', id)
      .execute();
    await audit(trx, ctx, actor, 'document.updated', id, { title: meta.title, scope: meta.scope });
  });
  return getOne(ctx, id);
}

/** The employer users a document concerns (active, with a role in one of its companies). */
async function concernedUserIds(ctx: AppContext, doc: BackofficeDocument): Promise<string[]> {
  let q = ctx.db
    .selectFrom('user_company_roles')
    .innerJoin('users', 'users.id', 'user_company_roles.user_id')
    .innerJoin('companies', 'companies.id', 'user_company_roles.company_id')
    .select('users.id')
    .distinct()
    .where('users.status', '=', 'active');
  if (doc.scope === 'ccn') q = q.where('companies.idcc', '=', doc.idcc);
  if (doc.scope === 'company') q = q.where('companies.id', '=', doc.companyId);
  return (await q.execute()).map((r) => r.id);
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
  const userIds = status === 'published' ? await concernedUserIds(ctx, doc) : [];
  const branding = status === 'published' ? await getBranding(ctx) : null;
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('documents')
      .set({
        status,
        updated_at: now.toISOString(),
        ...(status === 'published' ? { published_at: now.toISOString() } : {}),
      })
      .where('id', '=', id)
      .execute();
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
