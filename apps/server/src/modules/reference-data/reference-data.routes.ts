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

/** Companies: list, create, detail and edit. */
const companiesRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  // Companies
  app.get(
    '',
    {
      schema: {
        tags,
        summary: 'Companies (search by name, SIREN or identifiant entreprise), with their counts',
        querystring: ReferenceListQuerySchema,
        response: { 200: CompanyPageSchema },
      },
    },
    async (request) => {
      return listCompanies(ctx, request.query);
    },
  );

  app.post(
    '',
    {
      schema: {
        tags,
        summary: 'Create a company (unique SIREN and identifiant entreprise)',
        body: CompanyCreateSchema,
        response: { 201: CompanyDetailSchema },
      },
    },
    async (request, reply) => {
      const actor = request.staff;
      return reply.code(201).send(await createCompany(ctx, actor, request.body));
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'A company with its establishments, contracts and users',
        params: ReferenceIdParamsSchema,
        response: { 200: CompanyDetailSchema },
      },
    },
    async (request) => {
      return getCompany(ctx, request.params.id);
    },
  );

  app.patch(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Edit a company (name, identifiant entreprise, CCN, IDCC; not the SIREN)',
        params: ReferenceIdParamsSchema,
        body: CompanyUpdateSchema,
        response: { 200: CompanyDetailSchema },
      },
    },
    async (request) => updateCompany(ctx, request.staff, request.params.id, request.body),
  );
};

/** Establishments: list, create, detail and edit. */
const establishmentsRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  // Establishments
  app.get(
    '',
    {
      schema: {
        tags,
        summary: 'Establishments (search by name, SIRET or code identifiant; company filter)',
        querystring: ReferenceListQuerySchema,
        response: { 200: EstablishmentPageSchema },
      },
    },
    async (request) => {
      return listEstablishments(ctx, request.query);
    },
  );

  app.post(
    '',
    {
      schema: {
        tags,
        summary: 'Create an establishment (its company is the one of the SIREN of its SIRET)',
        body: EstablishmentCreateSchema,
        response: { 201: EstablishmentDetailSchema },
      },
    },
    async (request, reply) => {
      const actor = request.staff;
      return reply.code(201).send(await createEstablishment(ctx, actor, request.body));
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'An establishment',
        params: ReferenceIdParamsSchema,
        response: { 200: EstablishmentDetailSchema },
      },
    },
    async (request) => {
      return getEstablishment(ctx, request.params.id);
    },
  );

  app.patch(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Edit an establishment (name, address, code identifiant; not the SIRET)',
        params: ReferenceIdParamsSchema,
        body: EstablishmentUpdateSchema,
        response: { 200: EstablishmentDetailSchema },
      },
    },
    async (request) => updateEstablishment(ctx, request.staff, request.params.id, request.body),
  );
};

/** Contracts: list, create, detail and edit. */
const contractsRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  // Contracts
  app.get(
    '',
    {
      schema: {
        tags,
        summary: 'Contracts (search by label or number; company filter)',
        querystring: ReferenceListQuerySchema,
        response: { 200: ContractPageSchema },
      },
    },
    async (request) => {
      return listContracts(ctx, request.query);
    },
  );

  app.post(
    '',
    {
      schema: {
        tags,
        summary: 'Create a contract (unique number)',
        body: ContractCreateSchema,
        response: { 201: ContractDetailSchema },
      },
    },
    async (request, reply) => {
      const actor = request.staff;
      return reply.code(201).send(await createContract(ctx, actor, request.body));
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'A contract',
        params: ReferenceIdParamsSchema,
        response: { 200: ContractDetailSchema },
      },
    },
    async (request) => {
      return getContract(ctx, request.params.id);
    },
  );

  app.patch(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Edit a contract (label, collège, options, dates; not the number)',
        params: ReferenceIdParamsSchema,
        body: ContractUpdateSchema,
        response: { 200: ContractDetailSchema },
      },
    },
    async (request) => updateContract(ctx, request.staff, request.params.id, request.body),
  );
};

/** Members: list, detail, edit, and their coverages. */
const membersRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  // Members
  app.get(
    '',
    {
      schema: {
        tags,
        summary: 'Members (start of the name or NIR; company and establishment filters)',
        querystring: ReferenceListQuerySchema,
        response: { 200: ReferenceMemberPageSchema },
      },
    },
    async (request) => {
      return listReferenceMembers(ctx, request.query);
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'A member: identity and coverages',
        params: ReferenceIdParamsSchema,
        response: { 200: ReferenceMemberDetailSchema },
      },
    },
    async (request) => {
      return getReferenceMember(ctx, request.params.id);
    },
  );

  app.patch(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Edit a member (names, birth date, professional status, establishment)',
        params: ReferenceIdParamsSchema,
        body: ReferenceMemberUpdateSchema,
        response: { 200: ReferenceMemberDetailSchema },
      },
    },
    async (request) => updateReferenceMember(ctx, request.staff, request.params.id, request.body),
  );

  app.patch(
    '/:memberId/coverages/:coverageId',
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
        request.staff,
        request.params.memberId,
        request.params.coverageId,
        request.body,
      ),
  );
};

/** Back office: companies, establishments, contracts and members — lists, detail and edit (SPEC §3), under /api/backoffice/reference-data. */
export const referenceDataRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(companiesRoutes, { prefix: '/companies' });
  await app.register(establishmentsRoutes, { prefix: '/establishments' });
  await app.register(contractsRoutes, { prefix: '/contracts' });
  await app.register(membersRoutes, { prefix: '/members' });
};
