import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { StaffActor } from '../../lib/policies';
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

type Ctx = FastifyInstance['ctx'];
type ListQuery = z.output<typeof ReferenceListQuerySchema>;

/** A reference entity of the back office (companies, establishments, contracts): its schemas, service and summaries. */
interface EntityDefinition<Page, Create, Detail, Update> {
  schemas: {
    page: z.ZodType<Page>;
    create: z.ZodType<Create>;
    detail: z.ZodType<Detail>;
    update: z.ZodType<Update>;
  };
  summaries: { list: string; create: string; get: string; update: string };
  list: (ctx: Ctx, query: ListQuery) => Promise<Page>;
  create: (ctx: Ctx, actor: StaffActor, body: Create) => Promise<Detail>;
  get: (ctx: Ctx, id: string) => Promise<Detail>;
  update: (ctx: Ctx, actor: StaffActor, id: string, body: Update) => Promise<Detail>;
}

/**
 * The four routes of a reference entity: list, create, detail and edit. The zod schemas validate
 * and serialize as on every route; the definition's types hold the handlers to them.
 */
function entityRoutes<Page, Create, Detail, Update>(
  entity: EntityDefinition<Page, Create, Detail, Update>,
): FastifyPluginAsync {
  return async (app) => {
    const ctx = app.ctx;
    const { schemas, summaries } = entity;
    const id = (request: FastifyRequest) =>
      (request.params as z.output<typeof ReferenceIdParamsSchema>).id;
    app.get(
      '',
      {
        schema: {
          tags,
          summary: summaries.list,
          querystring: ReferenceListQuerySchema,
          response: { 200: schemas.page },
        },
      },
      async (request) => entity.list(ctx, request.query as ListQuery),
    );
    app.post(
      '',
      {
        schema: {
          tags,
          summary: summaries.create,
          body: schemas.create,
          response: { 201: schemas.detail },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await entity.create(ctx, request.staff, request.body as Create)),
    );
    app.get(
      '/:id',
      {
        schema: {
          tags,
          summary: summaries.get,
          params: ReferenceIdParamsSchema,
          response: { 200: schemas.detail },
        },
      },
      async (request) => entity.get(ctx, id(request)),
    );
    app.patch(
      '/:id',
      {
        schema: {
          tags,
          summary: summaries.update,
          params: ReferenceIdParamsSchema,
          body: schemas.update,
          response: { 200: schemas.detail },
        },
      },
      async (request) => entity.update(ctx, request.staff, id(request), request.body as Update),
    );
  };
}

const companiesRoutes = entityRoutes({
  schemas: {
    page: CompanyPageSchema,
    create: CompanyCreateSchema,
    detail: CompanyDetailSchema,
    update: CompanyUpdateSchema,
  },
  summaries: {
    list: 'Companies (search by name, SIREN or identifiant entreprise), with their counts',
    create: 'Create a company (unique SIREN and identifiant entreprise)',
    get: 'A company with its establishments, contracts and users',
    update: 'Edit a company (name, identifiant entreprise, CCN, IDCC; not the SIREN)',
  },
  list: listCompanies,
  create: createCompany,
  get: getCompany,
  update: updateCompany,
});

const establishmentsRoutes = entityRoutes({
  schemas: {
    page: EstablishmentPageSchema,
    create: EstablishmentCreateSchema,
    detail: EstablishmentDetailSchema,
    update: EstablishmentUpdateSchema,
  },
  summaries: {
    list: 'Establishments (search by name, SIRET or code identifiant; company filter)',
    create: 'Create an establishment (its company is the one of the SIREN of its SIRET)',
    get: 'An establishment',
    update: 'Edit an establishment (name, address, code identifiant; not the SIRET)',
  },
  list: listEstablishments,
  create: createEstablishment,
  get: getEstablishment,
  update: updateEstablishment,
});

const contractsRoutes = entityRoutes({
  schemas: {
    page: ContractPageSchema,
    create: ContractCreateSchema,
    detail: ContractDetailSchema,
    update: ContractUpdateSchema,
  },
  summaries: {
    list: 'Contracts (search by label or number; company filter)',
    create: 'Create a contract (unique number)',
    get: 'A contract',
    update: 'Edit a contract (label, collège, options, dates; not the number)',
  },
  list: listContracts,
  create: createContract,
  get: getContract,
  update: updateContract,
});

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
    async (request) => listReferenceMembers(ctx, request.query),
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
    async (request) => getReferenceMember(ctx, request.params.id),
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
