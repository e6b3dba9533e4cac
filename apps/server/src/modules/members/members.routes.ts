import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  MemberDetailSchema,
  MemberExportQuerySchema,
  MemberFilterOptionsSchema,
  MemberListQuerySchema,
  MemberPageSchema,
} from '@affilia/shared/schemas/members';
import { parisDate } from '../../lib/clock';
import { requestMeta } from '../../lib/request-meta';
import { CertificateParamsSchema } from '@affilia/shared/schemas/member-changes';
import { sendDownload } from '../../lib/download';
import { memberCertificate } from './certificates';
import { exportMembers, getFilterOptions, getMember, listMembers } from './members.service';

const tags = ['members'];

const EXPORT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
} as const;

/** A streamed export (`.csv`, `.xlsx`, `.zip` by its name), downloaded and never cached. */
export function sendExport(reply: FastifyReply, stream: Readable, fileName: string) {
  const ext = fileName.slice(fileName.lastIndexOf('.') + 1) as keyof typeof EXPORT_TYPES;
  return reply
    .header('content-type', EXPORT_TYPES[ext])
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .header('cache-control', 'no-store')
    .send(stream);
}

/** « Mes salariés » (SPEC §5.2): /api/members, within the caller's perimeter. */
export const membersRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get(
    '',
    {
      schema: {
        tags,
        summary: 'Insured members of my perimeter (filters, sort, page)',
        querystring: MemberListQuerySchema,
        response: { 200: MemberPageSchema },
      },
    },
    async (request) => {
      const { sort, order, page, pageSize, ...filters } = request.query;
      return listMembers(ctx, request.employer, {
        filters,
        sort,
        order,
        page,
        pageSize,
      });
    },
  );

  app.get(
    '/filters',
    {
      schema: {
        tags,
        summary: 'The choices of the filters (companies, establishments, contracts)',
        response: { 200: MemberFilterOptionsSchema },
      },
    },
    async (request) => getFilterOptions(ctx, request.employer),
  );

  app.get(
    '/export',
    {
      schema: {
        tags,
        summary: 'Export the filtered list (CSV for French Excel, or XLSX), streamed',
        querystring: MemberExportQuerySchema,
      },
    },
    async (request, reply) => {
      const { format, sort, order, ...filters } = request.query;
      const { stream } = await exportMembers(
        ctx,
        request.employer,
        { filters, sort, order, format },
        requestMeta(request),
      );
      return sendExport(reply, stream, `salaries-${parisDate(ctx.clock.now())}.${format}`);
    },
  );

  app.get(
    '/:memberId',
    {
      schema: {
        tags,
        summary: 'One member: identity, establishment, coverages, affiliation requests',
        params: z.object({ memberId: z.string().min(1).max(64) }),
        response: { 200: MemberDetailSchema },
      },
    },
    async (request) => getMember(ctx, request.employer, request.params.memberId),
  );

  app.get(
    '/:memberId/certificates/:kind',
    {
      schema: {
        tags,
        summary:
          'A certificate of the member as a PDF made on demand: « Attestation d’affiliation » or « Carte de tiers payant »',
        params: CertificateParamsSchema,
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => {
      const file = await memberCertificate(
        ctx,
        request.employer,
        request.params,
        requestMeta(request),
      );
      return sendDownload(reply, { ...file, mimeType: 'application/pdf' });
    },
  );
};
