import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Habilitations (SPEC §4.3): /api/users, administrators only. */
export const usersRoutes: FastifyPluginAsyncZod = async () => {};
