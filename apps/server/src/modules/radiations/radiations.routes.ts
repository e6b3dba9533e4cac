import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  NewJobSchema,
  RadiationBulkCreateSchema,
  RadiationCreateSchema,
  RadiationCreatedSchema,
  RadiationDetailSchema,
  RadiationPrefillSchema,
  RadiationUpdateSchema,
} from '@affilia/shared/schemas/radiations';
import { sendDownload } from '../../lib/download';
import { requestMeta } from '../../lib/request-meta';
import { radiationNoticePdf } from './notice';
import {
  cancelRadiation,
  createRadiation,
  createRadiationsBulk,
  getRadiation,
  getRadiationPrefill,
  radiationOfPerimeter,
  reportNewJobAsEmployer,
  resubmitRadiation,
} from './radiations.service';

const tags = ['radiations'];
const Params = z.object({ id: z.string().min(1).max(64) });

/** The reads: the form's prefill, a radiation's detail and its notice. */
function readRoutes(app: Parameters<FastifyPluginAsyncZod>[0]) {
  const ctx = app.ctx;
  app.get(
    '/prefill',
    {
      schema: {
        tags,
        summary: 'What the radiation form of a member starts from',
        querystring: z.object({ memberId: z.string().min(1).max(64) }),
        response: { 200: RadiationPrefillSchema },
      },
    },
    async (request) => getRadiationPrefill(ctx, request.employer, request.query.memberId),
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'One radiation with its portability, loi Évin offer and history',
        params: Params,
        response: { 200: RadiationDetailSchema },
      },
    },
    async (request) => getRadiation(ctx, request.employer, request.params.id),
  );

  app.get(
    '/:id/notice.pdf',
    {
      schema: {
        tags,
        summary: 'The employee’s notice of the end of the group cover (PDF)',
        params: Params,
      },
    },
    async (request, reply) => {
      const r = await radiationOfPerimeter(ctx, request.employer, request.params.id);
      const pdf = await radiationNoticePdf(ctx, ctx.db, r.id);
      return sendDownload(reply, { ...pdf, mimeType: 'application/pdf' });
    },
  );
}

/** The writes: send, correct, cancel, new job. */
function writeRoutes(app: Parameters<FastifyPluginAsyncZod>[0]) {
  const ctx = app.ctx;
  app.post(
    '',
    {
      schema: {
        tags,
        summary: 'Radiate a member (« Radier un salarié »): the notice is queued',
        body: RadiationCreateSchema,
        response: { 201: RadiationCreatedSchema },
      },
    },
    async (request, reply) => {
      const created = await createRadiation(
        ctx,
        request.employer,
        request.body,
        requestMeta(request),
      );
      return reply.code(201).send({ radiations: [created] });
    },
  );

  app.post(
    '/bulk',
    {
      schema: {
        tags,
        summary: 'Radiate several members at once (all or nothing)',
        body: RadiationBulkCreateSchema,
        response: { 201: RadiationCreatedSchema },
      },
    },
    async (request, reply) => {
      const created = await createRadiationsBulk(
        ctx,
        request.employer,
        request.body,
        requestMeta(request),
      );
      return reply.code(201).send(created);
    },
  );

  app.put(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Correct a returned radiation and send it again',
        params: Params,
        body: RadiationUpdateSchema,
        response: { 200: RadiationDetailSchema },
      },
    },
    async (request) =>
      resubmitRadiation(
        ctx,
        request.employer,
        request.params.id,
        request.body,
        requestMeta(request),
      ),
  );

  app.post(
    '/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel a radiation (while sent or returned)',
        params: Params,
        response: { 200: RadiationDetailSchema },
      },
    },
    async (request) =>
      cancelRadiation(ctx, request.employer, request.params.id, requestMeta(request)),
  );

  app.post(
    '/:id/new-job',
    {
      schema: {
        tags,
        summary: 'The former employee found a new job: the portability ends the day before',
        params: Params,
        body: NewJobSchema,
        response: { 200: RadiationDetailSchema },
      },
    },
    async (request) =>
      reportNewJobAsEmployer(
        ctx,
        request.employer,
        request.params.id,
        request.body.date,
        requestMeta(request),
      ),
  );
}

/** « Radier un salarié » (issue 18): /api/radiations, within the caller's perimeter. */
export const radiationsRoutes: FastifyPluginAsyncZod = async (app) => {
  readRoutes(app);
  writeRoutes(app);
};
