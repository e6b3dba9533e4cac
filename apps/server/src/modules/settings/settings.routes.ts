import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { BrandingSchema } from '@affilia/shared/schemas/branding';
import { notFound } from '../../lib/errors';
import { getBranding, getLogo } from './settings.service';

export const settingsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/branding',
    {
      schema: {
        tags: ['settings'],
        summary: 'The insurer’s public branding',
        response: { 200: BrandingSchema },
      },
    },
    () => getBranding(app.ctx),
  );

  app.get(
    '/api/branding/logo',
    { schema: { tags: ['settings'], summary: 'The insurer’s logo image' } },
    async (_request, reply) => {
      const logo = await getLogo(app.ctx);
      if (!logo) throw notFound('Aucun logo n’est configuré.');
      return (
        reply
          .type(logo.mimeType)
          .header('cache-control', 'public, max-age=300')
          .header('x-content-type-options', 'nosniff')
          // An SVG opened on its own must not run anything.
          .header(
            'content-security-policy',
            "default-src 'none'; style-src 'unsafe-inline'; sandbox",
          )
          .send(logo.bytes)
      );
    },
  );
};
