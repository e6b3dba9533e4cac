import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createCaptchaChallenge } from '../../lib/captcha';

/**
 * An ALTCHA challenge (v2 format). Loose objects: the signature covers every field of
 * `parameters` as created, so the response must not drop any.
 */
const CaptchaChallengeSchema = z.object({
  parameters: z.looseObject({
    algorithm: z.string(),
    nonce: z.string(),
    salt: z.string(),
    cost: z.number(),
    keyLength: z.number(),
    keyPrefix: z.string(),
    keySignature: z.string().optional(),
    data: z
      .looseObject({
        issuedAt: z.number().describe('Unix time (seconds)'),
        expiresAt: z.number().describe('Unix time (seconds); the server refuses it afterwards'),
      })
      .optional(),
  }),
  signature: z.string(),
});

export const captchaRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/challenge',
    {
      schema: {
        tags: ['auth'],
        summary: 'A proof-of-work challenge for the « Je ne suis pas un robot » widget',
        description:
          'Public. The `altcha` widget solves it in the browser; forms then send the base64 ' +
          'payload, accepted once within 10 minutes.',
        response: { 200: CaptchaChallengeSchema },
      },
    },
    async (_request, reply) => {
      const challenge = await createCaptchaChallenge(app.ctx, app.ctx.clock.now());
      return reply
        .header('cache-control', 'no-store')
        .send(challenge as z.infer<typeof CaptchaChallengeSchema>);
    },
  );
};
