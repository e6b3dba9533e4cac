import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CONVERSATION_STATUSES,
  FollowUpSchema,
  MESSAGE_CATEGORIES,
} from '@affilia/shared/schemas/messages';
import { sendDownload } from '../../lib/download';
import { readMessageForm } from '../messages/attachments';
import { parseFields } from '../messages/messages.routes';
import {
  assignConversation,
  closeConversation,
  getInboxAttachment,
  getInboxConversation,
  listInbox,
  markInboxConversationRead,
  replyToConversation,
} from './messages.service';

const tags = ['backoffice'];
const IdParams = z.object({ id: z.string().max(64) });
const InboxQuery = z.object({
  category: z.enum(MESSAGE_CATEGORIES).optional(),
  companyId: z.string().max(64).optional(),
  status: z.enum(CONVERSATION_STATUSES).optional(),
  olderThanDays: z.coerce.number().int().min(0).max(3650).optional(),
});

/** The insurer's inbox (SPEC §6): /api/backoffice/conversations…, staff only. */
export const backofficeMessagesRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get(
    '',
    {
      schema: {
        tags,
        summary: 'Conversations to answer (filters: category, company, status, age in days)',
        querystring: InboxQuery,
      },
    },
    async (request) => ({ items: await listInbox(ctx, request.query) }),
  );

  app.get(
    '/:id',
    { schema: { tags, summary: 'A conversation (no side effect)', params: IdParams } },
    async (request) => getInboxConversation(ctx, request.params.id),
  );

  app.post(
    '/:id/read',
    {
      schema: {
        tags,
        summary: 'The conversation was shown: its messages are read (staff side)',
        params: IdParams,
      },
    },
    async (request, reply) => {
      await markInboxConversationRead(ctx, request.params.id);
      return reply.code(204).send();
    },
  );

  app.get(
    '/:id/attachments/:fileId',
    {
      schema: {
        tags,
        summary: 'Download an attachment (attachment, nosniff)',
        params: IdParams.extend({ fileId: z.string().max(64) }),
      },
    },
    async (request, reply) =>
      sendDownload(reply, await getInboxAttachment(ctx, request.params.id, request.params.fileId)),
  );

  app.post(
    '/:id/assign',
    {
      schema: {
        tags,
        summary:
          'Assign to an active staff member, by default the caller (« envoyé » → « en cours »)',
        params: IdParams,
        body: z.object({ staffId: z.string().min(1).max(64).optional() }).optional(),
      },
    },
    async (request) =>
      assignConversation(ctx, request.staff, request.params.id, request.body?.staffId),
  );

  app.post(
    '/:id/reply',
    {
      schema: {
        tags,
        summary: 'Reply (multipart: text, up to 4 files) → « répondu », the employer notified',
        params: IdParams,
      },
    },
    async (request) => {
      const actor = request.staff;
      const { fields, files } = await readMessageForm(request);
      const { text } = parseFields(FollowUpSchema, fields);
      return replyToConversation(ctx, actor, request.params.id, text, files);
    },
  );

  app.post(
    '/:id/close',
    { schema: { tags, summary: 'Close the conversation (« clos »)', params: IdParams } },
    async (request) => closeConversation(ctx, request.staff, request.params.id),
  );
};
