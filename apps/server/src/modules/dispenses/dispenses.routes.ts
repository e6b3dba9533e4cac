import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  DispenseDetailSchema,
  DispenseExportQuerySchema,
  DispenseFileParamsSchema,
  DispenseFiltersSchema,
  DispenseListQuerySchema,
  DispenseListSchema,
  DispenseParamsSchema,
  DispensePreAffiliationSchema,
  PaperDispenseSchema,
} from '@affilia/shared/schemas/dispenses';
import { ATTACHMENT_MAX_BYTES } from '@affilia/shared/schemas/enrolment';
import type { AppContext } from '../../lib/context';
import { proofTooLarge, storeCheckedProof, type CheckedFile } from '../../lib/checked-file';
import { parisDate } from '../../lib/clock';
import { sendDownload } from '../../lib/download';
import { badRequest } from '../../lib/errors';
import { requestMeta } from '../../lib/request-meta';
import { parseFields } from '../messages/messages.routes';
import { sendExport } from '../members/members.routes';
import {
  dispenseFile,
  dispensesArchive,
  exportDispenses,
  getDispense,
  getPreAffiliation,
  listDispenses,
  recordPaperDispense,
  requestOfPerimeter,
} from './dispenses.service';

const tags = ['dispenses'];
/** The files of one paper dispense: the signed request and the proofs. */
const MAX_FILES = 10;

/** The register « Dispenses » (issue 19): /api/dispenses, within the caller's perimeter. */
export const dispensesRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get(
    '',
    {
      schema: {
        tags,
        summary: 'The register of dispenses d’affiliation (filters, sort, page)',
        querystring: DispenseListQuerySchema,
        response: { 200: DispenseListSchema },
      },
    },
    async (request) => listDispenses(ctx, request.employer, request.query),
  );

  app.get(
    '/export',
    {
      schema: {
        tags,
        summary: 'Export the filtered register (CSV for French Excel, or XLSX), streamed',
        querystring: DispenseExportQuerySchema,
      },
    },
    async (request, reply) => {
      const { format, ...filters } = request.query;
      const stream = await exportDispenses(
        ctx,
        request.employer,
        { filters, format },
        requestMeta(request),
      );
      return sendExport(reply, stream, `dispenses-${parisDate(ctx.clock.now())}.${format}`);
    },
  );

  app.get(
    '/archive.zip',
    {
      schema: {
        tags,
        summary: 'The signed requests and proofs of the filtered register, for an audit (zip)',
        querystring: DispenseFiltersSchema,
      },
    },
    async (request, reply) => {
      const stream = await dispensesArchive(
        ctx,
        request.employer,
        request.query,
        requestMeta(request),
      );
      const name = `dossier-audit-dispenses-${parisDate(ctx.clock.now())}.zip`;
      return sendExport(reply, stream, name);
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'One dispense with its files and the history of its request',
        params: DispenseParamsSchema,
        response: { 200: DispenseDetailSchema },
      },
    },
    async (request) => getDispense(ctx, request.employer, request.params.id),
  );

  app.get(
    '/:id/files/:fileId',
    {
      schema: {
        tags,
        summary: 'A file of the dispense (signed request or proof)',
        params: DispenseFileParamsSchema,
      },
    },
    async (request, reply) => {
      const { id, fileId } = request.params;
      return sendDownload(reply, await dispenseFile(ctx, request.employer, id, fileId));
    },
  );

  app.get(
    '/:id/pre-affiliation',
    {
      schema: {
        tags,
        summary: 'The pré-affiliation wizard’s values for an employee whose dispense expired',
        params: DispenseParamsSchema,
        response: { 200: DispensePreAffiliationSchema },
      },
    },
    async (request) => getPreAffiliation(ctx, request.employer, request.params.id),
  );
};

const tooMany = () =>
  badRequest('attachment_too_many_files', `${MAX_FILES} fichiers au plus.`, {
    proof: `${MAX_FILES} fichiers au plus`,
  });
const signedRequestMissing = () =>
  badRequest('signed_request_required', 'Joignez la demande de dispense signée par le salarié.', {
    signedRequest: 'Joignez la demande signée',
  });

type StoredFile = CheckedFile & { kind: 'proof' | 'signed_request' };

/**
 * The fields and files of a paper dispense: each file checked and stored as it is read (the
 * proofs' rules, lib/checked-file.ts); all of them removed when anything is wrong.
 */
async function readPaperDispense(ctx: AppContext, request: FastifyRequest) {
  const fields: Record<string, string> = {};
  const files: StoredFile[] = [];
  try {
    const parts = request.parts({
      limits: { fileSize: ATTACHMENT_MAX_BYTES, files: MAX_FILES, fields: 10, parts: 20 },
    });
    for await (const part of parts) {
      if (part.type !== 'file') {
        fields[part.fieldname] = String(part.value);
        continue;
      }
      const field = part.fieldname === 'signedRequest' ? 'signedRequest' : 'proof';
      const bytes = await part.toBuffer();
      const stored = await storeCheckedProof(ctx.storage, {
        bytes,
        fileName: part.filename,
        field,
      });
      files.push({ ...stored, kind: field === 'signedRequest' ? 'signed_request' : 'proof' });
    }
    const signed = files.filter((f) => f.kind === 'signed_request').length;
    if (signed !== 1) {
      if (signed === 0) throw signedRequestMissing();
      throw badRequest('validation_error', 'Joignez une seule demande signée.', {
        signedRequest: 'Une seule demande signée',
      });
    }
    return { fields: parseFields(PaperDispenseSchema, fields), files };
  } catch (err) {
    await Promise.all(files.map((f) => ctx.storage.remove(f.saved.storageKey)));
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw proofTooLarge('proof');
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
      throw tooMany();
    if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') throw signedRequestMissing();
    throw err;
  }
}

/** « Enregistrer une dispense papier » on an affiliation request: /api/affiliations/:id/dispense. */
export const paperDispenseRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.post(
    '/:id/dispense',
    {
      schema: {
        tags,
        summary:
          'Record a dispense the employee signed on paper (multipart: the fields, then the files signedRequest and proof)',
        params: z.object({ id: z.string().min(1).max(64) }),
        response: { 201: DispenseDetailSchema },
      },
    },
    async (request, reply) => {
      // The perimeter first: nothing is read nor stored for a request outside it.
      const affiliation = await requestOfPerimeter(ctx, request.employer, request.params.id);
      const upload = await readPaperDispense(ctx, request);
      const detail = await recordPaperDispense(
        ctx,
        request.employer,
        affiliation,
        upload,
        requestMeta(request),
      );
      return reply.code(201).send(detail);
    },
  );
};
