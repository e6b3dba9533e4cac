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
import { getBiaPdf } from '../enrolment/bia.service';
import { sendDownload } from '../../lib/download';
import {
  getAffiliation,
  getAttachmentFile,
  listQueue,
  markPaperReceived,
  returnAffiliation,
  validateAffiliation,
} from './backoffice.service';

const tags = ['backoffice'];

/** The insurer's enrolment queues (SPEC §6): /api/backoffice/affiliations…, staff only. */
export const backofficeRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get(
    '',
    {
      schema: {
        tags,
        summary: 'A queue of affiliation requests by status (default: finalised, to validate)',
        querystring: BackofficeQueueQuerySchema,
        response: { 200: BackofficeQueueSchema },
      },
    },
    async (request) => listQueue(ctx, request.query),
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'A request with its form, beneficiaries, attachments and history',
        params: BackofficeAffiliationParamsSchema,
        response: { 200: BackofficeAffiliationSchema },
      },
    },
    async (request) => getAffiliation(ctx, request.params.id),
  );

  app.get(
    '/:id/bia.pdf',
    {
      schema: {
        tags,
        summary: 'The BIA of a request (completed, or pre-filled)',
        params: BackofficeAffiliationParamsSchema,
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => {
      const file = await getBiaPdf(ctx, request.params.id);
      return sendDownload(reply, { ...file, mimeType: 'application/pdf' });
    },
  );

  app.get(
    '/:id/attachments/:attachmentId',
    {
      schema: {
        tags,
        summary: 'Download an attachment of the form',
        params: BackofficeAttachmentParamsSchema,
      },
    },
    async (request, reply) => {
      const file = await getAttachmentFile(ctx, request.params.id, request.params.attachmentId);
      return sendDownload(reply, file);
    },
  );

  app.post(
    '/:id/paper-received',
    {
      schema: {
        tags,
        summary: 'A paper BIA (mode « Courrier ») was received: « Finalisé »',
        params: BackofficeAffiliationParamsSchema,
        response: { 200: BackofficeAffiliationSchema },
      },
    },
    async (request) => {
      await markPaperReceived(ctx, request.staff, request.params.id);
      return getAffiliation(ctx, request.params.id);
    },
  );

  app.post(
    '/:id/validate',
    {
      schema: {
        tags,
        summary: 'Validate: the member and the coverage are created (or the member linked)',
        params: BackofficeAffiliationParamsSchema,
        response: { 200: BackofficeValidatedSchema },
      },
    },
    async (request) => validateAffiliation(ctx, request.staff, request.params.id, request.log),
  );

  app.post(
    '/:id/return',
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
      await returnAffiliation(ctx, request.staff, request.params.id, request.body.reason);
      return getAffiliation(ctx, request.params.id);
    },
  );
};
