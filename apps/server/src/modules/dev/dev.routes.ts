import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listOutboxMessages } from '../../lib/outbox/outbox';
import { getDemoInfo } from '../../db/seed/demo';

/** Development helpers, registered outside production only. */
export const devRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/outbox',
    {
      schema: {
        tags: ['development'],
        summary: 'Every email and SMS recorded, newest first (development mailbox)',
        response: {
          200: z.object({
            messages: z.array(
              z.object({
                id: z.string(),
                channel: z.enum(['email', 'sms']),
                to: z.string(),
                subject: z.string().nullable(),
                text: z.string(),
                /** The names of the attached files. */
                attachments: z.array(z.string()),
                createdAt: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async () => ({ messages: await listOutboxMessages(app.ctx.db) }),
  );

  app.get(
    '/demo',
    {
      schema: {
        tags: ['development'],
        summary: 'The demo accounts and the establishments ready for « Activer mon espace »',
        response: {
          200: z.object({
            accounts: z.array(
              z.object({ role: z.string(), email: z.string(), password: z.string() }),
            ),
            activation: z.array(
              z.object({ siret: z.string(), companyIdentifier: z.string(), company: z.string() }),
            ),
          }),
        },
      },
    },
    () => getDemoInfo(app.ctx.db),
  );
};
