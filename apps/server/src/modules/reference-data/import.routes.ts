import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Back office: the reference-data import from CSV or XLSX, with its row-by-row report (SPEC §3). */
export const referenceImportRoutes: FastifyPluginAsyncZod = async () => {};
