import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AuditFiltersSchema,
  AuditPageSchema,
  AuditQuerySchema,
  AuditRetentionSchema,
} from '@affilia/shared/schemas/audit';
import { parisDate } from '../../lib/clock';
import {
  exportAudit,
  getAuditRetentionDays,
  listAudit,
  setAuditRetentionDays,
} from './audit.service';

const tags = ['backoffice'];

/** Back office: the audit log viewer, its CSV export and its retention setting. */
export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get(
    '',
    {
      schema: {
        tags,
        summary:
          'The audit log, filtered (actor, company, action prefix, Paris dates), newest first',
        querystring: AuditQuerySchema,
        response: { 200: AuditPageSchema },
      },
    },
    async (request) => listAudit(ctx, request.staff, request.query),
  );

  app.get(
    '/export.csv',
    {
      schema: {
        tags,
        summary: 'The filtered audit log as CSV for French Excel, streamed',
        querystring: AuditFiltersSchema,
      },
    },
    async (request, reply) => {
      const stream = await exportAudit(ctx, request.staff, request.query);
      const name = `journal-audit-${parisDate(ctx.clock.now())}.csv`;
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .send(stream);
    },
  );

  app.get(
    '/retention',
    {
      schema: {
        tags,
        summary: 'How many days the audit log is kept',
        response: { 200: AuditRetentionSchema },
      },
    },
    async () => ({ days: await getAuditRetentionDays(ctx) }),
  );

  app.put(
    '/retention',
    {
      config: { staffPermission: 'backoffice.administer' },
      schema: {
        tags,
        summary: 'Change how many days the audit log is kept (back-office administrators)',
        body: AuditRetentionSchema,
        response: { 200: AuditRetentionSchema },
      },
    },
    async (request) => ({
      days: await setAuditRetentionDays(ctx, request.staff, request.body.days),
    }),
  );
};
