import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { RADIATION_IMPORT_MAX_BYTES } from '@affilia/shared/domain/radiation-import';
import { RadiationImportReportSchema } from '@affilia/shared/schemas/radiation-import';
import { requestMeta } from '../../lib/request-meta';
import { readSpreadsheetUpload } from '../../lib/upload';
import { XLSX_MIME_TYPE } from '../establishments/import-template';
import { importRadiations } from './radiation-import.service';
import { RADIATION_TEMPLATE_FILE_NAME, radiationImportTemplate } from './radiation-import-template';

const tags = ['radiations'];

/** « Radier par fichier » (issue 18): /api/radiations/import, employer scope. */
export const radiationImportRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get(
    '/template.xlsx',
    {
      schema: {
        tags,
        summary: 'The Excel template of « Radier par fichier » (text columns, a help sheet)',
        produces: [XLSX_MIME_TYPE],
      },
    },
    async (_request, reply) =>
      reply
        .type(XLSX_MIME_TYPE)
        .header('content-disposition', `attachment; filename="${RADIATION_TEMPLATE_FILE_NAME}"`)
        .header('cache-control', 'private, max-age=3600')
        .send(await radiationImportTemplate()),
  );

  app.post(
    '',
    {
      schema: {
        tags,
        summary:
          'Radiate the members of a file (.csv or .xlsx, field `file`); the row-by-row report',
        consumes: ['multipart/form-data'],
        response: { 200: RadiationImportReportSchema },
      },
    },
    async (request) => {
      const upload = await readSpreadsheetUpload(request, RADIATION_IMPORT_MAX_BYTES);
      return importRadiations(ctx, request.employer, { ...upload, meta: requestMeta(request) });
    },
  );
};
