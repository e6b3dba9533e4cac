import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Back office: the insurer's staff accounts (« gestionnaire », back-office administrator). */
export const staffRoutes: FastifyPluginAsyncZod = async () => {};
