/**
 * The back office's « Référentiel » (SPEC §3, §6): lists with search, detail and edit of
 * companies, establishments, contracts and members (with their coverages). Staff see every
 * company. Each write runs in one transaction with its audit line (`reference.*`, the changed
 * fields, never a NIR); a member's or a coverage's change bumps the members' data version (and a
 * coverage's refreshes the member's latest-coverage copy), so « Mes salariés » shows it at once.
 */
import type { Kysely } from 'kysely';
import { coverageStatus } from '@affilia/shared/domain/coverage';
import type {
  CompanyCreateSchema,
  CompanyDetail,
  CompanyPage,
  CompanyUpdateSchema,
  ContractCreateSchema,
  ContractDetail,
  ContractPage,
  ContractUpdateSchema,
  CoverageUpdateSchema,
  EstablishmentCreateSchema,
  EstablishmentDetail,
  EstablishmentPage,
  EstablishmentUpdateSchema,
  ReferenceListQuerySchema,
  ReferenceMemberDetail,
  ReferenceMemberPage,
  ReferenceMemberUpdateSchema,
} from '@affilia/shared/schemas/reference-data';
import { sirenOfSiret } from '@affilia/shared/validators/siret';
import type { z } from 'zod';
import type { ContractOption, Database } from '../../db/schema';
import { toSearchName } from '../../db/search-name';
import type { AuditAction } from '@affilia/shared/domain/audit';
import { recordAudit } from '../../lib/audit';
import { parisDate } from '../../lib/clock';
import type { AppContext } from '../../lib/context';
import { bumpDataVersion } from '../../lib/data-versions';
import { AppError, badRequest, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import type { StaffActor } from '../backoffice/backoffice.service';
import { refreshLatestCoverage } from '../members/latest-coverage';
import { findMembers, nirWithKey, toRow } from '../members/members.service';
import {
  findCompanyDetail,
  findContract,
  findEstablishment,
  searchCompanies,
  searchContracts,
  searchEstablishments,
} from './reference-data.repository';

type Ctx = Pick<AppContext, 'db' | 'cipher' | 'clock'>;
type Db = Kysely<Database>;
type ListQuery = z.output<typeof ReferenceListQuerySchema>;

const duplicate = (code: string, message: string, field: string, fieldMessage: string) =>
  new AppError(code, 409, message, { [field]: fieldMessage });

/** The fields whose value changes: `{ field: { from, to } }` (API names). */
function changes(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, to] of Object.entries(after)) {
    const from = before[key];
    if (JSON.stringify(from) !== JSON.stringify(to)) out[key] = { from, to };
  }
  return out;
}

async function audit(
  db: Db,
  ctx: Ctx,
  actor: StaffActor,
  entry: {
    action: AuditAction;
    companyId: string;
    targetType: string;
    targetId: string;
    details: Record<string, unknown>;
  },
) {
  await recordAudit(db, ctx.clock.now(), {
    ...entry,
    actorUserId: actor.userId,
    actorKind: 'staff',
    ip: actor.meta.ip,
    userAgent: actor.meta.userAgent,
  });
}

type Changes = ReturnType<typeof changes>;

/**
 * One edit of the back office, in one transaction: the record loaded (404 otherwise), its
 * checks, what changes (nothing: no write and no audit line), the update, and its audit line.
 */
async function editRecord<Row>(
  ctx: Ctx,
  actor: StaffActor,
  edit: {
    load: (trx: Db) => Promise<Row | undefined>;
    missing: string;
    check?: (trx: Db, row: Row) => Promise<void>;
    before: (row: Row) => Record<string, unknown>;
    input: Record<string, unknown>;
    write: (trx: Db, changed: Changes) => Promise<void>;
    audit: (row: Row) => {
      action: AuditAction;
      companyId: string;
      targetType: string;
      targetId: string;
    };
  },
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await edit.load(trx);
    if (!row) throw notFound(edit.missing);
    await edit.check?.(trx, row);
    const changed = changes(edit.before(row), edit.input);
    if (Object.keys(changed).length === 0) return;
    await edit.write(trx, changed);
    await audit(trx, ctx, actor, { ...edit.audit(row), details: { changes: changed } });
  });
}

// Companies --------------------------------------------------------------------------------------

export async function listCompanies(ctx: Ctx, query: ListQuery): Promise<CompanyPage> {
  const { total, items } = await searchCompanies(ctx.db, query);
  return { items, total, page: query.page, pageSize: query.pageSize };
}

export async function getCompany(ctx: Ctx, id: string): Promise<CompanyDetail> {
  const company = await findCompanyDetail(ctx.db, id);
  if (!company) throw notFound('Entreprise introuvable.');
  return company;
}

async function checkCompanyIdentifier(trx: Db, identifier: string, exceptId: string | null) {
  const taken = await trx
    .selectFrom('companies')
    .select('id')
    .where('insurer_company_identifier', '=', identifier)
    .$if(exceptId !== null, (q) => q.where('id', '<>', exceptId!))
    .executeTakeFirst();
  if (taken) {
    throw duplicate(
      'company_identifier_taken',
      'Une autre entreprise porte déjà cet identifiant entreprise.',
      'insurerCompanyIdentifier',
      'Cet identifiant entreprise est déjà utilisé',
    );
  }
}

export async function createCompany(
  ctx: Ctx,
  actor: StaffActor,
  input: z.output<typeof CompanyCreateSchema>,
): Promise<CompanyDetail> {
  const id = newId();
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('companies')
      .select('id')
      .where('siren', '=', input.siren)
      .executeTakeFirst();
    if (existing) {
      throw duplicate(
        'company_siren_taken',
        'Une entreprise existe déjà avec ce SIREN.',
        'siren',
        'Une entreprise existe déjà avec ce SIREN',
      );
    }
    await checkCompanyIdentifier(trx, input.insurerCompanyIdentifier, null);
    await trx
      .insertInto('companies')
      .values({
        id,
        siren: input.siren,
        name: input.name,
        insurer_company_identifier: input.insurerCompanyIdentifier,
        ccn_name: input.ccnName,
        idcc: input.idcc,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await audit(trx, ctx, actor, {
      action: 'reference.company_created',
      companyId: id,
      targetType: 'company',
      targetId: id,
      details: { fields: input },
    });
  });
  return getCompany(ctx, id);
}

export async function updateCompany(
  ctx: Ctx,
  actor: StaffActor,
  id: string,
  input: z.output<typeof CompanyUpdateSchema>,
): Promise<CompanyDetail> {
  await editRecord(ctx, actor, {
    load: (trx) => trx.selectFrom('companies').selectAll().where('id', '=', id).executeTakeFirst(),
    missing: 'Entreprise introuvable.',
    check: (trx) => checkCompanyIdentifier(trx, input.insurerCompanyIdentifier, id),
    before: (company) => ({
      name: company.name,
      insurerCompanyIdentifier: company.insurer_company_identifier,
      ccnName: company.ccn_name,
      idcc: company.idcc,
    }),
    input,
    write: async (trx) => {
      await trx
        .updateTable('companies')
        .set({
          name: input.name,
          insurer_company_identifier: input.insurerCompanyIdentifier,
          ccn_name: input.ccnName,
          idcc: input.idcc,
          updated_at: ctx.clock.now().toISOString(),
        })
        .where('id', '=', id)
        .execute();
    },
    audit: () => ({
      action: 'reference.company_updated',
      companyId: id,
      targetType: 'company',
      targetId: id,
    }),
  });
  return getCompany(ctx, id);
}

// Establishments ---------------------------------------------------------------------------------

export async function listEstablishments(ctx: Ctx, query: ListQuery): Promise<EstablishmentPage> {
  const { total, items } = await searchEstablishments(ctx.db, query);
  return { items, total, page: query.page, pageSize: query.pageSize };
}

export async function getEstablishment(ctx: Ctx, id: string): Promise<EstablishmentDetail> {
  const establishment = await findEstablishment(ctx.db, id);
  if (!establishment) throw notFound('Établissement introuvable.');
  return establishment;
}

async function checkEstablishmentIdentifier(trx: Db, identifier: string, exceptId: string | null) {
  const taken = await trx
    .selectFrom('establishments')
    .select('id')
    .where('insurer_identifier', '=', identifier)
    .$if(exceptId !== null, (q) => q.where('id', '<>', exceptId!))
    .executeTakeFirst();
  if (taken) {
    throw duplicate(
      'establishment_identifier_taken',
      'Un autre établissement porte déjà ce code identifiant.',
      'insurerIdentifier',
      'Ce code identifiant est déjà utilisé',
    );
  }
}

const establishmentColumns = (input: z.output<typeof EstablishmentUpdateSchema>) => ({
  name: input.name,
  address_line1: input.addressLine1,
  address_line2: input.addressLine2,
  postal_code: input.postalCode,
  city: input.city,
  insurer_identifier: input.insurerIdentifier,
});

export async function createEstablishment(
  ctx: Ctx,
  actor: StaffActor,
  input: z.output<typeof EstablishmentCreateSchema>,
): Promise<EstablishmentDetail> {
  const id = newId();
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const siren = sirenOfSiret(input.siret);
    const company = await trx
      .selectFrom('companies')
      .select('id')
      .where('siren', '=', siren)
      .executeTakeFirst();
    if (!company) {
      throw badRequest(
        'company_not_found',
        `Aucune entreprise n’a le SIREN ${siren} : créez d’abord l’entreprise.`,
        { siret: `Aucune entreprise n’a le SIREN ${siren}` },
      );
    }
    const existing = await trx
      .selectFrom('establishments')
      .select('id')
      .where('siret', '=', input.siret)
      .executeTakeFirst();
    if (existing) {
      throw duplicate(
        'establishment_siret_taken',
        'Un établissement existe déjà avec ce SIRET.',
        'siret',
        'Un établissement existe déjà avec ce SIRET',
      );
    }
    await checkEstablishmentIdentifier(trx, input.insurerIdentifier, null);
    await trx
      .insertInto('establishments')
      .values({
        id,
        company_id: company.id,
        siret: input.siret,
        ...establishmentColumns(input),
        created_at: now,
        updated_at: now,
      })
      .execute();
    await audit(trx, ctx, actor, {
      action: 'reference.establishment_created',
      companyId: company.id,
      targetType: 'establishment',
      targetId: id,
      details: { fields: input },
    });
  });
  return getEstablishment(ctx, id);
}

export async function updateEstablishment(
  ctx: Ctx,
  actor: StaffActor,
  id: string,
  input: z.output<typeof EstablishmentUpdateSchema>,
): Promise<EstablishmentDetail> {
  await editRecord(ctx, actor, {
    load: (trx) =>
      trx.selectFrom('establishments').selectAll().where('id', '=', id).executeTakeFirst(),
    missing: 'Établissement introuvable.',
    check: (trx) => checkEstablishmentIdentifier(trx, input.insurerIdentifier, id),
    before: (e) => ({
      name: e.name,
      addressLine1: e.address_line1,
      addressLine2: e.address_line2,
      postalCode: e.postal_code,
      city: e.city,
      insurerIdentifier: e.insurer_identifier,
    }),
    input,
    write: async (trx, changed) => {
      await trx
        .updateTable('establishments')
        .set({ ...establishmentColumns(input), updated_at: ctx.clock.now().toISOString() })
        .where('id', '=', id)
        .execute();
      // « Mes salariés » sorts by establishment name: its cached pages are out of date.
      if (changed.name) await bumpDataVersion(trx, 'members', ctx.clock.now());
    },
    audit: (e) => ({
      action: 'reference.establishment_updated',
      companyId: e.company_id,
      targetType: 'establishment',
      targetId: id,
    }),
  });
  return getEstablishment(ctx, id);
}

// Contracts --------------------------------------------------------------------------------------

export async function listContracts(ctx: Ctx, query: ListQuery): Promise<ContractPage> {
  const { total, items } = await searchContracts(ctx.db, query);
  return { items, total, page: query.page, pageSize: query.pageSize };
}

export async function getContract(ctx: Ctx, id: string): Promise<ContractDetail> {
  const contract = await findContract(ctx.db, id, parisDate(ctx.clock.now()));
  if (!contract) throw notFound('Contrat introuvable.');
  return contract;
}

type ContractInput = z.output<typeof ContractUpdateSchema>;

const contractColumns = (input: ContractInput) => ({
  label: input.label,
  staff_category: input.staffCategory,
  options: JSON.stringify(
    input.options.map((o) => ({ code: o.code, label: o.label, mandatory: o.mandatory })),
  ),
  start_date: input.startDate,
  end_date: input.endDate,
});

export async function createContract(
  ctx: Ctx,
  actor: StaffActor,
  input: z.output<typeof ContractCreateSchema>,
): Promise<ContractDetail> {
  const id = newId();
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const company = await trx
      .selectFrom('companies')
      .select('id')
      .where('id', '=', input.companyId)
      .executeTakeFirst();
    if (!company) {
      throw badRequest('company_not_found', 'Entreprise introuvable.', {
        companyId: 'Choisissez une entreprise existante',
      });
    }
    const existing = await trx
      .selectFrom('contracts')
      .select('id')
      .where('number', '=', input.number)
      .executeTakeFirst();
    if (existing) {
      throw duplicate(
        'contract_number_taken',
        'Un contrat existe déjà avec ce numéro.',
        'number',
        'Un contrat existe déjà avec ce numéro',
      );
    }
    await trx
      .insertInto('contracts')
      .values({
        id,
        number: input.number,
        company_id: company.id,
        ...contractColumns(input),
        created_at: now,
        updated_at: now,
      })
      .execute();
    await audit(trx, ctx, actor, {
      action: 'reference.contract_created',
      companyId: company.id,
      targetType: 'contract',
      targetId: id,
      details: { fields: input },
    });
  });
  return getContract(ctx, id);
}

/** Refuses to remove an option that covers members. */
async function checkOptionsInUse(
  trx: Db,
  id: string,
  before: ContractOption[],
  input: ContractInput,
) {
  const removed = before
    .map((o) => o.code)
    .filter((code) => !input.options.some((o) => o.code === code));
  if (removed.length === 0) return;
  const used = await trx
    .selectFrom('coverages')
    .select('option_code')
    .where('contract_id', '=', id)
    .where('option_code', 'in', removed)
    .executeTakeFirst();
  if (used) {
    throw badRequest(
      'contract_option_in_use',
      `L’option « ${used.option_code} » couvre des assurés : elle ne peut pas être retirée.`,
      { options: `L’option « ${used.option_code} » couvre des assurés` },
    );
  }
}

export async function updateContract(
  ctx: Ctx,
  actor: StaffActor,
  id: string,
  input: ContractInput,
): Promise<ContractDetail> {
  const optionsOf = (c: { options: string }) => JSON.parse(c.options) as ContractOption[];
  await editRecord(ctx, actor, {
    load: (trx) => trx.selectFrom('contracts').selectAll().where('id', '=', id).executeTakeFirst(),
    missing: 'Contrat introuvable.',
    check: (trx, c) => checkOptionsInUse(trx, id, optionsOf(c), input),
    before: (c) => ({
      label: c.label,
      staffCategory: c.staff_category,
      options: optionsOf(c).map((o) => ({ code: o.code, label: o.label, mandatory: o.mandatory })),
      startDate: c.start_date,
      endDate: c.end_date,
    }),
    input,
    write: async (trx) => {
      await trx
        .updateTable('contracts')
        .set({ ...contractColumns(input), updated_at: ctx.clock.now().toISOString() })
        .where('id', '=', id)
        .execute();
      // « Mes salariés » shows the contract's label.
      await bumpDataVersion(trx, 'members', ctx.clock.now());
    },
    audit: (c) => ({
      action: 'reference.contract_updated',
      companyId: c.company_id,
      targetType: 'contract',
      targetId: id,
    }),
  });
  return getContract(ctx, id);
}

// Members ----------------------------------------------------------------------------------------

/** « Assurés »: the same queries (and indexes) as « Mes salariés », over every company. */
export async function listReferenceMembers(
  ctx: Ctx,
  query: ListQuery,
): Promise<ReferenceMemberPage> {
  const { today, total, rows } = await findMembers(ctx, null, {
    filters: { q: query.q, companyId: query.companyId, establishmentId: query.establishmentId },
    sort: 'name',
    order: 'asc',
    page: query.page,
    pageSize: query.pageSize,
  });
  return {
    items: rows.map((r) => ({
      ...toRow(ctx.cipher, today, r),
      company: { id: r.company_id, name: r.company_name, siren: r.siren },
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function getReferenceMember(ctx: Ctx, id: string): Promise<ReferenceMemberDetail> {
  const m = await ctx.db
    .selectFrom('members as m')
    .innerJoin('establishments as e', 'e.id', 'm.establishment_id')
    .innerJoin('companies as c', 'c.id', 'm.company_id')
    .selectAll('m')
    .select(['c.name as company_name', 'c.siren', 'e.name as establishment_name', 'e.siret'])
    .where('m.id', '=', id)
    .executeTakeFirst();
  if (!m) throw notFound('Assuré introuvable.');
  const today = parisDate(ctx.clock.now());
  const [establishments, coverages] = await Promise.all([
    ctx.db
      .selectFrom('establishments')
      .select(['id', 'name', 'siret'])
      .where('company_id', '=', m.company_id)
      .orderBy('name')
      .orderBy('siret')
      .execute(),
    ctx.db
      .selectFrom('coverages as cv')
      .innerJoin('contracts as k', 'k.id', 'cv.contract_id')
      .select([
        'cv.id',
        'cv.option_code',
        'cv.effective_date',
        'cv.end_date',
        'k.id as contract_id',
        'k.number',
        'k.label',
        'k.options',
      ])
      .where('cv.member_id', '=', id)
      .orderBy('cv.effective_date', 'desc')
      .orderBy('cv.created_at', 'desc')
      .execute(),
  ]);
  return {
    id: m.id,
    lastName: m.last_name,
    firstName: m.first_name,
    nir: nirWithKey(ctx.cipher, m.nir_encrypted),
    birthDate: m.birth_date,
    email: m.email,
    professionalStatus: m.professional_status,
    company: { id: m.company_id, name: m.company_name, siren: m.siren },
    establishment: { id: m.establishment_id, name: m.establishment_name, siret: m.siret },
    companyEstablishments: establishments,
    coverages: coverages.map((cv) => {
      const options = JSON.parse(cv.options) as ContractOption[];
      return {
        id: cv.id,
        contract: { id: cv.contract_id, number: cv.number, label: cv.label },
        optionCode: cv.option_code,
        optionLabel: options.find((o) => o.code === cv.option_code)?.label ?? cv.option_code,
        contractOptions: options.map((o) => ({ code: o.code, label: o.label })),
        effectiveDate: cv.effective_date,
        endDate: cv.end_date,
        status: coverageStatus(cv.effective_date, cv.end_date, today),
      };
    }),
    createdAt: m.created_at,
    updatedAt: m.updated_at,
  };
}

/** An establishment of the member's own company (400 otherwise). */
async function checkSameCompany(trx: Db, establishmentId: string, companyId: string) {
  const e = await trx
    .selectFrom('establishments')
    .select('id')
    .where('id', '=', establishmentId)
    .where('company_id', '=', companyId)
    .executeTakeFirst();
  if (!e) {
    throw badRequest('validation_error', 'Cet établissement n’est pas de l’entreprise.', {
      establishmentId: 'Choisissez un établissement de l’entreprise de l’assuré',
    });
  }
}

export async function updateReferenceMember(
  ctx: Ctx,
  actor: StaffActor,
  id: string,
  input: z.output<typeof ReferenceMemberUpdateSchema>,
): Promise<ReferenceMemberDetail> {
  await editRecord(ctx, actor, {
    load: (trx) => trx.selectFrom('members').selectAll().where('id', '=', id).executeTakeFirst(),
    missing: 'Assuré introuvable.',
    check: async (trx, m) => {
      if (input.establishmentId !== m.establishment_id) {
        await checkSameCompany(trx, input.establishmentId, m.company_id);
      }
    },
    before: (m) => ({
      lastName: m.last_name,
      firstName: m.first_name,
      birthDate: m.birth_date,
      professionalStatus: m.professional_status,
      establishmentId: m.establishment_id,
    }),
    input,
    write: async (trx) => {
      const now = ctx.clock.now();
      await trx
        .updateTable('members')
        .set({
          last_name: input.lastName,
          first_name: input.firstName,
          search_name: toSearchName(input.lastName, input.firstName),
          birth_date: input.birthDate,
          professional_status: input.professionalStatus,
          establishment_id: input.establishmentId,
          updated_at: now.toISOString(),
        })
        .where('id', '=', id)
        .execute();
      await bumpDataVersion(trx, 'members', now);
    },
    audit: (m) => ({
      action: 'reference.member_updated',
      companyId: m.company_id,
      targetType: 'member',
      targetId: id,
    }),
  });
  return getReferenceMember(ctx, id);
}

export async function updateCoverage(
  ctx: Ctx,
  actor: StaffActor,
  memberId: string,
  coverageId: string,
  input: z.output<typeof CoverageUpdateSchema>,
): Promise<ReferenceMemberDetail> {
  await ctx.db.transaction().execute(async (trx) => {
    const cv = await trx
      .selectFrom('coverages as cv')
      .innerJoin('members as m', 'm.id', 'cv.member_id')
      .innerJoin('contracts as k', 'k.id', 'cv.contract_id')
      .select([
        'cv.id',
        'cv.option_code',
        'cv.effective_date',
        'cv.end_date',
        'k.options',
        'm.company_id',
      ])
      .where('cv.id', '=', coverageId)
      .where('cv.member_id', '=', memberId)
      .executeTakeFirst();
    if (!cv) throw notFound('Couverture introuvable.');
    const options = JSON.parse(cv.options) as ContractOption[];
    if (!options.some((o) => o.code === input.optionCode)) {
      throw badRequest('validation_error', 'Cette option n’est pas proposée par le contrat.', {
        optionCode: 'Choisissez une option du contrat',
      });
    }
    if (input.endDate && input.endDate < cv.effective_date) {
      throw badRequest('validation_error', 'La date de fin précède la date d’effet.', {
        endDate: 'La date de fin ne peut pas précéder la date d’effet',
      });
    }
    const changed = changes(
      { optionCode: cv.option_code, endDate: cv.end_date },
      { optionCode: input.optionCode, endDate: input.endDate },
    );
    if (Object.keys(changed).length === 0) return;
    const now = ctx.clock.now();
    await trx
      .updateTable('coverages')
      .set({
        option_code: input.optionCode,
        end_date: input.endDate,
        updated_at: now.toISOString(),
      })
      .where('id', '=', coverageId)
      .execute();
    // The member's latest-coverage copy and the data version: « Mes salariés » shows it at once.
    await refreshLatestCoverage(trx, [memberId], now);
    await audit(trx, ctx, actor, {
      action: 'reference.coverage_updated',
      companyId: cv.company_id,
      targetType: 'coverage',
      targetId: coverageId,
      details: { memberId, changes: changed },
    });
  });
  return getReferenceMember(ctx, memberId);
}
