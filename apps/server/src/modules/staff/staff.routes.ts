import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  BackofficeOverviewSchema,
  InviteStaffRequestSchema,
  StaffListQuerySchema,
  StaffListSchema,
  StaffMemberSchema,
  UpdateStaffRequestSchema,
} from '@affilia/shared/schemas/staff';
import { requireStaff } from '../../plugins/auth';
import { requestMeta } from '../auth/request-meta';
import { getOverview } from './overview.service';
import {
  changeStaffStatus,
  inviteStaff,
  listStaff,
  resendStaffInvitation,
  updateStaff,
  type StaffActor,
} from './staff.service';

const tags = ['backoffice'];
const Params = z.object({ id: z.string().min(1).max(64) });

function staffActor(request: FastifyRequest, opts: { admin?: boolean } = {}): StaffActor {
  return { user: requireStaff(request, opts).user, meta: requestMeta(request) };
}

/** Back office: the insurer's staff accounts (« gestionnaire », back-office administrator). */
export const staffRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get(
    '/api/backoffice/overview',
    {
      schema: {
        tags,
        summary: 'The work queues of « Espace assureur », with their counts',
        response: { 200: BackofficeOverviewSchema },
      },
    },
    async (request) => {
      requireStaff(request);
      return getOverview(ctx);
    },
  );

  app.get(
    '/api/backoffice/staff',
    {
      schema: {
        tags,
        summary: 'The insurer’s staff accounts',
        querystring: StaffListQuerySchema,
        response: { 200: StaffListSchema },
      },
    },
    async (request) => listStaff(ctx, staffActor(request), request.query),
  );

  app.post(
    '/api/backoffice/staff',
    {
      schema: {
        tags,
        summary: 'Add a staff member (emails a password-creation link)',
        body: InviteStaffRequestSchema,
        response: { 201: StaffMemberSchema },
      },
    },
    async (request, reply) => {
      const { member } = await inviteStaff(ctx, staffActor(request, { admin: true }), request.body);
      return reply.code(201).send(member);
    },
  );

  app.patch(
    '/api/backoffice/staff/:id',
    {
      schema: {
        tags,
        summary: 'Modify a staff member (names, role; email and mobile while invited)',
        params: Params,
        body: UpdateStaffRequestSchema,
        response: { 200: StaffMemberSchema },
      },
    },
    async (request) =>
      updateStaff(ctx, staffActor(request, { admin: true }), request.params.id, request.body),
  );

  app.post(
    '/api/backoffice/staff/:id/resend-invitation',
    {
      schema: {
        tags,
        summary: 'Send a new password-creation link',
        params: Params,
        response: { 200: StaffMemberSchema },
      },
    },
    async (request) =>
      resendStaffInvitation(ctx, staffActor(request, { admin: true }), request.params.id),
  );

  for (const change of ['suspend', 'reactivate', 'deactivate'] as const) {
    app.post(
      `/api/backoffice/staff/:id/${change}`,
      {
        schema: {
          tags,
          summary: {
            suspend: 'Suspend a staff member (ends their sessions)',
            reactivate: 'Reactivate a suspended staff member',
            deactivate: 'Deactivate a staff member permanently (ends their sessions)',
          }[change],
          params: Params,
          response: { 200: StaffMemberSchema },
        },
      },
      async (request) =>
        changeStaffStatus(ctx, staffActor(request, { admin: true }), request.params.id, change),
    );
  }
};
