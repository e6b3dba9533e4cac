import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ContractFiguresSchema,
  DashboardQuerySchema,
  DashboardSchema,
  EstablishmentFiguresSchema,
} from '@affilia/shared/schemas/members';
import { getContractFigures, getDashboard, getEstablishmentFigures } from './dashboard.service';

/** The home page's figures (SPEC §5.1): /api/dashboard, and every figure of its charts. */
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
    async (request) => getDashboard(app.ctx, request.employer, request.query.companyId),
  );

  app.get(
    '/establishments',
    {
      schema: {
        tags: ['dashboard'],
        summary: '« Afficher le détail »: insured members of every establishment',
        querystring: DashboardQuerySchema,
        response: { 200: EstablishmentFiguresSchema },
      },
    },
    async (request) => getEstablishmentFigures(app.ctx, request.employer, request.query.companyId),
  );

  app.get(
    '/contracts',
    {
      schema: {
        tags: ['dashboard'],
        summary: '« Afficher le détail »: insured members of every collège',
        querystring: DashboardQuerySchema,
        response: { 200: ContractFiguresSchema },
      },
    },
    async (request) => getContractFigures(app.ctx, request.employer, request.query.companyId),
  );
};
