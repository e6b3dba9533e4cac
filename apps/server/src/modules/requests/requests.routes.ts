import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { RequestListQuerySchema, RequestPageSchema } from '@affilia/shared/schemas/radiations';
import { listRequests } from './requests.service';

/** « Suivi des demandes » (issue 18): every request of my perimeter, whatever its type. */
export const requestsRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get(
    '',
    {
      schema: {
        tags: ['requests'],
        summary: 'Every request of my perimeter (affiliations, radiations): filters, sort, page',
        querystring: RequestListQuerySchema,
        response: { 200: RequestPageSchema },
      },
    },
    async (request) => listRequests(ctx, request.employer, request.query),
  );
};
