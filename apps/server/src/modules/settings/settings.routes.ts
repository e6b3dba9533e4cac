import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { BrandingSchema } from '@affilia/shared/schemas/branding';
import { getBranding } from './settings.service';

export const settingsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/branding',
    {
      schema: {
        tags: ['settings'],
        summary: "The insurer's public branding",
        response: { 200: BrandingSchema },
      },
    },
    () => getBranding(app.ctx),
  );
};
