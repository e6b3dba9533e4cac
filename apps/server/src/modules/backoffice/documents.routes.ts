import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BackofficeDocumentSchema,
  BackofficeDocumentsSchema,
  DOCUMENT_MAX_BYTES,
  DocumentIdParamsSchema,
  DocumentVersionParamsSchema,
  DocumentMetadataSchema,
  type DocumentMetadata,
} from '@affilia/shared/schemas/documents';
import { badRequest } from '../../lib/errors';
import { oneFileAtATime, readUpload } from '../../lib/upload';
import { sendDownload } from '../../lib/download';
import {
  addDocumentVersion,
  createDocument,
  listBackofficeDocuments,
  readDocumentVersionFile,
  setDocumentStatus,
  updateDocumentMetadata,
  type UploadedDocumentFile,
} from './documents.service';

const tags = ['backoffice'];
const MB = DOCUMENT_MAX_BYTES / 1024 / 1024;

const noFile = () =>
  badRequest('document_file_missing', 'Choisissez un fichier à envoyer.', {
    file: 'Choisissez un fichier PDF, DOCX ou XLSX',
  });

/** The one file of a multipart upload (field `file`, last) and the text fields before it. */
async function readDocumentUpload(
  request: FastifyRequest,
): Promise<{ file: UploadedDocumentFile; fields: Record<string, string> }> {
  const upload = await readUpload(request, {
    maxBytes: DOCUMENT_MAX_BYTES,
    maxFields: 8,
    noFile,
    tooLarge: () =>
      badRequest('document_too_large', `Fichier trop volumineux (${MB} Mo au plus).`, {
        file: `Fichier trop volumineux (${MB} Mo au plus)`,
      }),
    tooMany: () => oneFileAtATime('document_too_many_files'),
  });
  return { file: { bytes: upload.bytes, fileName: upload.fileName }, fields: upload.fields };
}

function parseMetadata(fields: Record<string, string>): DocumentMetadata {
  const parsed = DocumentMetadataSchema.safeParse({
    ...fields,
    description: fields.description || null,
    idcc: fields.idcc || null,
    companyId: fields.companyId || null,
  });
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? 'form');
      errors[key] ??= issue.message;
    }
    throw badRequest('validation_error', 'Vérifiez les champs du document.', errors);
  }
  return parsed.data;
}

/** The insurer's documents (SPEC §6): /api/backoffice/documents…, staff only. */
export const backofficeDocumentsRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get(
    '',
    {
      schema: {
        tags,
        summary: 'Every document, with its status and versions',
        response: { 200: BackofficeDocumentsSchema },
      },
    },
    async () => listBackofficeDocuments(ctx),
  );

  app.post(
    '',
    {
      schema: {
        tags,
        summary: `Add a document as a draft (multipart: title, description, category, scope, idcc or companyId, then file; PDF, DOCX or XLSX, ${MB} MB at most)`,
        consumes: ['multipart/form-data'],
        response: { 201: BackofficeDocumentSchema },
      },
    },
    async (request, reply) => {
      const actor = request.staff;
      const { file, fields } = await readDocumentUpload(request);
      const meta = parseMetadata(fields);
      return reply.code(201).send(await createDocument(ctx, actor, meta, file));
    },
  );

  app.patch(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Change the metadata of a document (title, description, category, scope)',
        params: DocumentIdParamsSchema,
        body: z.unknown(),
        response: { 200: BackofficeDocumentSchema },
      },
    },
    async (request) => {
      const actor = request.staff;
      const body = (request.body ?? {}) as Record<string, unknown>;
      const fields = Object.fromEntries(
        Object.entries(body).map(([k, v]) => [k, typeof v === 'string' ? v : '']),
      );
      return updateDocumentMetadata(ctx, actor, request.params.id, parseMetadata(fields));
    },
  );

  app.get(
    '/:id/versions/:versionId/file',
    {
      schema: {
        tags,
        summary: 'The file of one version of a document (current or replaced), as an attachment',
        params: DocumentVersionParamsSchema,
      },
    },
    async (request, reply) => {
      const { id, versionId } = request.params;
      return sendDownload(reply, await readDocumentVersionFile(ctx, id, versionId));
    },
  );

  app.post(
    '/:id/versions',
    {
      schema: {
        tags,
        summary: `Replace the file (multipart: file): a new version, the old ones kept`,
        consumes: ['multipart/form-data'],
        params: DocumentIdParamsSchema,
        response: { 201: BackofficeDocumentSchema },
      },
    },
    async (request, reply) => {
      const actor = request.staff;
      const { file } = await readDocumentUpload(request);
      return reply.code(201).send(await addDocumentVersion(ctx, actor, request.params.id, file));
    },
  );

  for (const [action, status] of [
    ['publish', 'published'],
    ['unpublish', 'unpublished'],
  ] as const) {
    app.post(
      `/:id/${action}`,
      {
        schema: {
          tags,
          summary:
            action === 'publish'
              ? 'Publish a document (the employer users it concerns are notified)'
              : 'Unpublish a document (hidden from employers)',
          params: DocumentIdParamsSchema,
          response: { 200: BackofficeDocumentSchema },
        },
      },
      async (request) => setDocumentStatus(ctx, request.staff, request.params.id, status),
    );
  }
};
