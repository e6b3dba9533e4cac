import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Back office: branding, versions of the terms of use, « Conseils et astuces ». */
export const contentRoutes: FastifyPluginAsyncZod = async () => {};
