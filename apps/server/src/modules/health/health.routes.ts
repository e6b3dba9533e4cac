import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isReachable } from '../../db/database';

/** Liveness and readiness, for load balancers and probes: no session looked up. */
export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    {
      config: { session: false },
      schema: {
        tags: ['system'],
        summary: 'Liveness: the process answers',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    () => ({ status: 'ok' as const }),
  );

  app.get(
    '/ready',
    {
      config: { session: false },
      schema: {
        tags: ['system'],
        summary: 'Readiness: the database answers',
        response: {
          200: z.object({ status: z.literal('ready'), database: z.enum(['sqlite', 'postgres']) }),
          503: z.object({
            status: z.literal('unavailable'),
            database: z.enum(['sqlite', 'postgres']),
          }),
        },
      },
    },
    async (_request, reply) => {
      const { db, dialect } = app.ctx;
      if (await isReachable(db)) return { status: 'ready' as const, database: dialect };
      return reply.status(503).send({ status: 'unavailable' as const, database: dialect });
    },
  );
};
