import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Back office: companies, establishments, contracts and members — lists, detail and edit (SPEC §3). */
export const referenceDataRoutes: FastifyPluginAsyncZod = async () => {};
