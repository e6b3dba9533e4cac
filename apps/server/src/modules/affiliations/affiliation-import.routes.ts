import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AFFILIATION_IMPORT_MAX_BYTES } from '@affilia/shared/domain/affiliation-import';
import { AffiliationImportReportSchema } from '@affilia/shared/schemas/affiliation-import';
import { sendDownload } from '../../lib/download';
import { requestMeta } from '../../lib/request-meta';
import { readSpreadsheetUpload } from '../../lib/upload';
import { XLSX_MIME_TYPE } from '../establishments/import-template';
import { getImportBiaPdf, importAffiliations } from './affiliation-import.service';
import {
  AFFILIATION_TEMPLATE_FILE_NAME,
  affiliationImportTemplate,
} from './affiliation-import-template';

const tags = ['affiliations'];

/** « Pré-affilier par fichier » (issue 20): /api/affiliations/import, employer scope. */
export const affiliationImportRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get(
    '/template.xlsx',
    {
      schema: {
        tags,
        summary: 'The Excel template of « Pré-affilier par fichier » (text columns, a help sheet)',
        produces: [XLSX_MIME_TYPE],
      },
    },
    async (_request, reply) =>
      reply
        .type(XLSX_MIME_TYPE)
        .header('content-disposition', `attachment; filename="${AFFILIATION_TEMPLATE_FILE_NAME}"`)
        .header('cache-control', 'private, max-age=3600')
        .send(await affiliationImportTemplate()),
  );

  app.post(
    '',
    {
      schema: {
        tags,
        summary:
          'Pré-affiliate the employees of a file (.csv or .xlsx, field `file`); the row-by-row report',
        consumes: ['multipart/form-data'],
        response: { 200: AffiliationImportReportSchema },
      },
    },
    async (request) => {
      const upload = await readSpreadsheetUpload(request, AFFILIATION_IMPORT_MAX_BYTES);
      return importAffiliations(ctx, request.employer, { ...upload, meta: requestMeta(request) });
    },
  );

  app.get(
    '/:batchId/bia.pdf',
    {
      schema: {
        tags,
        summary:
          'The pre-filled BIA of each « Courrier » request of an imported file, in one PDF to print',
        params: z.object({ batchId: z.uuid() }),
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => {
      const file = await getImportBiaPdf(ctx, request.employer, request.params.batchId);
      return sendDownload(reply, { ...file, mimeType: 'application/pdf' });
    },
  );
};
