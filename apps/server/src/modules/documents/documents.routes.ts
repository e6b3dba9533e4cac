import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  DocumentIdParamsSchema,
  DocumentsQuerySchema,
  EmployerDocumentsSchema,
} from '@affilia/shared/schemas/documents';
import { sendDownload } from '../../lib/download';
import { listEmployerDocuments, readEmployerDocumentFile } from './documents.service';

/** « Mes documents pratiques » (SPEC §5.6): /api/documents. */
export const documentsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '',
    {
      schema: {
        tags: ['documents'],
        summary: 'Published documents for the user (everyone, their CCN, their companies)',
        querystring: DocumentsQuerySchema,
        response: { 200: EmployerDocumentsSchema },
      },
    },
    async (request) => listEmployerDocuments(app.ctx, request.employer, request.query),
  );

  app.get(
    '/:id/file',
    {
      schema: {
        tags: ['documents'],
        summary: 'The current version of a document, as an attachment',
        params: DocumentIdParamsSchema,
      },
    },
    async (request, reply) =>
      sendDownload(
        reply,
        await readEmployerDocumentFile(app.ctx, request.employer, request.params.id),
      ),
  );
};
