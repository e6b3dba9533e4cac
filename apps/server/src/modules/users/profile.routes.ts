import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** « Mon profil » (SPEC §4.4): /api/profile. */
export const profileRoutes: FastifyPluginAsyncZod = async () => {};
