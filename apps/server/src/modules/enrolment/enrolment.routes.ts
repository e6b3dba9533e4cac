import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ATTACHMENT_KINDS,
  ATTACHMENT_MAX_BYTES,
  EnrolmentAttachmentSchema,
  EnrolmentDraftSchema,
  EnrolmentFormSchema,
  EnrolmentLinkStatusSchema,
  EnrolmentSubmittedSchema,
  SubmitEnrolmentRequestSchema,
  UnlockEnrolmentRequestSchema,
  type AttachmentKind,
} from '@affilia/shared/schemas/enrolment';
import type { UnlockEnrolment } from '../auth/scopes';
import { badRequest } from '../../lib/errors';
import { requestMeta } from '../../lib/request-meta';
import { getBiaPdf, getEmployerBiaPdf } from './bia.service';
import {
  addAttachment,
  getEnrolmentForm,
  removeAttachment,
  saveDraft,
  submitEnrolment,
} from './enrolment.service';
import { sendDownload } from '../../lib/download';
import { fieldOrQuery, oneFileAtATime, readUpload } from '../../lib/upload';
import {
  assertFormSession,
  hasFormSession,
  assertLinkTryAllowed,
  checkBirthDate,
  FORM_COOKIE,
  formCookieOptions,
  issueFormSession,
  issueSubmittedReceipt,
  requestOfReceipt,
  requestOfToken,
} from './form-access';
import { proofTooLarge } from '../../lib/checked-file';

const tags = ['enrolment'];
export const TokenParamsSchema = z.object({ token: z.string().max(200) });
const AttachmentParamsSchema = TokenParamsSchema.extend({ attachmentId: z.string().max(64) });
const MB = ATTACHMENT_MAX_BYTES / 1024 / 1024;

export const noFile = () =>
  badRequest('attachment_missing', 'Choisissez un fichier PDF, JPEG ou PNG à envoyer.', {
    file: 'Choisissez un fichier',
  });
export const tooLarge = () => proofTooLarge('file');
const badKind = () =>
  badRequest('validation_error', 'Indiquez le type de pièce jointe.', {
    kind: 'Choisissez RIB, attestation de droits Sécurité sociale ou autre',
  });

/** The one file of a multipart upload and its `kind` (a field before the file, or ?kind=). */
async function readAttachment(
  request: FastifyRequest,
): Promise<{ bytes: Buffer; fileName: string | undefined; kind: AttachmentKind }> {
  const upload = await readUpload(request, {
    maxBytes: ATTACHMENT_MAX_BYTES,
    maxFields: 3,
    noFile,
    tooLarge,
    tooMany: () => oneFileAtATime('attachment_too_many_files'),
  });
  const kind = fieldOrQuery(request, upload, 'kind');
  if (!kind || !(ATTACHMENT_KINDS as readonly string[]).includes(kind)) throw badKind();
  return { bytes: upload.bytes, fileName: upload.fileName, kind: kind as AttachmentKind };
}

/** The emailed link of the employee’s online BIA (SPEC §5.5), under /api/enrolment (public scope: the token, then the birth date, are the proof). */
export const enrolmentLinkRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get(
    '/:token/check',
    {
      schema: {
        tags,
        summary:
          'Whether the link of the email still opens a form (404/410 otherwise), and whether this browser already confirmed the birth date',
        params: TokenParamsSchema,
        response: { 200: EnrolmentLinkStatusSchema },
      },
    },
    async (request) => {
      await assertLinkTryAllowed(ctx, request.ip);
      const affiliation = await requestOfToken(ctx, request.params.token);
      return {
        valid: true as const,
        unlocked: hasFormSession(ctx, affiliation, request.cookies[FORM_COOKIE]),
      };
    },
  );

  app.post(
    '/:token/unlock',
    {
      schema: {
        tags,
        summary: 'Confirm the birth date (5 tries, then 15 minutes locked); opens the form',
        params: TokenParamsSchema,
        body: UnlockEnrolmentRequestSchema,
        response: { 200: EnrolmentFormSchema },
      },
    },
    async (request, reply) => {
      await assertLinkTryAllowed(ctx, request.ip);
      const affiliation = await requestOfToken(ctx, request.params.token);
      await checkBirthDate(ctx, affiliation, request.body.birthDate);
      reply.setCookie(FORM_COOKIE, issueFormSession(ctx, affiliation), formCookieOptions);
      return getEnrolmentForm(ctx, affiliation);
    },
  );

  app.get(
    '/submitted/bia.pdf',
    {
      schema: {
        tags,
        summary:
          'The completed BIA just submitted, for the confirmation screen (the receipt cookie set by « Valider », one hour)',
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => {
      const { requestId } = await requestOfReceipt(ctx, request.cookies[FORM_COOKIE]);
      const file = await getBiaPdf(ctx, requestId);
      return sendDownload(reply, { ...file, mimeType: 'application/pdf' });
    },
  );
};

/**
 * The employee-link scope's check (modules/auth/scopes.ts): the request of the link's token,
 * unlocked in this browser (the form cookie set once the birth date was confirmed); 404/410 for a
 * link that no longer opens a form, 401 `enrolment_locked` without the form cookie.
 */
export const unlockEnrolment: UnlockEnrolment = async (request) => {
  const { token } = request.params as { token?: string };
  const affiliation = await requestOfToken(request.server.ctx, String(token ?? ''));
  assertFormSession(request.server.ctx, affiliation, request.cookies[FORM_COOKIE]);
  return affiliation;
};

/** The employee’s form once unlocked, under /api/enrolment/:token (employee-link scope: `request.enrolment`). */
export const enrolmentFormRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get(
    '',
    {
      schema: {
        tags,
        summary: 'The form: identity from the employer, the options, what was saved',
        params: TokenParamsSchema,
        response: { 200: EnrolmentFormSchema },
      },
    },
    async (request) => getEnrolmentForm(ctx, request.enrolment),
  );

  app.put(
    '/draft',
    {
      schema: {
        tags,
        summary: '« Enregistrer le brouillon » (the first save sets « Démarré par le salarié »)',
        params: TokenParamsSchema,
        body: EnrolmentDraftSchema,
        response: { 200: EnrolmentFormSchema },
      },
    },
    async (request) => saveDraft(ctx, request.enrolment, request.body),
  );

  app.post(
    '/attachments',
    {
      schema: {
        tags,
        summary: `Add an attachment (multipart: field \`kind\`, then \`file\`; PDF, JPEG or PNG, ${MB} MB at most)`,
        params: TokenParamsSchema,
        consumes: ['multipart/form-data'],
        response: { 201: EnrolmentAttachmentSchema },
      },
    },
    async (request, reply) => {
      const affiliation = request.enrolment;
      const upload = await readAttachment(request);
      return reply.status(201).send(await addAttachment(ctx, affiliation, upload));
    },
  );

  app.delete(
    '/attachments/:attachmentId',
    {
      schema: {
        tags,
        summary: 'Remove an attachment',
        params: AttachmentParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const affiliation = request.enrolment;
      await removeAttachment(ctx, affiliation, request.params.attachmentId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/submit',
    {
      schema: {
        tags,
        summary: '« Valider »: « Finalisé par le salarié », the completed BIA, the link ends',
        params: TokenParamsSchema,
        body: SubmitEnrolmentRequestSchema,
        response: { 200: EnrolmentSubmittedSchema },
      },
    },
    async (request, reply) => {
      const affiliation = request.enrolment;
      const result = await submitEnrolment(ctx, affiliation, request.body, requestMeta(request));
      // The form session ends; a receipt lets the confirmation screen download the BIA.
      reply.setCookie(
        FORM_COOKIE,
        issueSubmittedReceipt(ctx, affiliation.id, result.finalisedAt),
        formCookieOptions,
      );
      return result;
    },
  );
};

/** The employer’s download of a request’s BIA, under /api/affiliations (employer scope). */
export const employerBiaRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get(
    '/:id/bia.pdf',
    {
      schema: {
        tags,
        summary: 'The BIA as a PDF: pre-filled (mode « Courrier »), or completed once finalised',
        params: z.object({ id: z.uuid() }),
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => {
      const file = await getEmployerBiaPdf(ctx, request.employer, request.params.id);
      return sendDownload(reply, { ...file, mimeType: 'application/pdf' });
    },
  );
};
