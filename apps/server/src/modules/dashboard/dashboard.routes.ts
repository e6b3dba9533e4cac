import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DashboardQuerySchema, DashboardSchema } from '@affilia/shared/schemas/members';
import { sendSchemaJson } from '../../lib/schema-json';
import { getDashboardJson } from './dashboard.service';

/** The home page's figures (SPEC §5.1): /api/dashboard. */
export const dashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '',
    {
      schema: {
        tags: ['dashboard'],
        summary: 'Insured members by establishment and by collège, pending actions, tips',
        querystring: DashboardQuerySchema,
        response: { 200: DashboardSchema },
      },
    },
    // Already the JSON of DashboardSchema (dashboard.service.ts).
    async (request, reply) =>
      sendSchemaJson(
        reply,
        await getDashboardJson(app.ctx, request.employer, request.query.companyId),
      ),
  );
};
