import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { UnlockEnrolmentRequestSchema } from '@affilia/shared/schemas/enrolment';
import {
  MemberLinkCheckSchema,
  MemberLinkDeclaredSchema,
  MemberLinkPageSchema,
  MemberLinkSchema,
  MemberLinkSendSchema,
  MemberLinkStatusSchema,
} from '@affilia/shared/schemas/member-links';
import { assertLinkTryAllowed } from '../enrolment/form-access';
import { readDeclaration } from '../member-changes/member-changes.routes';
import { requestMeta } from '../../lib/request-meta';
import {
  hasMemberLinkSession,
  linkOfToken,
  MEMBER_LINK_COOKIE,
  memberLinkCookieOptions,
  unlockMemberLink,
} from './member-link-access';
import {
  declareThroughLink,
  getMemberLink,
  getMemberLinkPage,
  revokeMemberLink,
  sendMemberLink,
} from './member-links.service';

const tags = ['member-links'];
const MemberParams = z.object({ memberId: z.string().min(1).max(64) });
const TokenParams = z.object({ token: z.string().max(200) });

/** The employer's side, on a member's page: /api/members/:memberId/employee-link (employer scope). */
export const memberLinkEmployerRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get(
    '/:memberId/employee-link',
    {
      schema: {
        tags,
        summary: 'The latest link sent to the member to declare their beneficiaries, if any',
        params: MemberParams,
        response: { 200: MemberLinkStatusSchema },
      },
    },
    async (request) => getMemberLink(ctx, request.employer, request.params.memberId),
  );
  app.post(
    '/:memberId/employee-link',
    {
      schema: {
        tags,
        summary:
          '« Envoyer un lien au salarié »: a new link emailed (valid the affiliation link’s days), the previous one revoked',
        params: MemberParams,
        body: MemberLinkSendSchema,
        response: { 201: MemberLinkSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await sendMemberLink(
            ctx,
            request.employer,
            request.params.memberId,
            request.body,
            requestMeta(request),
          ),
        ),
  );
  app.delete(
    '/:memberId/employee-link',
    {
      schema: {
        tags,
        summary: 'Revoke the member’s live link',
        params: MemberParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await revokeMemberLink(ctx, request.employer, request.params.memberId, requestMeta(request));
      return reply.code(204).send(null);
    },
  );
};

/** The emailed link, under /api/member-link (public scope: the token, then the birth date). */
export const memberLinkPublicRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get(
    '/:token/check',
    {
      schema: {
        tags,
        summary:
          'Whether the link still opens (404/410 otherwise), and whether this browser already confirmed the birth date',
        params: TokenParams,
        response: { 200: MemberLinkCheckSchema },
      },
    },
    async (request) => {
      await assertLinkTryAllowed(ctx, request.ip);
      const link = await linkOfToken(ctx, request.params.token);
      return {
        valid: true as const,
        unlocked: hasMemberLinkSession(ctx, link, request.cookies[MEMBER_LINK_COOKIE]),
      };
    },
  );
  app.post(
    '/:token/unlock',
    {
      schema: {
        tags,
        summary: 'Confirm the birth date (5 tries, then 15 minutes locked); opens the page',
        params: TokenParams,
        body: UnlockEnrolmentRequestSchema,
        response: { 200: MemberLinkPageSchema },
      },
    },
    async (request, reply) => {
      const { link, session } = await unlockMemberLink(
        ctx,
        request.ip,
        request.params.token,
        request.body.birthDate,
      );
      reply.setCookie(MEMBER_LINK_COOKIE, session, memberLinkCookieOptions);
      return getMemberLinkPage(ctx, { link });
    },
  );
};

/** The page once unlocked, under /api/member-link/:token (employee-link scope: `request.memberLink`). */
export const memberLinkEmployeeRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get(
    '',
    {
      schema: {
        tags,
        summary: 'The member’s beneficiaries and the beneficiary changes waiting',
        params: TokenParams,
        response: { 200: MemberLinkPageSchema },
      },
    },
    async (request) => getMemberLinkPage(ctx, request.memberLink),
  );
  app.post(
    '/changes',
    {
      schema: {
        tags,
        summary:
          'Declare a beneficiary added, removed or corrected: the body of a beneficiary change of /api/members/:memberId/changes (multipart with `data` and the file `proof` for one added)',
        params: TokenParams,
        response: { 201: MemberLinkDeclaredSchema },
      },
    },
    async (request, reply) => {
      const { change, proof } = await readDeclaration(ctx, request);
      try {
        const declared = await declareThroughLink(
          ctx,
          request.memberLink,
          { change, proof },
          requestMeta(request),
        );
        return reply.code(201).send(declared);
      } catch (err) {
        if (proof) await ctx.storage.remove(proof.saved.storageKey).catch(() => undefined);
        throw err;
      }
    },
  );
};
