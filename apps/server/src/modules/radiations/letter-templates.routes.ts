import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  LETTER_TEMPLATE_KINDS,
  LetterTemplateAnswerSchema,
  LetterTemplateSchema,
} from '@affilia/shared/schemas/radiations';
import { sendDownload } from '../../lib/download';
import {
  getLetterTemplate,
  previewLetterTemplate,
  resetLetterTemplate,
  updateLetterTemplate,
} from './letter-templates.service';

const tags = ['backoffice'];
const Params = z.object({ kind: z.enum(LETTER_TEMPLATE_KINDS) });
const administrators = { staffPermission: 'backoffice.administer' } as const;

/** The insurer's letter templates: /api/backoffice/letter-templates (administrators). */
export const letterTemplatesRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get(
    '/:kind',
    {
      config: administrators,
      schema: {
        tags,
        summary: 'A letter template: the insurer’s text (or the built-in one) and its placeholders',
        params: Params,
        response: { 200: LetterTemplateAnswerSchema },
      },
    },
    async (request) => getLetterTemplate(ctx, request.params.kind),
  );

  app.put(
    '/:kind',
    {
      config: administrators,
      schema: {
        tags,
        summary: 'Change a letter template (an unknown placeholder is refused)',
        params: Params,
        body: LetterTemplateSchema,
        response: { 200: LetterTemplateAnswerSchema },
      },
    },
    async (request) => updateLetterTemplate(ctx, request.staff, request.params.kind, request.body),
  );

  app.delete(
    '/:kind',
    {
      config: administrators,
      schema: {
        tags,
        summary: 'Back to the built-in text of a letter (the insurer’s text removed)',
        params: Params,
        response: { 200: LetterTemplateAnswerSchema },
      },
    },
    async (request) => resetLetterTemplate(ctx, request.staff, request.params.kind),
  );

  app.post(
    '/:kind/preview',
    {
      config: administrators,
      schema: {
        tags,
        summary: 'The letter of a sample person with this text, as a PDF',
        params: Params,
        body: LetterTemplateSchema,
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => {
      const file = await previewLetterTemplate(ctx, request.params.kind, request.body);
      return sendDownload(reply, { ...file, mimeType: 'application/pdf' });
    },
  );
};
