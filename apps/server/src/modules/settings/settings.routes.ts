import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BrandingSchema } from '@affilia/shared/schemas/branding';
import { notFound } from '../../lib/errors';
import { getBranding, getLogo, logoVersion } from './settings.service';

export const settingsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '',
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
    '/logo',
    {
      schema: {
        tags: ['settings'],
        summary: 'The insurer’s logo image',
        querystring: z.object({ v: z.string().optional() }),
      },
    },
    async (request, reply) => {
      const logo = await getLogo(app.ctx);
      if (!logo) throw notFound('Aucun logo n’est configuré.');
      // Its address in the branding carries its version: kept a year there (a new logo is a
      // new address), revalidated anywhere else.
      const etag = `"${logo.id}"`;
      reply
        .header('etag', etag)
        .header(
          'cache-control',
          request.query.v === logoVersion(logo.id)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        );
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return (
        reply
          .type(logo.mimeType)
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
