import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AffiliationDetailSchema,
  AffiliationListQuerySchema,
  AffiliationOptionsSchema,
  AffiliationPageSchema,
  AffiliationReminderResultSchema,
  PreAffiliationSchema,
} from '@affilia/shared/schemas/affiliations';
import { requestMeta } from '../../lib/request-meta';
import {
  cancelAffiliation,
  createAffiliation,
  getAffiliation,
  getAffiliationOptions,
  listAffiliations,
  sendReminder,
} from './affiliations.service';

const tags = ['affiliations'];
const Params = z.object({ id: z.string().min(1).max(64) });

/** « Pré-affiliation » and « Suivi des demandes d'affiliation » (SPEC §5.3, §5.4). */
export const affiliationsRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get(
    '',
    {
      schema: {
        tags,
        summary: 'Affiliation requests of my perimeter',
        querystring: AffiliationListQuerySchema,
        response: { 200: AffiliationPageSchema },
      },
    },
    async (request) => listAffiliations(ctx, request.employer, request.query),
  );

  app.get(
    '/options',
    {
      schema: {
        tags,
        summary: 'Establishments and contracts per collège for the pre-affiliation wizard',
        response: { 200: AffiliationOptionsSchema },
      },
    },
    async (request) => getAffiliationOptions(ctx, request.employer),
  );

  app.post(
    '',
    {
      schema: {
        tags,
        summary: 'Pre-affiliate an employee (emails the form in mode email)',
        body: PreAffiliationSchema,
        response: { 201: AffiliationDetailSchema },
      },
    },
    async (request, reply) => {
      const result = await createAffiliation(
        ctx,
        request.employer,
        request.body,
        requestMeta(request),
      );
      return reply.code(201).send(result);
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'One affiliation request with its history',
        params: Params,
        response: { 200: AffiliationDetailSchema },
      },
    },
    async (request) => getAffiliation(ctx, request.employer, request.params.id),
  );

  app.post(
    '/:id/reminder',
    {
      schema: {
        tags,
        summary: 'Send a reminder email to the employee (at most one a day)',
        params: Params,
        response: { 200: AffiliationReminderResultSchema },
      },
    },
    async (request) => sendReminder(ctx, request.employer, request.params.id, requestMeta(request)),
  );

  app.post(
    '/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel the affiliation request (abandoned; the link dies)',
        params: Params,
        response: { 200: AffiliationDetailSchema },
      },
    },
    async (request) =>
      cancelAffiliation(ctx, request.employer, request.params.id, requestMeta(request)),
  );
};
