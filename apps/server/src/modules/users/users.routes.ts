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
import { requireEmployer } from '../../plugins/auth';
import { requestMeta } from '../auth/request-meta';
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

/** Habilitations (SPEC §4.3): /api/users, administrators only; the invitation link's pages. */
export const usersRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get(
    '/api/users',
    {
      schema: {
        tags,
        summary: 'Users of the companies I administer',
        querystring: UserListQuerySchema,
        response: { 200: UserListSchema },
      },
    },
    async (request) => listUsers(ctx, await requireEmployer(request), request.query),
  );

  app.post(
    '/api/users',
    {
      schema: {
        tags,
        summary: 'Add a user to my companies (sends a password-creation link)',
        body: InviteUserRequestSchema,
        response: { 201: InviteUserResultSchema },
      },
    },
    async (request, reply) => {
      const result = await inviteUser(
        ctx,
        await requireEmployer(request),
        request.body,
        requestMeta(request),
      );
      return reply.code(201).send(result);
    },
  );

  app.get(
    '/api/users/:userId',
    {
      schema: {
        tags,
        summary: 'One user of my companies',
        params: UserParams,
        response: { 200: ManagedUserSchema },
      },
    },
    async (request) =>
      getManagedUser(ctx.db, await requireEmployer(request), request.params.userId),
  );

  app.patch(
    '/api/users/:userId',
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
      updateUser(
        ctx,
        await requireEmployer(request),
        request.params.userId,
        request.body,
        requestMeta(request),
      ),
  );

  app.put(
    '/api/users/:userId/rights',
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
        await requireEmployer(request),
        request.params.userId,
        request.body,
        requestMeta(request),
      ),
  );

  app.post(
    '/api/users/:userId/invitation',
    {
      schema: {
        tags,
        summary: 'Send a new password-creation link',
        params: UserParams,
        response: { 200: ManagedUserSchema },
      },
    },
    async (request) =>
      resendInvitation(
        ctx,
        await requireEmployer(request),
        request.params.userId,
        requestMeta(request),
      ),
  );

  for (const change of ['suspend', 'reactivate', 'deactivate'] as const) {
    app.post(
      `/api/users/:userId/${change}`,
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
          await requireEmployer(request),
          request.params.userId,
          change,
          requestMeta(request),
        ),
    );
  }

  // An existing account invited to companies (issue 14 #4): signed in as that account only.
  const InvitationToken = z.object({ token: z.string().min(1).max(200) });
  app.get(
    '/api/company-invitations/:token',
    {
      schema: {
        tags,
        summary: 'An invitation to join companies, for the signed-in account it was sent to',
        params: InvitationToken,
        response: { 200: CompanyInvitationViewSchema },
      },
    },
    async (request) =>
      getCompanyInvitation(ctx, await requireEmployer(request), request.params.token),
  );
  app.post(
    '/api/company-invitations/:token/accept',
    {
      schema: {
        tags,
        summary: 'Accept an invitation: the rights are written now',
        params: InvitationToken,
        response: { 200: CompanyInvitationAnswerSchema },
      },
    },
    async (request) =>
      acceptCompanyInvitation(
        ctx,
        await requireEmployer(request),
        request.params.token,
        requestMeta(request),
      ),
  );
  app.post(
    '/api/company-invitations/:token/decline',
    {
      schema: {
        tags,
        summary: 'Decline an invitation: nothing is written',
        params: InvitationToken,
        response: { 200: CompanyInvitationAnswerSchema },
      },
    },
    async (request) =>
      declineCompanyInvitation(
        ctx,
        await requireEmployer(request),
        request.params.token,
        requestMeta(request),
      ),
  );

  // The invited user's password creation (public: the link is the proof).
  app.get(
    '/api/auth/invitation/:token',
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
    '/api/auth/invitation/accept',
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
