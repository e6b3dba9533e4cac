import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ConversationDetailSchema,
  ConversationListSchema,
  UnreadConversationsSchema,
  ConversationSummarySchema,
  FollowUpSchema,
  NewConversationSchema,
} from '@affilia/shared/schemas/messages';
import { badRequest } from '../../lib/errors';
import { requestMeta } from '../../lib/request-meta';
import { sendDownload } from '../../lib/download';
import { readMessageForm } from './attachments';
import {
  addFollowUp,
  createConversation,
  getAttachment,
  getConversation,
  markConversationRead,
  countUnreadConversations,
  listConversations,
} from './messages.service';

const tags = ['messages'];
const IdParams = z.object({ id: z.string().max(64) });
const FileParams = IdParams.extend({ fileId: z.string().max(64) });

/** Validates the text fields of a multipart form with a zod schema (French messages). */
export function parseFields<T extends z.ZodType>(schema: T, fields: unknown) {
  const result = schema.safeParse(fields);
  if (result.success) return result.data;
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join('.') || 'form';
    errors[key] ??= issue.message;
  }
  throw badRequest('validation_error', 'Vérifiez les champs du formulaire.', errors);
}

/** « Nous contacter » and the messages (SPEC §5.7), employer side: /api/conversations… */
export const messagesRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get(
    '',
    {
      schema: {
        tags,
        summary: 'The conversations of the user’s companies, with status and unread replies',
        response: { 200: ConversationListSchema },
      },
    },
    async (request) => ({ items: await listConversations(ctx, request.employer) }),
  );

  app.get(
    '/unread-count',
    {
      schema: {
        tags,
        summary: 'How many conversations hold unread replies of the insurer (the envelope)',
        response: { 200: UnreadConversationsSchema },
      },
    },
    async (request) => ({
      count: await countUnreadConversations(ctx, request.employer),
    }),
  );

  app.post(
    '',
    {
      schema: {
        tags,
        summary:
          'New message (multipart: category, subject, companyId, text, up to 4 files `files` of 3 MB)',
        response: { 201: ConversationSummarySchema },
      },
    },
    async (request, reply) => {
      const actor = request.employer;
      const { fields, files } = await readMessageForm(request);
      const input = parseFields(NewConversationSchema, fields);
      const created = await createConversation(ctx, actor, input, files, requestMeta(request));
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'A conversation with its messages and attachments (no side effect)',
        params: IdParams,
        response: { 200: ConversationDetailSchema },
      },
    },
    async (request) => getConversation(ctx, request.employer, request.params.id),
  );

  app.post(
    '/:id/read',
    {
      schema: {
        tags,
        summary:
          'The thread was shown: the insurer’s replies and their notifications are read (called by the web app)',
        params: IdParams,
      },
    },
    async (request, reply) => {
      await markConversationRead(ctx, request.employer, request.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/:id/messages',
    {
      schema: {
        tags,
        summary: 'A follow-up message (multipart: text, up to 4 files `files`)',
        params: IdParams,
        response: { 201: ConversationDetailSchema },
      },
    },
    async (request, reply) => {
      const actor = request.employer;
      const { fields, files } = await readMessageForm(request);
      const { text } = parseFields(FollowUpSchema, fields);
      const detail = await addFollowUp(
        ctx,
        actor,
        request.params.id,
        text,
        files,
        requestMeta(request),
      );
      return reply.code(201).send(detail);
    },
  );

  app.get(
    '/:id/attachments/:fileId',
    {
      schema: {
        tags,
        summary: 'Download an attachment (Content-Disposition: attachment, nosniff)',
        params: FileParams,
      },
    },
    async (request, reply) => {
      const actor = request.employer;
      const file = await getAttachment(ctx, actor, request.params.id, request.params.fileId);
      return sendDownload(reply, file);
    },
  );
};
