import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Back office: the audit log viewer, its CSV export and its retention setting. */
export const auditRoutes: FastifyPluginAsyncZod = async () => {};
