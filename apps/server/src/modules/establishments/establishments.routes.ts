import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Establishments of the perimeter and their import (SPEC §4.4): /api/establishments. */
export const establishmentsRoutes: FastifyPluginAsyncZod = async () => {};
