import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  REFERENCE_IMPORT_KINDS,
  REFERENCE_IMPORT_MAX_BYTES,
  ReferenceImportHistorySchema,
  ReferenceImportJobSchema,
  ReferenceImportJobStartedSchema,
  ReferenceImportParamsSchema,
  ReferenceImportQuerySchema,
  ReferenceImportReportSchema,
  ReferenceImportTemplateParamsSchema,
  type ReferenceImportKind,
} from '@affilia/shared/schemas/reference-import';
import {
  referenceImportReportName,
  referenceImportTemplateName,
} from '@affilia/shared/schemas/reference-import';
import { sendDownload } from '../../lib/download';
import { badRequest } from '../../lib/errors';
import { CSV_UTF8 } from '../../lib/file-types';
import { fieldOrQuery, readSpreadsheetUpload } from '../../lib/upload';
import { XLSX_MIME_TYPE } from '../establishments/import-template';
import { readImportJob, startImportJob } from './import-jobs';
import type { RunImportInput } from './import.service';
import { listImports, readImportReport, runReferenceImport } from './import.service';
import { referenceImportTemplate } from './import-template';

const tags = ['backoffice-reference-data'];

const badKind = () =>
  badRequest('import_kind_invalid', 'Choisissez le type de données à importer.', {
    kind: 'Choisissez entreprises, établissements, contrats ou assurés',
  });
/** The file of a multipart request and its `kind` (a field before the file, or ?kind=). */
async function readImportUpload(
  request: FastifyRequest,
): Promise<{ bytes: Buffer; fileName: string | undefined; kind: ReferenceImportKind }> {
  const upload = await readSpreadsheetUpload(
    request,
    REFERENCE_IMPORT_MAX_BYTES,
    'découpez-le, ou importez-le en ligne de commande',
  );
  const kind = fieldOrQuery(request, upload, 'kind');
  if (!kind || !(REFERENCE_IMPORT_KINDS as readonly string[]).includes(kind)) throw badKind();
  return { bytes: upload.bytes, fileName: upload.fileName, kind: kind as ReferenceImportKind };
}

/** A back-office import of the uploaded file by the signed-in staff member (both routes). */
async function backOfficeImport(
  request: FastifyRequest,
  dryRun: boolean,
): Promise<Omit<RunImportInput, 'onStart' | 'onRows'>> {
  const upload = await readImportUpload(request);
  const { userId, meta } = request.staff;
  return {
    kind: upload.kind,
    file: { bytes: upload.bytes },
    fileName: upload.fileName ?? 'fichier',
    dryRun,
    source: 'backoffice',
    actor: { userId, ip: meta.ip, userAgent: meta.userAgent },
  };
}

/** An import run: at once (small files) or in the background with its progress. */
const importRunRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  const deps = () => ({
    db: ctx.db,
    dialect: ctx.dialect,
    cipher: ctx.cipher,
    storage: ctx.storage,
    now: () => ctx.clock.now(),
  });

  app.post(
    '/imports',
    {
      schema: {
        tags,
        summary:
          'Import companies, establishments, contracts or members (multipart: kind, file); ?dryRun=1 checks without applying',
        consumes: ['multipart/form-data'],
        querystring: ReferenceImportQuerySchema,
        response: { 200: ReferenceImportReportSchema },
      },
    },
    async (request) => {
      const result = await runReferenceImport(
        deps(),
        await backOfficeImport(request, request.query.dryRun),
      );
      return result.report;
    },
  );

  app.post(
    '/import-jobs',
    {
      schema: {
        tags,
        summary:
          'The same import in the background: answers once the file is checked and counted (a file error is this answer), then GET …/import-jobs/:id',
        consumes: ['multipart/form-data'],
        querystring: ReferenceImportQuerySchema,
        response: { 202: ReferenceImportJobStartedSchema },
      },
    },
    async (request, reply) => {
      const job = await startImportJob(
        deps(),
        await backOfficeImport(request, request.query.dryRun),
      );
      // The rows are applied after the answer; the job row tells how it goes.
      void job.finished.catch((err: unknown) => request.log.error({ err }, 'import job failed'));
      return reply.code(202).send({ id: job.id });
    },
  );

  app.get(
    '/import-jobs/:id',
    {
      schema: {
        tags,
        summary: 'An import run in the background: rows done / rows of the file, then its report',
        params: ReferenceImportParamsSchema,
        response: { 200: ReferenceImportJobSchema },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      return readImportJob(deps(), request.params.id);
    },
  );
};

/** The history of the imports, their reports, and the templates to fill in. */
const importHistoryRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get(
    '/imports',
    {
      schema: {
        tags,
        summary: 'The history of the imports (newest first, 100 at most)',
        response: { 200: ReferenceImportHistorySchema },
      },
    },
    async () => ({ imports: await listImports(ctx.db) }),
  );

  app.get(
    '/imports/:id/report.csv',
    {
      schema: {
        tags,
        summary: 'The report of an import as CSV (UTF-8 with BOM, semicolons)',
        params: ReferenceImportParamsSchema,
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const { report, kind } = await readImportReport(ctx, request.params.id);
      return sendDownload(reply, {
        bytes: report,
        fileName: referenceImportReportName(kind),
        mimeType: CSV_UTF8,
      });
    },
  );

  app.get(
    '/templates/:file',
    {
      schema: {
        tags,
        summary: 'The Excel template of a kind (companies.xlsx, establishments.xlsx…)',
        params: ReferenceImportTemplateParamsSchema,
        produces: [XLSX_MIME_TYPE],
      },
    },
    async (request, reply) => {
      const kind = request.params.file.replace(/\.xlsx$/, '') as ReferenceImportKind;
      return reply
        .type(XLSX_MIME_TYPE)
        .header(
          'content-disposition',
          `attachment; filename="${referenceImportTemplateName(kind)}"`,
        )
        .header('cache-control', 'private, max-age=3600')
        .send(await referenceImportTemplate(kind));
    },
  );
};

/** Back office: the reference-data import from CSV or XLSX, with its row-by-row report (SPEC §3). */
export const referenceImportRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(importRunRoutes);
  await app.register(importHistoryRoutes);
};
