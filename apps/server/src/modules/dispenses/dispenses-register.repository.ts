/**
 * Reads of the employer's register « Dispenses » (issue 19): every query is scoped with
 * `inPerimeter` on the dispense's establishment and company (permission `affiliations.manage`),
 * copied from its affiliation request. Portable SQL (SQLite and PostgreSQL).
 *
 * One line per affiliation request: its current dispense — the latest one that is a first
 * request (whatever its status) or a renewal that took over (validated, then expired or ended).
 * A renewal still waiting for the insurer, or refused, does not hide the dispense in force; the
 * superseded ones (`renewed`) are history.
 */
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import {
  DISPENSE_REMINDER_DAYS,
  type DispenseRegisterState,
} from '@affilia/shared/domain/dispense';
import type { DispenseFilters } from '@affilia/shared/schemas/dispenses';
import type { Database } from '../../db/schema';
import { compiledPerInputs } from '../../db/compiled-once';
import type { FieldCipher } from '../../lib/crypto';
import { inPerimeter, type EmployerActor } from '../../lib/policies';
import { filterConditions } from '../affiliations/affiliations.repository';

type Db = Kysely<Database>;

/** The calendar day `days` after `isoDate`. */
function daysAfter(isoDate: string, days: number): string {
  const t = new Date(`${isoDate}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

/** A validated dispense's dates still justify it today (not isDispenseExpired). */
const notExpiredOn = (today: string) =>
  sql<SqlBool>`(d.end_date is null or d.end_date >= ${today}) and (d.renewal_due_date is null or d.renewal_due_date > ${today})`;

/**
 * The SQL twin of `dispenseRegisterState(d, today)` (@affilia/shared/domain/dispense): the rows
 * of `d` (dispenses) in this register state. A validated dispense has expired when today is after
 * its end or on or after its renewal due date (isDispenseExpired); it is « À renouveler » when
 * its next deadline is within DISPENSE_REMINDER_DAYS (today ≥ reminderDay(deadline) ⟺ deadline ≤
 * today + 30 days). dispenses-register.test.ts checks both agree, state by state.
 */
export function registerStateCondition(
  state: DispenseRegisterState,
  today: string,
): Expression<SqlBool> {
  const soon = daysAfter(today, DISPENSE_REMINDER_DAYS);
  const inForce = notExpiredOn(today);
  switch (state) {
    case 'requested':
      return sql<SqlBool>`d.status = 'requested'`;
    case 'refused':
      return sql<SqlBool>`d.status in ('refused', 'cancelled')`;
    case 'ended':
      return sql<SqlBool>`d.status in ('renewed', 'ended')`;
    case 'expired':
      return sql<SqlBool>`(d.status = 'expired' or (d.status = 'validated' and not (${inForce})))`;
    case 'renewal_due':
      return sql<SqlBool>`(d.status = 'validated' and ${inForce} and (d.end_date <= ${soon} or d.renewal_due_date <= ${soon}))`;
    case 'valid':
      return sql<SqlBool>`(d.status = 'validated' and ${inForce} and (d.end_date is null or d.end_date > ${soon}) and (d.renewal_due_date is null or d.renewal_due_date > ${soon}))`;
  }
}

/** A dispense that may be its request's line: a first request, or a renewal that took over. */
const registerCandidate = (alias: string) =>
  sql<SqlBool>`(${sql.ref(`${alias}.renews_dispense_id`)} is null or ${sql.ref(`${alias}.status`)} in ('validated', 'expired', 'ended'))`;

/** `d` is its request's line: a candidate with no later candidate of the same request. */
const currentOfItsRequest = sql<SqlBool>`${registerCandidate('d')} and not exists (
  select 1 from dispenses d2
  where d2.request_id = d.request_id and ${registerCandidate('d2')}
    and (d2.created_at > d.created_at or (d2.created_at = d.created_at and d2.id > d.id)))`;

/** The conditions of the register's filters on `d` (dispense), `r` (request), `c` (company). */
export function registerConditions(
  cipher: FieldCipher,
  filters: DispenseFilters,
  today: string,
): Expression<SqlBool>[] {
  const conditions = [
    currentOfItsRequest,
    // The establishment, the company and the name or NIR, as « Suivi des demandes » reads them.
    ...filterConditions(cipher, {
      establishmentId: filters.establishmentId,
      siren: filters.siren,
      q: filters.q,
    }),
  ];
  if (filters.state) conditions.push(registerStateCondition(filters.state, today));
  if (filters.caseCode) conditions.push(sql<SqlBool>`d.case_code = ${filters.caseCode}`);
  if (filters.deadlineBefore) {
    const before = filters.deadlineBefore;
    conditions.push(sql<SqlBool>`(d.end_date <= ${before} or d.renewal_due_date <= ${before})`);
  }
  return conditions;
}

/** The dispenses `d` of the actor's perimeter, alone: what counts that read only `d` need. */
function dispensesOfPerimeter(db: Db, actor: EmployerActor) {
  return db.selectFrom('dispenses as d').where((eb) =>
    inPerimeter(eb, actor, 'affiliations.manage', {
      establishment: 'd.establishment_id',
      company: 'd.company_id',
    }),
  );
}

/** The same with their request `r`, establishment `e` and company `c` (the register's rows). */
function registerQuery(db: Db, actor: EmployerActor) {
  return dispensesOfPerimeter(db, actor)
    .innerJoin('affiliation_requests as r', 'r.id', 'd.request_id')
    .innerJoin('establishments as e', 'e.id', 'd.establishment_id')
    .innerJoin('companies as c', 'c.id', 'd.company_id');
}

const where = (conditions: Expression<SqlBool>[]) =>
  sql<SqlBool>`${sql.join(conditions, sql` and `)}`;

function registerRows(db: Db, actor: EmployerActor, conditions: Expression<SqlBool>[]) {
  return registerQuery(db, actor)
    .where(where(conditions))
    .selectAll('d')
    .select([
      'r.last_name',
      'r.first_name',
      'r.birth_date',
      'r.search_name',
      'c.name as company_name',
      'c.siren',
      'e.name as establishment_name',
      'e.siret',
      sql<string | null>`(select sf.original_name from dispense_files df
        inner join stored_files sf on sf.id = df.file_id
        where df.dispense_id = d.id and df.kind = 'proof'
        order by df.created_at desc, df.id desc limit 1)`.as('proof_name'),
      sql<boolean | number>`exists (select 1 from dispenses dr
        where dr.renews_dispense_id = d.id and dr.status = 'requested')`.as('renewal_requested'),
    ]);
}
export type RegisterRow = Awaited<ReturnType<ReturnType<typeof registerRows>['execute']>>[number];

export type RegisterSort = 'name' | 'end_date' | 'created_at';

function registerOrder(sort: RegisterSort, order: 'asc' | 'desc') {
  const dir = order === 'asc' ? sql`asc` : sql`desc`;
  if (sort === 'end_date')
    // Without an end last, whatever the direction (SQLite and PostgreSQL differ by default).
    return sql`case when d.end_date is null then 1 else 0 end, d.end_date ${dir}, r.search_name, d.id`;
  if (sort === 'created_at') return sql`d.created_at ${dir}, d.id ${dir}`;
  return sql`r.search_name ${dir}, d.id ${dir}`;
}

export async function findRegisterPage(
  db: Db,
  actor: EmployerActor,
  conditions: Expression<SqlBool>[],
  page: { sort: RegisterSort; order: 'asc' | 'desc'; page: number; pageSize: number },
) {
  const [total, items] = await Promise.all([
    countRegister(db, actor, conditions),
    registerRows(db, actor, conditions)
      .orderBy(registerOrder(page.sort, page.order))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute(),
  ]);
  return { total, items };
}

export async function countRegister(
  db: Db,
  actor: EmployerActor,
  conditions: Expression<SqlBool>[],
): Promise<number> {
  const row = await registerQuery(db, actor)
    .where(where(conditions))
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The register in batches (the export and the audit zip), by name. */
export async function* streamRegister(
  db: Db,
  actor: EmployerActor,
  conditions: Expression<SqlBool>[],
  batchSize = 500,
): AsyncGenerator<RegisterRow[]> {
  for (let offset = 0; ; offset += batchSize) {
    const rows = await registerRows(db, actor, conditions)
      .orderBy(registerOrder('name', 'asc'))
      .limit(batchSize)
      .offset(offset)
      .execute();
    if (rows.length > 0) yield rows;
    if (rows.length < batchSize) return;
  }
}

/** One dispense of the perimeter (any, not only its request's line); undefined otherwise. */
export function findRegisterDispense(db: Db, actor: EmployerActor, id: string) {
  return registerRows(db, actor, [sql<SqlBool>`d.id = ${id}`]).executeTakeFirst();
}

/**
 * The stored files of these dispenses, for the audit zip: their proofs and signed requests, and
 * the PDF the form made (kind `signed_request`).
 */
export async function findArchiveFiles(db: Db, dispenseIds: readonly string[]) {
  if (dispenseIds.length === 0) return [];
  const [files, pdfs] = await Promise.all([
    db
      .selectFrom('dispense_files as df')
      .innerJoin('stored_files as sf', 'sf.id', 'df.file_id')
      .select(['df.dispense_id', 'df.kind', 'sf.storage_key', 'sf.original_name'])
      .where('df.dispense_id', 'in', [...dispenseIds])
      .orderBy('df.created_at')
      .orderBy('df.id')
      .execute(),
    db
      .selectFrom('dispenses as d')
      .innerJoin('stored_files as sf', 'sf.id', 'd.pdf_file_id')
      .select(['d.id as dispense_id', 'sf.storage_key', 'sf.original_name'])
      .where('d.id', 'in', [...dispenseIds])
      .execute(),
  ]);
  return [
    ...pdfs.map((p) => ({ ...p, kind: 'signed_request' as const })),
    ...files.map((f) => ({ ...f, dispense_id: f.dispense_id ?? '' })),
  ];
}

/**
 * The home page's figures, in one pass over the register's lines of these companies: the
 * employees dispensed today (« Dispensé » and « À renouveler »: a dispense in force), the
 * expired dispenses and those to renew (the pending actions).
 */
export async function countDashboardDispenses(
  db: Db,
  actor: EmployerActor,
  companyIds: readonly string[],
  today: string,
): Promise<{ inForce: number; expired: number; toRenew: number }> {
  if (companyIds.length === 0) return { inForce: 0, expired: 0, toRenew: 0 };
  const [row] = await dashboardDispenses(db, actor, companyIds, today);
  return {
    inForce: Number(row?.in_force ?? 0),
    expired: Number(row?.expired ?? 0),
    toRenew: Number(row?.to_renew ?? 0),
  };
}

// On every home page: compiled once per perimeter, companies and day (db/compiled-once.ts).
const dashboardDispenses = compiledPerInputs(
  (actor: EmployerActor, companyIds: readonly string[], today: string) =>
    `${actor.perimeterKey}|${companyIds.join(',')}|${today}`,
  (db, actor: EmployerActor, companyIds: readonly string[], today: string) => {
    const countOf = (...states: DispenseRegisterState[]) =>
      sql<number | string>`sum(case when ${sql.join(
        states.map((state) => registerStateCondition(state, today)),
        sql` or `,
      )} then 1 else 0 end)`;
    // `d` alone: its request, establishment and company always exist (non-null foreign keys),
    // and joining them cost this count 0.11 ms of the home page's ~0.6 (SQLite, 2026-12-07).
    return dispensesOfPerimeter(db, actor)
      .where(
        where([currentOfItsRequest, sql<SqlBool>`d.company_id in (${sql.join([...companyIds])})`]),
      )
      .select([
        countOf('valid', 'renewal_due').as('in_force'),
        countOf('expired').as('expired'),
        countOf('renewal_due').as('to_renew'),
      ]);
  },
);
