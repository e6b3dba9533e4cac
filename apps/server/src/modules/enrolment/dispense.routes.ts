/**
 * The dispense part of the employee's form (issue 19; the contract in
 * @affilia/shared/schemas/dispenses): the proofs, « Envoyer ma demande de dispense » (or its
 * yearly renewal), and the PDF just sent, for the confirmation screen.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DispenseFileSchema,
  DispenseSubmitSchema,
  DispenseSubmittedSchema,
} from '@affilia/shared/schemas/dispenses';
import { ATTACHMENT_MAX_BYTES } from '@affilia/shared/schemas/enrolment';
import { sendDownload } from '../../lib/download';
import { requestMeta } from '../../lib/request-meta';
import { oneFileAtATime, readUpload } from '../../lib/upload';
import { addDispenseProof, removeDispenseProof } from './dispense-form';
import { submitDispense } from './dispense-submit';
import { TokenParamsSchema, noFile, tooLarge } from './enrolment.routes';
import {
  FORM_COOKIE,
  dispenseOfReceipt,
  formCookieOptions,
  issueDispenseReceipt,
} from './form-access';
import { findDispensePdf } from './dispense-form.repository';
import { notFound } from '../../lib/errors';

const tags = ['enrolment'];
const MB = ATTACHMENT_MAX_BYTES / 1024 / 1024;

/** Under /api/enrolment/:token, in the employee-link scope (`request.enrolment`). */
export const dispenseFormRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.post(
    '/dispense/proofs',
    {
      schema: {
        tags,
        summary: `Add a proof of the dispense (multipart \`file\`; PDF, JPEG or PNG, ${MB} MB at most; 10 at most)`,
        params: TokenParamsSchema,
        consumes: ['multipart/form-data'],
        response: { 201: DispenseFileSchema },
      },
    },
    async (request, reply) => {
      const upload = await readUpload(request, {
        maxBytes: ATTACHMENT_MAX_BYTES,
        maxFields: 1,
        noFile,
        tooLarge,
        tooMany: () => oneFileAtATime('attachment_too_many_files'),
      });
      const proof = await addDispenseProof(ctx, request.enrolment, upload);
      return reply.status(201).send(proof);
    },
  );

  app.delete(
    '/dispense/proofs/:fileId',
    {
      schema: {
        tags,
        summary: 'Remove a proof not yet sent',
        params: TokenParamsSchema.extend({ fileId: z.string().max(64) }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await removeDispenseProof(ctx, request.enrolment, request.params.fileId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/dispense',
    {
      schema: {
        tags,
        summary:
          '« Envoyer ma demande de dispense »: « Dispense demandée » and the link ends; in renewal mode, the renewal sent to the insurer',
        params: TokenParamsSchema,
        body: DispenseSubmitSchema,
        response: { 200: DispenseSubmittedSchema },
      },
    },
    async (request, reply) => {
      const { submitted, dispense } = await submitDispense(
        ctx,
        request.enrolment,
        request.body,
        requestMeta(request),
      );
      // The form session ends; a receipt lets the confirmation screen download the PDF.
      reply.setCookie(FORM_COOKIE, issueDispenseReceipt(ctx, dispense), formCookieOptions);
      return submitted;
    },
  );
};

/** Under /api/enrolment, public: the receipt cookie is the proof. */
export const dispenseReceiptRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get(
    '/:token/dispense.pdf',
    {
      schema: {
        tags,
        summary:
          'The dispense request just sent, for the confirmation screen (the receipt cookie set by « Envoyer ma demande de dispense », one hour)',
        params: TokenParamsSchema,
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => {
      const dispense = await dispenseOfReceipt(ctx, request.cookies[FORM_COOKIE]);
      const pdf = await findDispensePdf(ctx.db, dispense);
      if (!pdf) throw notFound();
      return sendDownload(reply, {
        bytes: await ctx.storage.read(pdf.storage_key),
        fileName: pdf.original_name,
        mimeType: 'application/pdf',
      });
    },
  );
};
