import { z } from 'zod';
// French messages for every check these schemas do not word themselves (issue 14 #14).
import '../validators/zod-errors';
import {
  CONVERSATION_STATUSES,
  CONVERSATION_STATUS_LABELS,
  MESSAGE_CATEGORIES,
  MESSAGE_CATEGORY_LABELS,
  MESSAGE_SUBJECTS,
  MESSAGE_SUBJECTS_BY_CATEGORY,
  MESSAGE_SUBJECT_LABELS,
  isMessageSubjectOfCategory,
} from '../domain/enums';

/**
 * « Nous contacter » and the messages (SPEC §5.7): the categories and their « Objet » lists,
 * the new-message form, the conversation and message shapes.
 */
export {
  CONVERSATION_STATUSES,
  CONVERSATION_STATUS_LABELS,
  MESSAGE_CATEGORIES,
  MESSAGE_CATEGORY_LABELS,
  MESSAGE_SUBJECTS,
  MESSAGE_SUBJECTS_BY_CATEGORY,
  MESSAGE_SUBJECT_LABELS,
};

export const MESSAGE_TEXT_MAX = 5000;
export const MESSAGE_ATTACHMENT_MAX_COUNT = 4;
export const MESSAGE_ATTACHMENT_MAX_BYTES = 3 * 1024 * 1024;
/** The types accepted (checked from the bytes on the server). */
export const MESSAGE_ATTACHMENT_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'text/csv',
] as const;
export const MESSAGE_ATTACHMENT_EXTENSIONS = [
  '.pdf',
  '.jpg',
  '.jpeg',
  '.png',
  '.docx',
  '.xlsx',
  '.csv',
];

export const MessageTextSchema = z
  .string({ error: 'Saisissez votre message' })
  .trim()
  .min(1, 'Saisissez votre message')
  .max(MESSAGE_TEXT_MAX, `${MESSAGE_TEXT_MAX} caractères au plus`);

export const NewConversationSchema = z
  .object({
    category: z.enum(MESSAGE_CATEGORIES, { error: 'Choisissez une catégorie' }),
    subject: z.enum(MESSAGE_SUBJECTS, { error: 'Choisissez un objet' }),
    companyId: z
      .string({ error: 'Choisissez l’entreprise concernée' })
      .min(1, 'Choisissez l’entreprise concernée')
      .max(64),
    text: MessageTextSchema,
  })
  .superRefine((v, ctx) => {
    if (!isMessageSubjectOfCategory(v.category, v.subject)) {
      ctx.addIssue({
        code: 'custom',
        path: ['subject'],
        message:
          'Choisissez un objet de la catégorie « ' + MESSAGE_CATEGORY_LABELS[v.category] + ' »',
      });
    }
  });
export type NewConversation = z.infer<typeof NewConversationSchema>;

export const FollowUpSchema = z.object({ text: MessageTextSchema });

export const MessageAttachmentSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number(),
});
export type MessageAttachment = z.infer<typeof MessageAttachmentSchema>;

export const MessageSchema = z.object({
  id: z.string(),
  /** Plain text: shown as text, never as HTML. */
  text: z.string(),
  authorKind: z.enum(['employer', 'staff']),
  authorName: z.string(),
  createdAt: z.string(),
  attachments: z.array(MessageAttachmentSchema),
});
export type Message = z.infer<typeof MessageSchema>;

export const ConversationSummarySchema = z.object({
  id: z.string(),
  companyId: z.string(),
  companyName: z.string(),
  category: z.enum(MESSAGE_CATEGORIES),
  subject: z.enum(MESSAGE_SUBJECTS),
  status: z.enum(CONVERSATION_STATUSES),
  unread: z.number(),
  lastMessageAt: z.string(),
  createdAt: z.string(),
});
export type ConversationSummary = z.infer<typeof ConversationSummarySchema>;

export const ConversationListSchema = z.object({ items: z.array(ConversationSummarySchema) });

/** How many conversations hold replies of the insurer the user has not read (the envelope). */
export const UnreadConversationsSchema = z.object({ count: z.number().int().nonnegative() });

export const ConversationDetailSchema = ConversationSummarySchema.extend({
  messages: z.array(MessageSchema),
});
export type ConversationDetail = z.infer<typeof ConversationDetailSchema>;
