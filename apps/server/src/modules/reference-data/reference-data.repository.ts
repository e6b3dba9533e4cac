/**
 * The back office's « Référentiel »: reads and writes of companies, establishments, contracts,
 * members and coverages (the member lists: see modules/members, whose queries the back office
 * shares without the employer's perimeter). Every company is visible to the insurer's staff;
 * reference-data.service.ts holds the rules, the transactions and the audit.
 */
import {
  expressionBuilder,
  sql,
  type Expression,
  type ExpressionBuilder,
  type Insertable,
  type Kysely,
  type SqlBool,
  type Updateable,
} from 'kysely';
import type {
  CompanyDetail,
  CompanyRow,
  ContractRow,
  EstablishmentRow,
} from '@affilia/shared/schemas/reference-data';
import { normalizeDigits } from '@affilia/shared/validators/normalize';
import { matchesSearch } from '@affilia/shared/validators/search';
import type {
  CompaniesTable,
  Contract,
  ContractOption,
  ContractsTable,
  Database,
  Establishment,
  EstablishmentsTable,
  MembersTable,
} from '../../db/schema';
import { parseContractDispenseCases } from '../dispenses/dispenses.repository';

type Db = Kysely<Database>;

export interface PageInput {
  q?: string | undefined;
  companyId?: string | undefined;
  page: number;
  pageSize: number;
}

/**
 * The ids of the rows whose texts match `q` by the search rule of every list
 * (@affilia/shared/validators/search: the start of words, accents ignored). The referential
 * counts thousands of rows at most: their texts are read and matched here, as SQL cannot ignore
 * accents alike on both databases.
 */
async function matchingIds<R extends { id: string }>(
  rows: Promise<R[]>,
  texts: (row: R) => (string | null)[],
  q: string,
): Promise<string[]> {
  return (await rows).filter((r) => matchesSearch(q, ...texts(r))).map((r) => r.id);
}

/** Digits only when the query is a number (« 732 829 320 »), else null. */
function digitsQuery(q: string): string | null {
  return /^[\d\s.\u00a0]+$/.test(q) ? normalizeDigits(q) : null;
}

/** The insurer's identifiers as stored: no spaces, upper-case. */
const compactUpper = (q: string) => q.replace(/\s+/g, '').toUpperCase();

/** `t.id in (ids)`; false without any id. */
const idIn = (eb: ExpressionBuilder<{ t: { id: string } }, 't'>, ids: string[]) =>
  ids.length > 0 ? eb('t.id', 'in', ids) : eb.or([]);

// Companies --------------------------------------------------------------------------------------

/** The companies a search finds: the start of the SIREN, the identifier, the name's words. */
async function companyFilter(db: Db, input: PageInput): Promise<Expression<SqlBool>> {
  const eb = expressionBuilder<{ t: CompaniesTable }, 't'>();
  if (!input.q) return eb.and([]);
  const digits = digitsQuery(input.q);
  if (digits) {
    return eb.or([
      eb('t.siren', 'like', `${digits}%`),
      eb('t.insurer_company_identifier', '=', digits),
    ]);
  }
  const rows = db.selectFrom('companies').select(['id', 'name']).execute();
  const ids = await matchingIds(rows, (r) => [r.name], input.q);
  return eb.or([idIn(eb, ids), eb('t.insurer_company_identifier', '=', compactUpper(input.q))]);
}

/** Companies with their numbers of establishments and members. */
const companySelect = (db: Db) =>
  db
    .selectFrom('companies as t')
    .selectAll('t')
    .select((eb) => [
      eb
        .selectFrom('establishments as e')
        .select(eb.fn.countAll<string | number>().as('n'))
        .whereRef('e.company_id', '=', 't.id')
        .as('establishment_count'),
      eb
        .selectFrom('members as m')
        .select(eb.fn.countAll<string | number>().as('n'))
        .whereRef('m.company_id', '=', 't.id')
        .as('member_count'),
    ]);

type CompanyDbRow = Awaited<
  ReturnType<ReturnType<typeof companySelect>['executeTakeFirstOrThrow']>
>;

function toCompanyRow(r: CompanyDbRow): CompanyRow {
  return {
    id: r.id,
    siren: r.siren,
    name: r.name,
    insurerCompanyIdentifier: r.insurer_company_identifier,
    ccnName: r.ccn_name,
    idcc: r.idcc,
    establishmentCount: Number(r.establishment_count),
    memberCount: Number(r.member_count),
  };
}

export async function searchCompanies(db: Db, input: PageInput) {
  const filter = await companyFilter(db, input);
  const [count, rows] = await Promise.all([
    db
      .selectFrom('companies as t')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where(filter)
      .executeTakeFirstOrThrow(),
    companySelect(db)
      .where(filter)
      .orderBy('t.name')
      .orderBy('t.id')
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute(),
  ]);
  return { total: Number(count.n), items: rows.map(toCompanyRow) };
}

export async function findCompanyDetail(db: Db, id: string): Promise<CompanyDetail | null> {
  const company = await companySelect(db).where('t.id', '=', id).executeTakeFirst();
  if (!company) return null;
  const [establishments, contracts, users] = await Promise.all([
    db
      .selectFrom('establishments')
      .selectAll()
      .where('company_id', '=', id)
      .orderBy('name')
      .orderBy('siret')
      .execute(),
    db
      .selectFrom('contracts')
      .selectAll()
      .where('company_id', '=', id)
      .orderBy('label')
      .orderBy('number')
      .execute(),
    db
      .selectFrom('user_company_roles as r')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select(['u.id', 'u.first_name', 'u.last_name', 'u.email', 'u.status', 'r.role'])
      .where('r.company_id', '=', id)
      .orderBy('u.last_name')
      .orderBy('u.first_name')
      .execute(),
  ]);
  return {
    ...toCompanyRow(company),
    createdAt: company.created_at,
    updatedAt: company.updated_at,
    establishments: establishments.map(({ company_id: _, ...e }) => establishmentFields(e)),
    contracts: contracts.map((c) => contractFields(c)),
    users: users.map((u) => ({
      id: u.id,
      firstName: u.first_name,
      lastName: u.last_name,
      email: u.email,
      status: u.status,
      role: u.role,
    })),
  };
}

// Establishments ---------------------------------------------------------------------------------

/** An establishment's fields as the API names them. */
export function establishmentFields(
  e: Pick<
    Establishment,
    | 'id'
    | 'siret'
    | 'name'
    | 'address_line1'
    | 'address_line2'
    | 'postal_code'
    | 'city'
    | 'insurer_identifier'
  >,
): Omit<EstablishmentRow, 'company'> {
  return {
    id: e.id,
    siret: e.siret,
    name: e.name,
    addressLine1: e.address_line1,
    addressLine2: e.address_line2,
    postalCode: e.postal_code,
    city: e.city,
    insurerIdentifier: e.insurer_identifier,
  };
}

/** The establishments a search finds: of a company; the start of the SIRET, the code, words. */
async function establishmentFilter(db: Db, input: PageInput): Promise<Expression<SqlBool>> {
  const eb = expressionBuilder<{ t: EstablishmentsTable }, 't'>();
  const conditions: Expression<SqlBool>[] = [];
  if (input.companyId) conditions.push(eb('t.company_id', '=', input.companyId));
  const digits = input.q ? digitsQuery(input.q) : null;
  if (digits) {
    conditions.push(
      eb.or([eb('t.siret', 'like', `${digits}%`), eb('t.insurer_identifier', '=', digits)]),
    );
  } else if (input.q) {
    const rows = db.selectFrom('establishments').select(['id', 'name', 'city']).execute();
    const ids = await matchingIds(rows, (r) => [r.name, r.city], input.q);
    conditions.push(eb.or([idIn(eb, ids), eb('t.insurer_identifier', '=', compactUpper(input.q))]));
  }
  return eb.and(conditions);
}

const establishmentSelect = (db: Db) =>
  db
    .selectFrom('establishments as t')
    .innerJoin('companies as c', 'c.id', 't.company_id')
    .selectAll('t')
    .select(['c.name as company_name', 'c.siren']);

type EstablishmentDbRow = Awaited<
  ReturnType<ReturnType<typeof establishmentSelect>['executeTakeFirstOrThrow']>
>;

function toEstablishmentRow(r: EstablishmentDbRow): EstablishmentRow {
  return {
    ...establishmentFields(r),
    company: { id: r.company_id, name: r.company_name, siren: r.siren },
  };
}

export async function searchEstablishments(db: Db, input: PageInput) {
  const filter = await establishmentFilter(db, input);
  const [count, rows] = await Promise.all([
    db
      .selectFrom('establishments as t')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where(filter)
      .executeTakeFirstOrThrow(),
    establishmentSelect(db)
      .where(filter)
      .orderBy('t.name')
      .orderBy('t.siret')
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute(),
  ]);
  return { total: Number(count.n), items: rows.map(toEstablishmentRow) };
}

export async function findEstablishment(db: Db, id: string) {
  const row = await establishmentSelect(db)
    .select((eb) =>
      eb
        .selectFrom('members as m')
        .select(eb.fn.countAll().as('n'))
        .whereRef('m.establishment_id', '=', 't.id')
        .as('member_count'),
    )
    .where('t.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  return {
    ...toEstablishmentRow(row),
    memberCount: Number(row.member_count ?? 0),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

// Contracts --------------------------------------------------------------------------------------

function contractFields(
  c: Pick<
    Contract,
    'id' | 'number' | 'label' | 'staff_category' | 'options' | 'start_date' | 'end_date'
  >,
): Omit<ContractRow, 'company'> {
  return {
    id: c.id,
    number: c.number,
    label: c.label,
    staffCategory: c.staff_category,
    options: (JSON.parse(c.options) as ContractOption[]).map((o) => ({
      code: o.code,
      label: o.label,
      mandatory: Boolean(o.mandatory),
    })),
    startDate: c.start_date,
    endDate: c.end_date,
  };
}

/** The contracts a search finds: of a company; the start of the number, the label's words. */
async function contractFilter(db: Db, input: PageInput): Promise<Expression<SqlBool>> {
  const eb = expressionBuilder<{ t: ContractsTable }, 't'>();
  const conditions: Expression<SqlBool>[] = [];
  if (input.companyId) conditions.push(eb('t.company_id', '=', input.companyId));
  if (input.q) {
    const rows = db.selectFrom('contracts').select(['id', 'label']).execute();
    const ids = await matchingIds(rows, (r) => [r.label], input.q);
    const prefix = compactUpper(input.q).replace(/[\\%_]/g, (c) => `\\${c}`) + '%';
    conditions.push(
      eb.or([idIn(eb, ids), sql<SqlBool>`${eb.ref('t.number')} like ${prefix} escape '\\'`]),
    );
  }
  return eb.and(conditions);
}

const contractSelect = (db: Db) =>
  db
    .selectFrom('contracts as t')
    .innerJoin('companies as c', 'c.id', 't.company_id')
    .selectAll('t')
    .select(['c.name as company_name', 'c.siren']);

type ContractDbRow = Awaited<
  ReturnType<ReturnType<typeof contractSelect>['executeTakeFirstOrThrow']>
>;

function toContractRow(r: ContractDbRow): ContractRow {
  return {
    ...contractFields(r),
    company: { id: r.company_id, name: r.company_name, siren: r.siren },
  };
}

export async function searchContracts(db: Db, input: PageInput) {
  const filter = await contractFilter(db, input);
  const [count, rows] = await Promise.all([
    db
      .selectFrom('contracts as t')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where(filter)
      .executeTakeFirstOrThrow(),
    contractSelect(db)
      .where(filter)
      .orderBy('c.name')
      .orderBy('t.label')
      .orderBy('t.number')
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute(),
  ]);
  return { total: Number(count.n), items: rows.map(toContractRow) };
}

export async function findContract(db: Db, id: string, today: string) {
  const row = await contractSelect(db)
    .select((eb) =>
      eb
        .selectFrom('coverages as cv')
        .select(eb.fn.countAll().as('n'))
        .whereRef('cv.contract_id', '=', 't.id')
        .where('cv.effective_date', '<=', today)
        .where((w) => w.or([w('cv.end_date', 'is', null), w('cv.end_date', '>=', today)]))
        .as('current_count'),
    )
    .where('t.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  return {
    ...toContractRow(row),
    currentCoverageCount: Number(row.current_count ?? 0),
    dispenseCases: parseContractDispenseCases(row.dispense_cases),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

// Writes and the edits' reads ------------------------------------------------------------------

/** A column that no two rows of its table share. */
export type UniqueColumn =
  | { table: 'companies'; column: 'siren' | 'insurer_company_identifier' }
  | { table: 'establishments'; column: 'siret' | 'insurer_identifier' }
  | { table: 'contracts'; column: 'number' };

/** The id of the row whose `column` is `value` (other than `exceptId`), if there is one. */
export async function findIdByUnique(
  db: Db,
  { table, column }: UniqueColumn,
  value: string,
  exceptId: string | null = null,
): Promise<string | undefined> {
  const row = await db
    .selectFrom(table)
    .select('id')
    .where(column, '=', value)
    .$if(exceptId !== null, (q) => q.where('id', '<>', exceptId!))
    .executeTakeFirst();
  return row?.id;
}

export const findCompanyRow = (db: Db, id: string) =>
  db.selectFrom('companies').selectAll().where('id', '=', id).executeTakeFirst();

export const findEstablishmentRow = (db: Db, id: string) =>
  db.selectFrom('establishments').selectAll().where('id', '=', id).executeTakeFirst();

export const findContractRow = (db: Db, id: string) =>
  db.selectFrom('contracts').selectAll().where('id', '=', id).executeTakeFirst();

export const findMemberRow = (db: Db, id: string) =>
  db.selectFrom('members').selectAll().where('id', '=', id).executeTakeFirst();

type Changes<T> = Omit<Updateable<T>, 'id' | 'created_at'>;

export async function insertCompany(db: Db, row: Insertable<CompaniesTable>): Promise<void> {
  await db.insertInto('companies').values(row).execute();
}

export async function updateCompany(db: Db, id: string, set: Changes<CompaniesTable>) {
  await db.updateTable('companies').set(set).where('id', '=', id).execute();
}

export async function insertEstablishment(db: Db, row: Insertable<EstablishmentsTable>) {
  await db.insertInto('establishments').values(row).execute();
}

export async function updateEstablishment(db: Db, id: string, set: Changes<EstablishmentsTable>) {
  await db.updateTable('establishments').set(set).where('id', '=', id).execute();
}

export async function insertContract(db: Db, row: Insertable<ContractsTable>): Promise<void> {
  await db.insertInto('contracts').values(row).execute();
}

export async function updateContract(db: Db, id: string, set: Changes<ContractsTable>) {
  await db.updateTable('contracts').set(set).where('id', '=', id).execute();
}

export async function updateMember(db: Db, id: string, set: Changes<MembersTable>) {
  await db.updateTable('members').set(set).where('id', '=', id).execute();
}

/** A coverage among `codes` of the contract's options, if one covers a member. */
export function findCoverageWithOption(db: Db, contractId: string, codes: string[]) {
  return db
    .selectFrom('coverages')
    .select('option_code')
    .where('contract_id', '=', contractId)
    .where('option_code', 'in', codes)
    .executeTakeFirst();
}

/** Whether the establishment is one of the company's. */
export async function isEstablishmentOfCompany(db: Db, establishmentId: string, companyId: string) {
  const row = await db
    .selectFrom('establishments')
    .select('id')
    .where('id', '=', establishmentId)
    .where('company_id', '=', companyId)
    .executeTakeFirst();
  return row !== undefined;
}

/** A member with their company's and establishment's names. */
export function findMemberDetail(db: Db, id: string) {
  return db
    .selectFrom('members as m')
    .innerJoin('establishments as e', 'e.id', 'm.establishment_id')
    .innerJoin('companies as c', 'c.id', 'm.company_id')
    .selectAll('m')
    .select(['c.name as company_name', 'c.siren', 'e.name as establishment_name', 'e.siret'])
    .where('m.id', '=', id)
    .executeTakeFirst();
}

/** The establishments a member may move to: their company's. */
export function findEstablishmentChoices(db: Db, companyId: string) {
  return db
    .selectFrom('establishments')
    .select(['id', 'name', 'siret'])
    .where('company_id', '=', companyId)
    .orderBy('name')
    .orderBy('siret')
    .execute();
}

/** A member's coverage with its contract's options and the member's company. */
export function findCoverageOfMember(db: Db, memberId: string, coverageId: string) {
  return db
    .selectFrom('coverages as cv')
    .innerJoin('members as m', 'm.id', 'cv.member_id')
    .innerJoin('contracts as k', 'k.id', 'cv.contract_id')
    .select(['cv.option_code', 'cv.effective_date', 'cv.end_date', 'k.options', 'm.company_id'])
    .where('cv.id', '=', coverageId)
    .where('cv.member_id', '=', memberId)
    .executeTakeFirst();
}

export async function updateCoverage(
  db: Db,
  id: string,
  set: { option_code: string; end_date: string | null; updated_at: string },
): Promise<void> {
  await db.updateTable('coverages').set(set).where('id', '=', id).execute();
}
