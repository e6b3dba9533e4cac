import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Metrics } from '../../lib/metrics';

/** GET /metrics: the Prometheus text format (operator scope: the operations token). */
export function metricsRoutes(metrics: Metrics): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/metrics',
      {
        config: { session: false },
        schema: { tags: ['system'], summary: 'Metrics in the Prometheus text format' },
      },
      async (_request, reply) =>
        reply
          .type(metrics.registry.contentType)
          .header('cache-control', 'no-store')
          .send(await metrics.registry.metrics()),
    );
  };
}
