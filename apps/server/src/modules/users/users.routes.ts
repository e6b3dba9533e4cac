import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AcceptInvitationRequestSchema,
  CompanyInvitationAnswerSchema,
  CompanyInvitationViewSchema,
  InvitationCheckSchema,
  InviteUserRequestSchema,
  InviteUserResultSchema,
  ManagedUserSchema,
  UpdateRightsRequestSchema,
  UpdateUserRequestSchema,
  UserListQuerySchema,
  UserListSchema,
} from '@affilia/shared/schemas/users';
import { requestMeta } from '../../lib/request-meta';
import {
  acceptCompanyInvitation,
  declineCompanyInvitation,
  getCompanyInvitation,
} from './company-invitations.service';
import { acceptInvitation, checkInvitation } from './invitation.service';
import {
  changeUserStatus,
  getManagedUser,
  inviteUser,
  listUsers,
  resendInvitation,
  updateRights,
  updateUser,
} from './users.service';

const tags = ['users'];
const UserParams = z.object({ userId: z.string().min(1).max(64) });

/** Suspend, reactivate or deactivate a user of my companies (`users.manage`). */
const userStatusRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  for (const change of ['suspend', 'reactivate', 'deactivate'] as const) {
    app.post(
      `/:userId/${change}`,
      {
        schema: {
          tags,
          summary: {
            suspend: 'Deactivate a user provisionally (ends their sessions)',
            reactivate: 'Reactivate a suspended user',
            deactivate: 'Deactivate a user permanently (ends their sessions, cannot be undone)',
          }[change],
          params: UserParams,
          response: { 200: ManagedUserSchema },
        },
      },
      async (request) =>
        changeUserStatus(
          ctx,
          request.employer,
          request.params.userId,
          change,
          requestMeta(request),
        ),
    );
  }
};

/** Habilitations (SPEC §4.3), under /api/users (employer scope; `users.manage`, checked per company). */
export const usersRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get(
    '',
    {
      schema: {
        tags,
        summary: 'Users of the companies I administer',
        querystring: UserListQuerySchema,
        response: { 200: UserListSchema },
      },
    },
    async (request) => listUsers(ctx, request.employer, request.query),
  );

  app.post(
    '',
    {
      schema: {
        tags,
        summary: 'Add a user to my companies (sends a password-creation link)',
        body: InviteUserRequestSchema,
        response: { 201: InviteUserResultSchema },
      },
    },
    async (request, reply) => {
      const result = await inviteUser(ctx, request.employer, request.body, requestMeta(request));
      return reply.code(201).send(result);
    },
  );

  app.get(
    '/:userId',
    {
      schema: {
        tags,
        summary: 'One user of my companies',
        params: UserParams,
        response: { 200: ManagedUserSchema },
      },
    },
    async (request) => getManagedUser(ctx.db, request.employer, request.params.userId),
  );

  app.patch(
    '/:userId',
    {
      schema: {
        tags,
        summary: 'Modify a user’s profile',
        params: UserParams,
        body: UpdateUserRequestSchema,
        response: { 200: ManagedUserSchema },
      },
    },
    async (request) =>
      updateUser(ctx, request.employer, request.params.userId, request.body, requestMeta(request)),
  );

  app.put(
    '/:userId/rights',
    {
      schema: {
        tags,
        summary: 'Modify a user’s rights on my companies',
        params: UserParams,
        body: UpdateRightsRequestSchema,
        response: { 200: ManagedUserSchema },
      },
    },
    async (request) =>
      updateRights(
        ctx,
        request.employer,
        request.params.userId,
        request.body,
        requestMeta(request),
      ),
  );

  app.post(
    '/:userId/invitation',
    {
      schema: {
        tags,
        summary: 'Send a new password-creation link',
        params: UserParams,
        response: { 200: ManagedUserSchema },
      },
    },
    async (request) =>
      resendInvitation(ctx, request.employer, request.params.userId, requestMeta(request)),
  );

  await app.register(userStatusRoutes);
};

/** An existing account invited to companies (issue 14 #4), under /api/company-invitations: signed in as that account only (employer scope). */
const InvitationToken = z.object({ token: z.string().min(1).max(200) });

export const companyInvitationsRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get(
    '/:token',
    {
      schema: {
        tags,
        summary: 'An invitation to join companies, for the signed-in account it was sent to',
        params: InvitationToken,
        response: { 200: CompanyInvitationViewSchema },
      },
    },
    async (request) => getCompanyInvitation(ctx, request.employer, request.params.token),
  );
  app.post(
    '/:token/accept',
    {
      schema: {
        tags,
        summary: 'Accept an invitation: the rights are written now',
        params: InvitationToken,
        response: { 200: CompanyInvitationAnswerSchema },
      },
    },
    async (request) =>
      acceptCompanyInvitation(ctx, request.employer, request.params.token, requestMeta(request)),
  );
  app.post(
    '/:token/decline',
    {
      schema: {
        tags,
        summary: 'Decline an invitation: nothing is written',
        params: InvitationToken,
        response: { 200: CompanyInvitationAnswerSchema },
      },
    },
    async (request) =>
      declineCompanyInvitation(ctx, request.employer, request.params.token, requestMeta(request)),
  );
};

/** The invited user's password creation, under /api/auth/invitation (public scope: the link is the proof). */
export const invitationLinkRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get(
    '/:token',
    {
      schema: {
        tags: ['auth'],
        summary: 'Check a password-creation link',
        // Any length: a link cut short when copied is « not valid » (404), not a bad request.
        params: z.object({ token: z.string().min(1).max(200) }),
        response: { 200: InvitationCheckSchema },
      },
    },
    async (request) => checkInvitation(ctx, request.params.token),
  );

  app.post(
    '/accept',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create my password from the invitation link',
        body: AcceptInvitationRequestSchema,
        response: { 200: z.object({ email: z.string() }) },
      },
    },
    async (request) =>
      acceptInvitation(ctx, {
        token: request.body.token,
        password: request.body.password,
        termsVersionId: request.body.termsVersionId,
        meta: requestMeta(request),
      }),
  );
};
