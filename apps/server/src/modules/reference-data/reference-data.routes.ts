import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CompanyCreateSchema,
  CompanyDetailSchema,
  CompanyPageSchema,
  CompanyUpdateSchema,
  ContractCreateSchema,
  ContractDetailSchema,
  ContractPageSchema,
  ContractUpdateSchema,
  CoverageUpdateSchema,
  EstablishmentCreateSchema,
  EstablishmentDetailSchema,
  EstablishmentPageSchema,
  EstablishmentUpdateSchema,
  ReferenceCoverageParamsSchema,
  ReferenceIdParamsSchema,
  ReferenceListQuerySchema,
  ReferenceMemberDetailSchema,
  ReferenceMemberPageSchema,
  ReferenceMemberUpdateSchema,
} from '@affilia/shared/schemas/reference-data';
import { requireStaff } from '../../plugins/auth';
import { requestMeta } from '../auth/request-meta';
import type { StaffActor } from '../backoffice/backoffice.service';
import {
  createCompany,
  createContract,
  createEstablishment,
  getCompany,
  getContract,
  getEstablishment,
  getReferenceMember,
  listCompanies,
  listContracts,
  listEstablishments,
  listReferenceMembers,
  updateCompany,
  updateContract,
  updateCoverage,
  updateEstablishment,
  updateReferenceMember,
} from './reference-data.service';

const tags = ['backoffice'];
const base = '/api/backoffice/reference-data';

function staff(request: FastifyRequest): StaffActor {
  const auth = requireStaff(request);
  return { userId: auth.user.id, meta: requestMeta(request) };
}

/** Back office: companies, establishments, contracts and members — lists, detail and edit (SPEC §3). */
export const referenceDataRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  // Staff only, checked before the body is read or validated (an employer gets 403, not 400).
  app.addHook('onRequest', async (request) => {
    requireStaff(request);
  });

  // Companies
  app.get(
    `${base}/companies`,
    {
      schema: {
        tags,
        summary: 'Companies (search by name, SIREN or identifiant entreprise), with their counts',
        querystring: ReferenceListQuerySchema,
        response: { 200: CompanyPageSchema },
      },
    },
    async (request) => {
      staff(request);
      return listCompanies(ctx, request.query);
    },
  );
  app.post(
    `${base}/companies`,
    {
      schema: {
        tags,
        summary: 'Create a company (unique SIREN and identifiant entreprise)',
        body: CompanyCreateSchema,
        response: { 201: CompanyDetailSchema },
      },
    },
    async (request, reply) => {
      const actor = staff(request);
      return reply.code(201).send(await createCompany(ctx, actor, request.body));
    },
  );
  app.get(
    `${base}/companies/:id`,
    {
      schema: {
        tags,
        summary: 'A company with its establishments, contracts and users',
        params: ReferenceIdParamsSchema,
        response: { 200: CompanyDetailSchema },
      },
    },
    async (request) => {
      staff(request);
      return getCompany(ctx, request.params.id);
    },
  );
  app.patch(
    `${base}/companies/:id`,
    {
      schema: {
        tags,
        summary: 'Edit a company (name, identifiant entreprise, CCN, IDCC; not the SIREN)',
        params: ReferenceIdParamsSchema,
        body: CompanyUpdateSchema,
        response: { 200: CompanyDetailSchema },
      },
    },
    async (request) => updateCompany(ctx, staff(request), request.params.id, request.body),
  );

  // Establishments
  app.get(
    `${base}/establishments`,
    {
      schema: {
        tags,
        summary: 'Establishments (search by name, SIRET or code identifiant; company filter)',
        querystring: ReferenceListQuerySchema,
        response: { 200: EstablishmentPageSchema },
      },
    },
    async (request) => {
      staff(request);
      return listEstablishments(ctx, request.query);
    },
  );
  app.post(
    `${base}/establishments`,
    {
      schema: {
        tags,
        summary: 'Create an establishment (its company is the one of the SIREN of its SIRET)',
        body: EstablishmentCreateSchema,
        response: { 201: EstablishmentDetailSchema },
      },
    },
    async (request, reply) => {
      const actor = staff(request);
      return reply.code(201).send(await createEstablishment(ctx, actor, request.body));
    },
  );
  app.get(
    `${base}/establishments/:id`,
    {
      schema: {
        tags,
        summary: 'An establishment',
        params: ReferenceIdParamsSchema,
        response: { 200: EstablishmentDetailSchema },
      },
    },
    async (request) => {
      staff(request);
      return getEstablishment(ctx, request.params.id);
    },
  );
  app.patch(
    `${base}/establishments/:id`,
    {
      schema: {
        tags,
        summary: 'Edit an establishment (name, address, code identifiant; not the SIRET)',
        params: ReferenceIdParamsSchema,
        body: EstablishmentUpdateSchema,
        response: { 200: EstablishmentDetailSchema },
      },
    },
    async (request) => updateEstablishment(ctx, staff(request), request.params.id, request.body),
  );

  // Contracts
  app.get(
    `${base}/contracts`,
    {
      schema: {
        tags,
        summary: 'Contracts (search by label or number; company filter)',
        querystring: ReferenceListQuerySchema,
        response: { 200: ContractPageSchema },
      },
    },
    async (request) => {
      staff(request);
      return listContracts(ctx, request.query);
    },
  );
  app.post(
    `${base}/contracts`,
    {
      schema: {
        tags,
        summary: 'Create a contract (unique number)',
        body: ContractCreateSchema,
        response: { 201: ContractDetailSchema },
      },
    },
    async (request, reply) => {
      const actor = staff(request);
      return reply.code(201).send(await createContract(ctx, actor, request.body));
    },
  );
  app.get(
    `${base}/contracts/:id`,
    {
      schema: {
        tags,
        summary: 'A contract',
        params: ReferenceIdParamsSchema,
        response: { 200: ContractDetailSchema },
      },
    },
    async (request) => {
      staff(request);
      return getContract(ctx, request.params.id);
    },
  );
  app.patch(
    `${base}/contracts/:id`,
    {
      schema: {
        tags,
        summary: 'Edit a contract (label, collège, options, dates; not the number)',
        params: ReferenceIdParamsSchema,
        body: ContractUpdateSchema,
        response: { 200: ContractDetailSchema },
      },
    },
    async (request) => updateContract(ctx, staff(request), request.params.id, request.body),
  );

  // Members
  app.get(
    `${base}/members`,
    {
      schema: {
        tags,
        summary: 'Members (start of the name or NIR; company and establishment filters)',
        querystring: ReferenceListQuerySchema,
        response: { 200: ReferenceMemberPageSchema },
      },
    },
    async (request) => {
      staff(request);
      return listReferenceMembers(ctx, request.query);
    },
  );
  app.get(
    `${base}/members/:id`,
    {
      schema: {
        tags,
        summary: 'A member: identity and coverages',
        params: ReferenceIdParamsSchema,
        response: { 200: ReferenceMemberDetailSchema },
      },
    },
    async (request) => {
      staff(request);
      return getReferenceMember(ctx, request.params.id);
    },
  );
  app.patch(
    `${base}/members/:id`,
    {
      schema: {
        tags,
        summary: 'Edit a member (names, birth date, professional status, establishment)',
        params: ReferenceIdParamsSchema,
        body: ReferenceMemberUpdateSchema,
        response: { 200: ReferenceMemberDetailSchema },
      },
    },
    async (request) => updateReferenceMember(ctx, staff(request), request.params.id, request.body),
  );
  app.patch(
    `${base}/members/:memberId/coverages/:coverageId`,
    {
      schema: {
        tags,
        summary: 'Edit a member’s coverage (option, end date)',
        params: ReferenceCoverageParamsSchema,
        body: CoverageUpdateSchema,
        response: { 200: ReferenceMemberDetailSchema },
      },
    },
    async (request) =>
      updateCoverage(
        ctx,
        staff(request),
        request.params.memberId,
        request.params.coverageId,
        request.body,
      ),
  );
};
