import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BackofficeOverviewSchema,
  InviteStaffRequestSchema,
  StaffListQuerySchema,
  StaffListSchema,
  StaffMemberSchema,
  UpdateStaffRequestSchema,
} from '@affilia/shared/schemas/staff';
import { getOverview } from './overview.service';
import {
  changeStaffStatus,
  inviteStaff,
  listStaff,
  resendStaffInvitation,
  updateStaff,
} from './staff.service';

const tags = ['backoffice'];
const Params = z.object({ id: z.string().min(1).max(64) });

/** Back office: the insurer's staff accounts (« gestionnaire », back-office administrator). */
export const staffRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get(
    '/overview',
    {
      schema: {
        tags,
        summary: 'The work queues of « Espace assureur », with their counts',
        response: { 200: BackofficeOverviewSchema },
      },
    },
    async () => getOverview(ctx),
  );

  app.get(
    '/staff',
    {
      schema: {
        tags,
        summary: 'The insurer’s staff accounts',
        querystring: StaffListQuerySchema,
        response: { 200: StaffListSchema },
      },
    },
    async (request) => listStaff(ctx, request.staff, request.query),
  );

  app.post(
    '/staff',
    {
      config: { staffPermission: 'backoffice.administer' },
      schema: {
        tags,
        summary: 'Add a staff member (emails a password-creation link)',
        body: InviteStaffRequestSchema,
        response: { 201: StaffMemberSchema },
      },
    },
    async (request, reply) => {
      const { member } = await inviteStaff(ctx, request.staff, request.body);
      return reply.code(201).send(member);
    },
  );

  app.patch(
    '/staff/:id',
    {
      config: { staffPermission: 'backoffice.administer' },
      schema: {
        tags,
        summary: 'Modify a staff member (names, role; email and mobile while invited)',
        params: Params,
        body: UpdateStaffRequestSchema,
        response: { 200: StaffMemberSchema },
      },
    },
    async (request) => updateStaff(ctx, request.staff, request.params.id, request.body),
  );

  app.post(
    '/staff/:id/resend-invitation',
    {
      config: { staffPermission: 'backoffice.administer' },
      schema: {
        tags,
        summary: 'Send a new password-creation link',
        params: Params,
        response: { 200: StaffMemberSchema },
      },
    },
    async (request) => resendStaffInvitation(ctx, request.staff, request.params.id),
  );

  for (const change of ['suspend', 'reactivate', 'deactivate'] as const) {
    app.post(
      `/staff/:id/${change}`,
      {
        config: { staffPermission: 'backoffice.administer' },
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
      async (request) => changeStaffStatus(ctx, request.staff, request.params.id, change),
    );
  }
};
