import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  BackofficeDispenseQueueQuerySchema,
  BackofficeDispenseQueueSchema,
  BackofficeDispenseSchema,
  DispenseFileParamsSchema,
  DispenseParamsSchema,
  DispenseRefuseSchema,
} from '@affilia/shared/schemas/dispenses';
import { sendDownload } from '../../lib/download';
import {
  decideDispense,
  getBackofficeDispense,
  getDispenseFile,
  listDispenseQueue,
} from './backoffice-dispenses.service';

const tags = ['backoffice'];
const detail = { 200: BackofficeDispenseSchema };

/** The insurer's « Dispenses » queue: /api/backoffice/dispenses… (staff, backoffice.work). */
export const backofficeDispensesRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get(
    '',
    {
      schema: {
        tags,
        summary: 'The dispenses of a status (default: requested, to check), the oldest first',
        querystring: BackofficeDispenseQueueQuerySchema,
        response: { 200: BackofficeDispenseQueueSchema },
      },
    },
    async (request) => listDispenseQueue(ctx, request.query),
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'A dispense with the employee, the contract, the employment, its files',
        params: DispenseParamsSchema,
        response: detail,
      },
    },
    async (request) => getBackofficeDispense(ctx, request.params.id),
  );

  app.get(
    '/:id/files/:fileId',
    {
      schema: {
        tags,
        summary: 'A proof, the signed request or the request’s PDF of the dispense',
        params: DispenseFileParamsSchema,
      },
    },
    async (request, reply) => {
      const file = await getDispenseFile(ctx, request.params.id, request.params.fileId);
      return sendDownload(reply, file);
    },
  );

  app.post(
    '/:id/validate',
    {
      schema: {
        tags,
        summary: 'Validate: the employee is dispensed (a renewal replaces the dispense in force)',
        params: DispenseParamsSchema,
        response: detail,
      },
    },
    async (request) => decideDispense(ctx, request.staff, request.params.id, { kind: 'validate' }),
  );

  app.post(
    '/:id/refuse',
    {
      schema: {
        tags,
        summary: 'Refuse with a reason (a first request goes back to the employee)',
        params: DispenseParamsSchema,
        body: DispenseRefuseSchema,
        response: detail,
      },
    },
    async (request) =>
      decideDispense(ctx, request.staff, request.params.id, {
        kind: 'refuse',
        reason: request.body.reason,
      }),
  );
};
