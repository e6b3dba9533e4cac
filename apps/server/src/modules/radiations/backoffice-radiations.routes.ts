import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BackofficeRadiationPageSchema,
  BackofficeRadiationQuerySchema,
  EvinAnswerSchema,
  NewJobSchema,
  RadiationDetailSchema,
  RadiationReturnSchema,
} from '@affilia/shared/schemas/radiations';
import { sendDownload } from '../../lib/download';
import {
  answerEvin,
  backofficeNoticePdf,
  getBackofficeRadiation,
  listRadiationQueue,
  processRadiation,
  reportNewJobAsStaff,
  returnRadiation,
} from './backoffice-radiations.service';

const tags = ['backoffice'];
const Params = z.object({ id: z.string().min(1).max(64) });
const detail = { 200: RadiationDetailSchema };

/** The insurer's « Radiations » queue: /api/backoffice/radiations… (staff). */
export const backofficeRadiationsRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get(
    '',
    {
      schema: {
        tags,
        summary: 'The radiations of a status (default: sent, to process), by company or name',
        querystring: BackofficeRadiationQuerySchema,
        response: { 200: BackofficeRadiationPageSchema },
      },
    },
    async (request) => listRadiationQueue(ctx, request.query),
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'A radiation with its portability, loi Évin offer and history',
        params: Params,
        response: detail,
      },
    },
    async (request) => getBackofficeRadiation(ctx, request.params.id),
  );

  app.get(
    '/:id/notice.pdf',
    {
      schema: {
        tags,
        summary: 'The notice of the end of the group cover sent (or to print) for the employee',
        params: Params,
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => {
      const file = await backofficeNoticePdf(ctx, request.params.id);
      return sendDownload(reply, { ...file, mimeType: 'application/pdf' });
    },
  );

  app.post(
    '/:id/process',
    {
      schema: {
        tags,
        summary: 'Process: the coverage ended at the date, the portability coverage opened',
        params: Params,
        response: detail,
      },
    },
    async (request) => processRadiation(ctx, request.staff, request.params.id),
  );

  app.post(
    '/:id/return',
    {
      schema: {
        tags,
        summary: 'Return the radiation to the employer with a reason',
        params: Params,
        body: RadiationReturnSchema,
        response: detail,
      },
    },
    async (request) => returnRadiation(ctx, request.staff, request.params.id, request.body.reason),
  );

  app.post(
    '/:id/evin',
    {
      schema: {
        tags,
        summary: 'Record the former employee’s answer to the loi Évin offer',
        params: Params,
        body: EvinAnswerSchema,
        response: detail,
      },
    },
    async (request) => answerEvin(ctx, request.staff, request.params.id, request.body.answer),
  );

  app.post(
    '/:id/new-job',
    {
      schema: {
        tags,
        summary: 'The former employee found a new job: the portability ends the day before',
        params: Params,
        body: NewJobSchema,
        response: detail,
      },
    },
    async (request) =>
      reportNewJobAsStaff(ctx, request.staff, request.params.id, request.body.date),
  );
};
