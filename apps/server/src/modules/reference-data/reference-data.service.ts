/**
 * The back office's « Référentiel » (SPEC §3, §6): lists with search, detail and edit of
 * companies, establishments, contracts and members (with their coverages). Staff see every
 * company. Each write runs in one transaction with its audit line (`reference.*`, the changed
 * fields, never a NIR); a member's or a coverage's change bumps the members' data version (and a
 * coverage's refreshes the member's latest-coverage copy), so « Mes salariés » shows it at once.
 */
import type { Kysely } from 'kysely';
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
import { parisDate } from '../../lib/clock';
import type { AppContext } from '../../lib/context';
import { bumpDataVersion } from '../../lib/data-versions';
import { AppError, badRequest, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import type { StaffActor } from '../backoffice/backoffice.service';
import { recordStaffAudit } from '../backoffice/staff-audit';
import { parseContractDispenseCases } from '../dispenses/dispenses.repository';
import { findCoveragesOfMember, refreshLatestCoverage } from '../members/members.repository';
import { findMembers, memberIdentity, toCoverage, toRow } from '../members/members.service';
import * as repo from './reference-data.repository';

type Ctx = Pick<AppContext, 'db' | 'cipher' | 'clock'>;
type Db = Kysely<Database>;
type ListQuery = z.output<typeof ReferenceListQuerySchema>;

/** A value that must be unique and that another row already has: a 409 on the form's field. */
const TAKEN: Record<string, [code: string, message: string, field: string, fieldMessage: string]> =
  {
    siren: [
      'company_siren_taken',
      'Une entreprise existe déjà avec ce SIREN.',
      'siren',
      'Une entreprise existe déjà avec ce SIREN',
    ],
    insurer_company_identifier: [
      'company_identifier_taken',
      'Une autre entreprise porte déjà cet identifiant entreprise.',
      'insurerCompanyIdentifier',
      'Cet identifiant entreprise est déjà utilisé',
    ],
    siret: [
      'establishment_siret_taken',
      'Un établissement existe déjà avec ce SIRET.',
      'siret',
      'Un établissement existe déjà avec ce SIRET',
    ],
    insurer_identifier: [
      'establishment_identifier_taken',
      'Un autre établissement porte déjà ce code identifiant.',
      'insurerIdentifier',
      'Ce code identifiant est déjà utilisé',
    ],
    number: [
      'contract_number_taken',
      'Un contrat existe déjà avec ce numéro.',
      'number',
      'Un contrat existe déjà avec ce numéro',
    ],
  };

/** Refuses (409) a unique value that another row than `exceptId` already has. */
async function refuseTaken(
  trx: Db,
  key: repo.UniqueColumn,
  value: string,
  exceptId: string | null = null,
): Promise<void> {
  if ((await repo.findIdByUnique(trx, key, value, exceptId)) === undefined) return;
  const [code, message, field, fieldMessage] = TAKEN[key.column]!;
  throw new AppError(code, 409, message, { [field]: fieldMessage });
}

/** A page of a list, as the API answers it. */
const toPage = <T>(query: ListQuery, { total, items }: { total: number; items: T[] }) => ({
  items,
  total,
  page: query.page,
  pageSize: query.pageSize,
});

/** The record, or a 404 with `message`. */
async function found<T>(read: Promise<T | null | undefined>, message: string): Promise<T> {
  const row = await read;
  if (!row) throw notFound(message);
  return row;
}

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

type Changes = ReturnType<typeof changes>;

/**
 * One creation of the back office, in one transaction: its checks and its insert (`write`, which
 * gives the new record's company), then its audit line with the fields given. The new id.
 */
async function createRecord(
  ctx: Ctx,
  actor: StaffActor,
  create: {
    targetType: 'company' | 'establishment' | 'contract';
    input: Record<string, unknown>;
    write: (trx: Db, id: string, at: string) => Promise<string>;
  },
): Promise<string> {
  const id = newId();
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const companyId = await create.write(trx, id, now.toISOString());
    await recordStaffAudit(trx, now, actor, {
      action: `reference.${create.targetType}_created`,
      companyId,
      targetType: create.targetType,
      targetId: id,
      details: { fields: create.input },
    });
  });
  return id;
}

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
    await recordStaffAudit(trx, ctx.clock.now(), actor, {
      ...edit.audit(row),
      details: { changes: changed },
    });
  });
}

// Companies --------------------------------------------------------------------------------------

export async function listCompanies(ctx: Ctx, query: ListQuery): Promise<CompanyPage> {
  return toPage(query, await repo.searchCompanies(ctx.db, query));
}

export function getCompany(ctx: Ctx, id: string): Promise<CompanyDetail> {
  return found(repo.findCompanyDetail(ctx.db, id), 'Entreprise introuvable.');
}

const companyIdentifier = {
  table: 'companies',
  column: 'insurer_company_identifier',
} as const;

export async function createCompany(
  ctx: Ctx,
  actor: StaffActor,
  input: z.output<typeof CompanyCreateSchema>,
): Promise<CompanyDetail> {
  const id = await createRecord(ctx, actor, {
    targetType: 'company',
    input,
    write: async (trx, id, at) => {
      await refuseTaken(trx, { table: 'companies', column: 'siren' }, input.siren);
      await refuseTaken(trx, companyIdentifier, input.insurerCompanyIdentifier);
      await repo.insertCompany(trx, {
        id,
        siren: input.siren,
        name: input.name,
        insurer_company_identifier: input.insurerCompanyIdentifier,
        ccn_name: input.ccnName,
        idcc: input.idcc,
        created_at: at,
        updated_at: at,
      });
      return id;
    },
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
    load: (trx) => repo.findCompanyRow(trx, id),
    missing: 'Entreprise introuvable.',
    check: (trx) => refuseTaken(trx, companyIdentifier, input.insurerCompanyIdentifier, id),
    before: (company) => ({
      name: company.name,
      insurerCompanyIdentifier: company.insurer_company_identifier,
      ccnName: company.ccn_name,
      idcc: company.idcc,
    }),
    input,
    write: async (trx, changed) => {
      await repo.updateCompany(trx, id, {
        name: input.name,
        insurer_company_identifier: input.insurerCompanyIdentifier,
        ccn_name: input.ccnName,
        idcc: input.idcc,
        updated_at: ctx.clock.now().toISOString(),
      });
      // « Mes salariés » shows the company's name: its cached pages are out of date.
      if (changed.name) await bumpDataVersion(trx, 'members', ctx.clock.now());
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
  return toPage(query, await repo.searchEstablishments(ctx.db, query));
}

export function getEstablishment(ctx: Ctx, id: string): Promise<EstablishmentDetail> {
  return found(repo.findEstablishment(ctx.db, id), 'Établissement introuvable.');
}

const establishmentIdentifier = { table: 'establishments', column: 'insurer_identifier' } as const;

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
  const id = await createRecord(ctx, actor, {
    targetType: 'establishment',
    input,
    write: async (trx, id, at) => {
      const siren = sirenOfSiret(input.siret);
      const companyId = await repo.findIdByUnique(
        trx,
        { table: 'companies', column: 'siren' },
        siren,
      );
      if (!companyId) {
        throw badRequest(
          'company_not_found',
          `Aucune entreprise n’a le SIREN ${siren} : créez d’abord l’entreprise.`,
          { siret: `Aucune entreprise n’a le SIREN ${siren}` },
        );
      }
      await refuseTaken(trx, { table: 'establishments', column: 'siret' }, input.siret);
      await refuseTaken(trx, establishmentIdentifier, input.insurerIdentifier);
      await repo.insertEstablishment(trx, {
        id,
        company_id: companyId,
        siret: input.siret,
        ...establishmentColumns(input),
        created_at: at,
        updated_at: at,
      });
      return companyId;
    },
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
    load: (trx) => repo.findEstablishmentRow(trx, id),
    missing: 'Établissement introuvable.',
    check: (trx) => refuseTaken(trx, establishmentIdentifier, input.insurerIdentifier, id),
    before: repo.establishmentFields,
    input,
    write: async (trx, changed) => {
      await repo.updateEstablishment(trx, id, {
        ...establishmentColumns(input),
        updated_at: ctx.clock.now().toISOString(),
      });
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
  return toPage(query, await repo.searchContracts(ctx.db, query));
}

export function getContract(ctx: Ctx, id: string): Promise<ContractDetail> {
  return found(repo.findContract(ctx.db, id, parisDate(ctx.clock.now())), 'Contrat introuvable.');
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
  ...(input.dispenseCases ? { dispense_cases: JSON.stringify(input.dispenseCases) } : {}),
});

export async function createContract(
  ctx: Ctx,
  actor: StaffActor,
  input: z.output<typeof ContractCreateSchema>,
): Promise<ContractDetail> {
  const id = await createRecord(ctx, actor, {
    targetType: 'contract',
    input,
    write: async (trx, id, at) => {
      const company = await repo.findCompanyRow(trx, input.companyId);
      if (!company) {
        throw badRequest('company_not_found', 'Entreprise introuvable.', {
          companyId: 'Choisissez une entreprise existante',
        });
      }
      await refuseTaken(trx, { table: 'contracts', column: 'number' }, input.number);
      await repo.insertContract(trx, {
        id,
        number: input.number,
        company_id: company.id,
        ...contractColumns(input),
        created_at: at,
        updated_at: at,
      });
      return company.id;
    },
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
  const used = await repo.findCoverageWithOption(trx, id, removed);
  if (used) {
    throw badRequest(
      'contract_option_in_use',
      `L’option « ${used.option_code} » couvre des assurés : elle ne peut pas être retirée.`,
      { options: `L’option « ${used.option_code} » couvre des assurés` },
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
    load: (trx) => repo.findContractRow(trx, id),
    missing: 'Contrat introuvable.',
    check: (trx, c) => checkOptionsInUse(trx, id, optionsOf(c), input),
    before: (c) => ({
      label: c.label,
      staffCategory: c.staff_category,
      options: optionsOf(c).map((o) => ({ code: o.code, label: o.label, mandatory: o.mandatory })),
      startDate: c.start_date,
      endDate: c.end_date,
      ...(input.dispenseCases
        ? { dispenseCases: parseContractDispenseCases(c.dispense_cases) }
        : {}),
    }),
    input,
    write: async (trx) => {
      await repo.updateContract(trx, id, {
        ...contractColumns(input),
        updated_at: ctx.clock.now().toISOString(),
      });
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
  const m = await found(repo.findMemberDetail(ctx.db, id), 'Assuré introuvable.');
  const today = parisDate(ctx.clock.now());
  const [establishments, coverages] = await Promise.all([
    repo.findEstablishmentChoices(ctx.db, m.company_id),
    findCoveragesOfMember(ctx.db, id),
  ]);
  return {
    ...memberIdentity(ctx.cipher, m),
    establishment: { id: m.establishment_id, name: m.establishment_name, siret: m.siret },
    companyEstablishments: establishments,
    coverages: coverages.map((cv) => ({
      ...toCoverage(cv, today),
      contractOptions: (JSON.parse(cv.options) as ContractOption[]).map((o) => ({
        code: o.code,
        label: o.label,
      })),
    })),
    createdAt: m.created_at,
    updatedAt: m.updated_at,
  };
}

/** An establishment of the member's own company (400 otherwise). */
async function checkSameCompany(trx: Db, establishmentId: string, companyId: string) {
  if (!(await repo.isEstablishmentOfCompany(trx, establishmentId, companyId))) {
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
    load: (trx) => repo.findMemberRow(trx, id),
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
      await repo.updateMember(trx, id, {
        last_name: input.lastName,
        first_name: input.firstName,
        search_name: toSearchName(input.lastName, input.firstName),
        birth_date: input.birthDate,
        professional_status: input.professionalStatus,
        establishment_id: input.establishmentId,
        updated_at: now.toISOString(),
      });
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
    const cv = await found(
      repo.findCoverageOfMember(trx, memberId, coverageId),
      'Couverture introuvable.',
    );
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
    await repo.updateCoverage(trx, coverageId, {
      option_code: input.optionCode,
      end_date: input.endDate,
      updated_at: now.toISOString(),
    });
    // The member's latest-coverage copy and the data version: « Mes salariés » shows it at once.
    await refreshLatestCoverage(trx, [memberId], now);
    await recordStaffAudit(trx, ctx.clock.now(), actor, {
      action: 'reference.coverage_updated',
      companyId: cv.company_id,
      targetType: 'coverage',
      targetId: coverageId,
      details: { memberId, changes: changed },
    });
  });
  return getReferenceMember(ctx, memberId);
}
