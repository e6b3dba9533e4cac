import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MEMBER_CHANGE_STATUSES } from '@affilia/shared/domain/member-change';
import { ATTACHMENT_MAX_BYTES } from '@affilia/shared/schemas/enrolment';
import {
  MemberChangeCreateSchema,
  MemberChangeReturnSchema,
  MemberChangeSchema,
} from '@affilia/shared/schemas/member-changes';
import { declareMemberChange } from '../../commands/declare-member-change';
import { decideMemberChange } from '../../commands/decide-member-change';
import type { AppContext } from '../../lib/context';
import { proofTooLarge, storeCheckedProof, type CheckedFile } from '../../lib/checked-file';
import { badRequest, notFound } from '../../lib/errors';
import { requestMeta } from '../../lib/request-meta';
import { openStoredFile } from '../../lib/stored-files';
import { sendDownload } from '../../lib/download';
import { readUpload } from '../../lib/upload';
import type { EmployerActor } from '../../lib/policies';
import { parseFields } from '../messages/messages.routes';
import { findMemberOfPerimeter } from '../members/members.repository';
import {
  cancelChange,
  getChange,
  getChangeForStaff,
  listChangesForStaff,
  listChangesOfMember,
  returnedChangeToCorrect,
} from './member-changes.service';
import { findChangeFile } from './member-changes.repository';

const tags = ['member-changes'];
const MemberParams = z.object({ memberId: z.string().min(1).max(64) });
const IdParams = z.object({ id: z.string().min(1).max(64) });
const ChangeListSchema = z.object({ items: z.array(MemberChangeSchema) });

/**
 * The body of a declaration: JSON, or multipart/form-data for a beneficiary added (the field
 * `data`, the JSON; the file `proof`, checked and stored as the proofs of the portal are).
 */
export async function readDeclaration(
  ctx: AppContext,
  request: FastifyRequest,
): Promise<{ change: z.output<typeof MemberChangeCreateSchema>; proof: CheckedFile | null }> {
  if (!request.isMultipart()) {
    return { change: parseFields(MemberChangeCreateSchema, request.body), proof: null };
  }
  const upload = await readUpload(request, {
    maxBytes: ATTACHMENT_MAX_BYTES,
    maxFields: 1,
    noFile: () =>
      badRequest('proof_required', 'Joignez le justificatif.', {
        proof: 'Joignez le justificatif',
      }),
    tooLarge: () => proofTooLarge('proof'),
    tooMany: () =>
      badRequest('validation_error', 'Joignez un seul justificatif.', {
        proof: 'Un seul fichier',
      }),
  });
  let data: unknown;
  try {
    data = JSON.parse(upload.fields.data ?? '');
  } catch {
    throw badRequest('validation_error', 'Vérifiez les champs du formulaire.');
  }
  const change = parseFields(MemberChangeCreateSchema, data);
  const proof = await storeCheckedProof(ctx.storage, {
    bytes: upload.bytes,
    fileName: upload.fileName,
    field: 'proof',
  });
  return { change, proof };
}

/** A member's changes (issue 20): /api/members/:memberId/changes, within the perimeter. */
export const memberChangesRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get(
    '/:memberId/changes',
    {
      schema: {
        tags,
        summary: 'The changes declared for a member, latest first',
        params: MemberParams,
        response: { 200: ChangeListSchema },
      },
    },
    async (request) => listChangesOfMember(ctx, request.employer, request.params.memberId),
  );

  app.post(
    '/:memberId/changes',
    {
      schema: {
        tags,
        summary:
          'Declare a change of the member (statut, établissement, option, bénéficiaires); multipart with `data` and the file `proof` for a beneficiary added',
        params: MemberParams,
        response: { 201: MemberChangeSchema },
      },
    },
    async (request, reply) => {
      const actor: EmployerActor = request.employer;
      // The perimeter first: nothing is read nor stored for a member outside it.
      const member = await findMemberOfPerimeter(ctx.db, actor, request.params.memberId);
      if (!member) throw notFound('Salarié introuvable.');
      const { change, proof } = await readDeclaration(ctx, request);
      try {
        const { id } = await declareMemberChange(
          ctx,
          actor,
          { member, change, proof },
          requestMeta(request),
        );
        return reply.code(201).send(await getChange(ctx, actor, id));
      } catch (err) {
        if (proof) await ctx.storage.remove(proof.saved.storageKey).catch(() => undefined);
        throw err;
      }
    },
  );
};

/** One change, employer side: /api/member-changes/:id. */
export const memberChangeRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'One change of a member',
        params: IdParams,
        response: { 200: MemberChangeSchema },
      },
    },
    async (request) => getChange(ctx, request.employer, request.params.id),
  );
  app.post(
    '/:id/resend',
    {
      schema: {
        tags,
        summary:
          'Correct and send again a change the insurer returned: the body of a declaration of the same kind (multipart with `data` and a new `proof` if needed)',
        params: IdParams,
        response: { 200: MemberChangeSchema },
      },
    },
    async (request) => {
      const actor: EmployerActor = request.employer;
      // The perimeter and the status first: nothing is stored for a change out of reach.
      const { member, resend } = await returnedChangeToCorrect(ctx, actor, request.params.id);
      const { change, proof } = await readDeclaration(ctx, request);
      try {
        await declareMemberChange(
          ctx,
          actor,
          { member, change, proof, resend },
          requestMeta(request),
        );
      } catch (err) {
        if (proof) await ctx.storage.remove(proof.saved.storageKey).catch(() => undefined);
        throw err;
      }
      return getChange(ctx, actor, resend.id);
    },
  );
  app.post(
    '/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Withdraw a change before the insurer validates it',
        params: IdParams,
      },
    },
    async (request, reply) => {
      await cancelChange(ctx, request.employer, request.params.id, requestMeta(request));
      return reply.code(204).send();
    },
  );
};

/** The insurer's queue of changes: /api/backoffice/member-changes. */
export const backofficeMemberChangesRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get(
    '',
    {
      schema: {
        tags,
        summary: 'The changes in a status (default: waiting for the insurer), oldest first',
        querystring: z.object({ status: z.enum(MEMBER_CHANGE_STATUSES).default('sent') }),
        response: { 200: ChangeListSchema },
      },
    },
    async (request) => listChangesForStaff(ctx, request.query.status),
  );
  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'One change',
        params: IdParams,
        response: { 200: MemberChangeSchema },
      },
    },
    async (request) => getChangeForStaff(ctx, request.params.id),
  );
  app.get(
    '/:id/files/:fileId',
    {
      schema: {
        tags,
        summary: 'Download a proof of the change',
        params: IdParams.extend({ fileId: z.string().min(1).max(64) }),
      },
    },
    async (request, reply) => {
      const { id, fileId } = request.params;
      const file = await findChangeFile(ctx.db, id, fileId);
      return sendDownload(reply, await openStoredFile(ctx.storage, file));
    },
  );
  app.post(
    '/:id/validate',
    {
      schema: { tags, summary: 'Validate: the change is applied to the member', params: IdParams },
    },
    async (request, reply) => {
      await decideMemberChange(ctx, request.staff, {
        id: request.params.id,
        decision: 'validated',
      });
      return reply.code(204).send();
    },
  );
  app.post(
    '/:id/return',
    {
      schema: {
        tags,
        summary: 'Return the change to the employer with what to correct',
        params: IdParams,
        body: MemberChangeReturnSchema,
      },
    },
    async (request, reply) => {
      await decideMemberChange(ctx, request.staff, {
        id: request.params.id,
        decision: 'returned',
        reason: request.body.reason,
      });
      return reply.code(204).send();
    },
  );
};
