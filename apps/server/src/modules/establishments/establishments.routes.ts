import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AddEstablishmentRequestSchema,
  AddEstablishmentResultSchema,
  EstablishmentListSchema,
  IMPORT_MAX_BYTES,
  ImportReportParamsSchema,
  ImportReportSchema,
} from '@affilia/shared/schemas/establishments';
import { sendDownload } from '../../lib/download';
import { CSV_UTF8 } from '../../lib/file-types';
import { readSpreadsheetUpload } from '../../lib/upload';
import { requestMeta } from '../../lib/request-meta';
import {
  addEstablishment,
  getImportReportCsv,
  importEstablishments,
  listEstablishments,
} from './establishments.service';
import { importTemplate, TEMPLATE_FILE_NAME, XLSX_MIME_TYPE } from './import-template';

const tags = ['establishments'];

/** The one file of a multipart request, read in memory within the import's limits. */
const readImportFile = (request: FastifyRequest) =>
  readSpreadsheetUpload(request, IMPORT_MAX_BYTES);

/** Establishments of the perimeter and their import (SPEC §4.4): /api/establishments. */
export const establishmentsRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get(
    '',
    {
      schema: {
        tags,
        summary: 'The establishments of the perimeter',
        response: { 200: EstablishmentListSchema },
      },
    },
    async (request) => ({
      establishments: await listEstablishments(ctx, request.employer),
    }),
  );

  app.post(
    '',
    {
      schema: {
        tags,
        summary: 'Add an establishment to the perimeter (SIRET and « code identifiant »)',
        body: AddEstablishmentRequestSchema,
        response: { 201: AddEstablishmentResultSchema },
      },
    },
    async (request, reply) => {
      const result = await addEstablishment(ctx, request.employer, {
        ...request.body,
        meta: requestMeta(request),
      });
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/import-template.xlsx',
    {
      schema: {
        tags,
        summary: 'The Excel template of the import (SIRET column formatted as text)',
        produces: [XLSX_MIME_TYPE],
      },
    },
    async (request, reply) => {
      return reply
        .type(XLSX_MIME_TYPE)
        .header('content-disposition', `attachment; filename="${TEMPLATE_FILE_NAME}"`)
        .header('cache-control', 'private, max-age=3600')
        .send(await importTemplate());
    },
  );

  app.post(
    '/import',
    {
      schema: {
        tags,
        summary: 'Add the establishments of a file (.csv or .xlsx, field `file`); the report',
        consumes: ['multipart/form-data'],
        response: { 200: ImportReportSchema },
      },
    },
    async (request) => {
      const actor = request.employer;
      const upload = await readImportFile(request);
      return importEstablishments(ctx, actor, { ...upload, meta: requestMeta(request) });
    },
  );

  app.get(
    '/import/:reportId/report.csv',
    {
      schema: {
        tags,
        summary: 'The report of an import as CSV (UTF-8 with BOM, semicolons)',
        params: ImportReportParamsSchema,
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      return sendDownload(reply, {
        bytes: await getImportReportCsv(ctx, request.employer, request.params.reportId),
        fileName: 'rapport-import-etablissements.csv',
        mimeType: CSV_UTF8,
      });
    },
  );
};
