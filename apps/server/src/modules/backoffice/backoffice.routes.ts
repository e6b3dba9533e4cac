import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  BackofficeAffiliationParamsSchema,
  BackofficeAffiliationSchema,
  BackofficeAttachmentParamsSchema,
  BackofficeQueueQuerySchema,
  BackofficeQueueSchema,
  BackofficeValidatedSchema,
  ReturnEnrolmentRequestSchema,
} from '@affilia/shared/schemas/enrolment';
import type { FastifyRequest } from 'fastify';
import { requireAuth } from '../../plugins/auth';
import { requestMeta } from '../auth/request-meta';
import { getBiaPdf } from '../enrolment/bia.service';
import { sendDownload } from '../enrolment/download';
import {
  getAffiliation,
  getAttachmentFile,
  listQueue,
  markPaperReceived,
  returnAffiliation,
  validateAffiliation,
  type StaffActor,
} from './backoffice.service';

const tags = ['backoffice'];

function staff(request: FastifyRequest): StaffActor {
  const auth = requireAuth(request, 'staff');
  return { userId: auth.user.id, meta: requestMeta(request) };
}

/** The insurer's enrolment queues (SPEC §6): /api/backoffice/affiliations…, staff only. */
export const backofficeRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get(
    '/api/backoffice/affiliations',
    {
      schema: {
        tags,
        summary: 'A queue of affiliation requests by status (default: finalised, to validate)',
        querystring: BackofficeQueueQuerySchema,
        response: { 200: BackofficeQueueSchema },
      },
    },
    async (request) => {
      staff(request);
      return listQueue(ctx, request.query);
    },
  );

  app.get(
    '/api/backoffice/affiliations/:id',
    {
      schema: {
        tags,
        summary: 'A request with its form, beneficiaries, attachments and history',
        params: BackofficeAffiliationParamsSchema,
        response: { 200: BackofficeAffiliationSchema },
      },
    },
    async (request) => {
      staff(request);
      return getAffiliation(ctx, request.params.id);
    },
  );

  app.get(
    '/api/backoffice/affiliations/:id/bia.pdf',
    {
      schema: {
        tags,
        summary: 'The BIA of a request (completed, or pre-filled)',
        params: BackofficeAffiliationParamsSchema,
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => {
      staff(request);
      const file = await getBiaPdf(ctx, request.params.id);
      return sendDownload(reply, { ...file, mimeType: 'application/pdf' });
    },
  );

  app.get(
    '/api/backoffice/affiliations/:id/attachments/:attachmentId',
    {
      schema: {
        tags,
        summary: 'Download an attachment of the form',
        params: BackofficeAttachmentParamsSchema,
      },
    },
    async (request, reply) => {
      staff(request);
      const file = await getAttachmentFile(ctx, request.params.id, request.params.attachmentId);
      return sendDownload(reply, file);
    },
  );

  app.post(
    '/api/backoffice/affiliations/:id/paper-received',
    {
      schema: {
        tags,
        summary: 'A paper BIA (mode « Courrier ») was received: « Finalisé »',
        params: BackofficeAffiliationParamsSchema,
        response: { 200: BackofficeAffiliationSchema },
      },
    },
    async (request) => {
      await markPaperReceived(ctx, staff(request), request.params.id);
      return getAffiliation(ctx, request.params.id);
    },
  );

  app.post(
    '/api/backoffice/affiliations/:id/validate',
    {
      schema: {
        tags,
        summary: 'Validate: the member and the coverage are created (or the member linked)',
        params: BackofficeAffiliationParamsSchema,
        response: { 200: BackofficeValidatedSchema },
      },
    },
    async (request) => validateAffiliation(ctx, staff(request), request.params.id),
  );

  app.post(
    '/api/backoffice/affiliations/:id/return',
    {
      schema: {
        tags,
        summary: 'Return the form to the employee with a reason (a new link is emailed)',
        params: BackofficeAffiliationParamsSchema,
        body: ReturnEnrolmentRequestSchema,
        response: { 200: BackofficeAffiliationSchema },
      },
    },
    async (request) => {
      await returnAffiliation(ctx, staff(request), request.params.id, request.body.reason);
      return getAffiliation(ctx, request.params.id);
    },
  );
};
