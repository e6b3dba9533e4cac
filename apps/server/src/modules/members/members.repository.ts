/**
 * Reads of « Mes salariés », always within the caller's perimeter (lib/policies.ts) — and of the
 * back office's « Assurés » (reference data), where the actor is `null`: staff see every company.
 *
 * Performance (100,000 members, see docs/performance.md): the filters and sorts read the
 * members table alone, through its indexes, thanks to the copy of the latest coverage on each
 * member (migration 0002). A page is found by ids first (an index-only scan, even deep in the
 * list), then only those rows are joined to their establishment and contract.
 */
import { expressionBuilder, sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { CoverageStatus } from '@affilia/shared/domain/enums';
import type { MemberFilters, MemberSort } from '@affilia/shared/schemas/members';
import { parseNir } from '@affilia/shared/validators/nir';
import { normalizeDigits } from '@affilia/shared/validators/normalize';
import type { Database } from '../../db/schema';
import { nameSearchCondition } from '../../db/search-name';
import type { FieldCipher } from '../../lib/crypto';
import { bumpDataVersion } from '../../lib/data-versions';
import { cachedFigure } from '../../lib/figures-cache';
import { inPerimeter, type EmployerActor } from '../../lib/policies';

type Db = Kysely<Database>;

/** The filters of a query; `companyId` is the back office's company filter. */
export type MemberQueryFilters = MemberFilters & { companyId?: string | undefined };

export interface MemberQuery {
  filters: MemberQueryFilters;
  sort: MemberSort;
  order: 'asc' | 'desc';
  /** Today (YYYY-MM-DD), for « Statut du contrat ». */
  today: string;
}

/** Typed references to `members as m`, for the conditions of the hand-written queries below. */
const membersAsM = () => expressionBuilder<{ m: Database['members'] }, 'm'>();

/**
 * The WHERE conditions of a member query on `members as m`: within the employer `actor`'s
 * perimeter, or over every company when `actor` is null (insurer staff, the back office).
 */
export function memberConditions(
  actor: EmployerActor | null,
  cipher: FieldCipher,
  query: Pick<MemberQuery, 'filters' | 'today'>,
): Expression<SqlBool>[] {
  const f = query.filters;
  const conditions: Expression<SqlBool>[] = actor
    ? [
        inPerimeter(membersAsM(), actor, 'members.view', {
          establishment: 'm.establishment_id',
          company: 'm.company_id',
        }),
      ]
    : [];
  if (f.companyId) conditions.push(sql<SqlBool>`m.company_id = ${f.companyId}`);
  if (f.siren) {
    conditions.push(
      sql<SqlBool>`m.company_id in (select c.id from companies c where c.siren = ${normalizeDigits(f.siren)})`,
    );
  }
  if (f.siret) {
    conditions.push(
      sql<SqlBool>`m.establishment_id in (select e.id from establishments e where e.siret = ${normalizeDigits(f.siret)})`,
    );
  }
  if (f.establishmentId) conditions.push(sql<SqlBool>`m.establishment_id = ${f.establishmentId}`);
  if (f.professionalStatus) {
    conditions.push(sql<SqlBool>`m.professional_status = ${f.professionalStatus}`);
  }
  if (f.contractId) conditions.push(sql<SqlBool>`m.latest_contract_id = ${f.contractId}`);
  if (f.contractStatus) conditions.push(coverageStatusCondition(f.contractStatus, query.today));
  if (f.q) conditions.push(insuredCondition(cipher, f.q));
  // « En portabilité »: the copy of the portability's end (migration 0008).
  if (f.portability === 'active') {
    conditions.push(sql<SqlBool>`m.portability_end_date >= ${query.today}`);
  }
  return conditions;
}

/**
 * « Statut du contrat » of the member's latest coverage on `today`, on `members as m`. `current`
 * is also the home page's « Salariés couverts aujourd’hui » (dashboard.service.ts).
 */
export function coverageStatusCondition(
  status: CoverageStatus,
  today: string,
): Expression<SqlBool> {
  switch (status) {
    case 'upcoming':
      return sql<SqlBool>`m.latest_effective_date > ${today}`;
    case 'ended':
      return sql<SqlBool>`m.latest_end_date < ${today}`;
    case 'current':
      return sql<SqlBool>`(m.latest_effective_date <= ${today} and (m.latest_end_date is null or m.latest_end_date >= ${today}))`;
  }
}

/** « Assuré »: a NIR (exact, through its keyed hash) or the start of a name, on `members as m`. */
export function insuredCondition(cipher: FieldCipher, q: string): Expression<SqlBool> {
  const compact = q.replace(/[\s.\u00a0-]/g, '');
  if (/^[0-9]/.test(compact) && compact.length >= 13) {
    const nir = parseNir(compact, { allowTemporary: true });
    if (!nir.ok) return sql<SqlBool>`1 = 0`;
    return sql<SqlBool>`m.nir_hash = ${cipher.hash(nir.value)}`;
  }
  return nameSearchCondition('m.search_name', q) ?? sql<SqlBool>`1 = 1`;
}

function orderBy(sort: MemberSort, order: 'asc' | 'desc') {
  const dir = order === 'desc' ? sql`desc` : sql`asc`;
  switch (sort) {
    case 'name':
      return sql`m.search_name ${dir}, m.id ${dir}`;
    case 'effective_date':
      return sql`m.latest_effective_date ${dir}, m.search_name ${dir}, m.id ${dir}`;
    case 'end_date':
      return sql`m.latest_end_date ${dir}, m.search_name ${dir}, m.id ${dir}`;
    case 'establishment':
      return sql`(select e.name from establishments e where e.id = m.establishment_id) ${dir}, m.search_name ${dir}, m.id ${dir}`;
  }
}

const where = (conditions: Expression<SqlBool>[]) =>
  conditions.length > 0 ? sql.join(conditions, sql` and `) : sql<SqlBool>`1 = 1`;

export async function countMembers(db: Db, conditions: Expression<SqlBool>[]): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`
    select count(*) as n from members m where ${where(conditions)}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

export interface MemberListRow {
  id: string;
  search_name: string;
  last_name: string;
  first_name: string;
  nir_encrypted: string;
  professional_status: 'cadre' | 'non_cadre';
  establishment_id: string;
  establishment_name: string;
  siret: string;
  company_id: string;
  company_name: string;
  siren: string;
  contract_id: string | null;
  contract_number: string | null;
  contract_label: string | null;
  effective_date: string | null;
  end_date: string | null;
  portability_end_date: string | null;
}

/**
 * LIMIT and OFFSET written as literals (they are integers checked here): with a bound parameter
 * SQLite cannot tell that the page is small and may plan the joins around the whole table. The
 * CROSS JOIN keeps the page's ids first on SQLite; PostgreSQL plans it as an inner join.
 */
function limitLiteral(n: number) {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error('invalid limit');
  return sql.lit(n);
}

/**
 * Deep pages in name order start from an anchor every this many rows (see findMemberPage): a
 * page then walks at most 150 index entries past its anchor (with 1,000, up to 950 — the deep
 * page cost twice page 1's query), for one cached anchor every 4 pages of 50.
 */
const ANCHOR_EVERY = 200;

/**
 * A page of members: ids first (index only), then their rows joined.
 *
 * In name order, a deep page does not walk every row before it: the name and id of every
 * ANCHOR_EVERY-th row (an « anchor ») are cached under `cacheKey`, and the page starts from the
 * anchor before it. Page 500 then costs about what page 1 does.
 */
export async function findMemberPage(
  db: Db,
  conditions: Expression<SqlBool>[],
  query: Pick<MemberQuery, 'sort' | 'order'>,
  page: { limit: number; offset: number },
  cacheKey?: string,
): Promise<MemberListRow[]> {
  let where_ = conditions;
  let offset = page.offset;
  if (cacheKey && query.sort === 'name' && offset >= ANCHOR_EVERY) {
    const k = Math.floor(offset / ANCHOR_EVERY);
    const anchor = await cachedFigure(db, `${cacheKey}:anchor:${query.order}:${k}`, () =>
      nameAt(db, conditions, query.order, k * ANCHOR_EVERY),
    );
    if (!anchor) return [];
    where_ = [
      ...conditions,
      query.order === 'asc'
        ? sql<SqlBool>`(m.search_name, m.id) >= (${anchor.search_name}, ${anchor.id})`
        : sql<SqlBool>`(m.search_name, m.id) <= (${anchor.search_name}, ${anchor.id})`,
    ];
    offset -= k * ANCHOR_EVERY;
  }
  const order = orderBy(query.sort, query.order);
  const { rows } = await sql<MemberListRow>`
    select m.id, m.search_name, m.last_name, m.first_name, m.nir_encrypted, m.professional_status,
      m.establishment_id, e.name as establishment_name, e.siret,
      m.company_id, co.name as company_name, co.siren,
      c.id as contract_id, c.number as contract_number, c.label as contract_label,
      m.latest_effective_date as effective_date, m.latest_end_date as end_date,
      m.portability_end_date
    from (
      select m.id from members m where ${where(where_)}
      order by ${order} limit ${limitLiteral(page.limit)} offset ${limitLiteral(offset)}
    ) p
    cross join members m
    join establishments e on e.id = m.establishment_id
    join companies co on co.id = m.company_id
    left join contracts c on c.id = m.latest_contract_id
    where m.id = p.id
    order by ${order}`.execute(db);
  return rows;
}

/** The name and id of the row at `offset` in name order (an anchor of deep pages). */
async function nameAt(
  db: Db,
  conditions: Expression<SqlBool>[],
  order: 'asc' | 'desc',
  offset: number,
): Promise<{ search_name: string; id: string } | null> {
  const { rows } = await sql<{ search_name: string; id: string }>`
    select m.search_name, m.id from members m where ${where(conditions)}
    order by ${orderBy('name', order)} limit 1 offset ${limitLiteral(offset)}`.execute(db);
  return rows[0] ?? null;
}

/**
 * Every member matching, in order, in batches (the export): never the whole list in memory. In
 * name order each batch starts after the last row of the previous one (no offset to walk).
 */
export async function* streamMembers(
  db: Db,
  conditions: Expression<SqlBool>[],
  query: Pick<MemberQuery, 'sort' | 'order'>,
  // 500 rows (about 100 KB of CSV) a batch: the export's garbage grows the heap less — with
  // 2,000 by about 25 MB more than with 1,000, with 1,000 by 15 MB more than with 500 (peak RSS
  // 205–221 against 186–202 MB, 2026-12-08) — in the same time.
  batchSize = 500,
): AsyncGenerator<MemberListRow[]> {
  let after: MemberListRow | undefined;
  for (let offset = 0; ; offset += batchSize) {
    const keyset = query.sort === 'name' ? after : undefined;
    const rows = await findMemberPage(
      db,
      keyset
        ? [
            ...conditions,
            query.order === 'asc'
              ? sql<SqlBool>`(m.search_name, m.id) > (${keyset.search_name}, ${keyset.id})`
              : sql<SqlBool>`(m.search_name, m.id) < (${keyset.search_name}, ${keyset.id})`,
          ]
        : conditions,
      query,
      { limit: batchSize, offset: keyset ? 0 : offset },
    );
    if (rows.length > 0) yield rows;
    if (rows.length < batchSize) return;
    after = rows[rows.length - 1];
  }
}

/** The choices of « Mes salariés »' filters: the companies, establishments and contracts of the perimeter. */
export async function findFilterOptions(db: Db, actor: EmployerActor, companyIds: string[]) {
  const [companies, establishments, contracts] = await Promise.all([
    db
      .selectFrom('companies')
      .select(['id', 'name', 'siren'])
      .where('id', 'in', companyIds)
      .orderBy('name')
      .execute(),
    db
      .selectFrom('establishments as e')
      .select(['e.id', 'e.name', 'e.siret', 'e.company_id as companyId'])
      .where((eb) =>
        inPerimeter(eb, actor, 'members.view', { establishment: 'e.id', company: 'e.company_id' }),
      )
      .orderBy('e.name')
      .orderBy('e.siret')
      .execute(),
    db
      .selectFrom('contracts')
      .select([
        'id',
        'number',
        'label',
        'staff_category as staffCategory',
        'company_id as companyId',
      ])
      .where('company_id', 'in', companyIds)
      .orderBy('label')
      .execute(),
  ]);
  return { companies, establishments, contracts };
}

/** One member with their company and establishment (the query both reads below share). */
function memberWithPlaces(db: Db, memberId: string) {
  return db
    .selectFrom('members as m')
    .innerJoin('establishments as e', 'e.id', 'm.establishment_id')
    .innerJoin('companies as c', 'c.id', 'm.company_id')
    .select([
      'm.id',
      'm.last_name',
      'm.first_name',
      'm.nir_encrypted',
      'm.birth_date',
      'm.email',
      'm.professional_status',
      'm.portability_end_date',
      'c.id as company_id',
      'c.name as company_name',
      'c.siren',
      'e.id as establishment_id',
      'e.name as establishment_name',
      'e.siret',
      'e.city',
    ])
    .where('m.id', '=', memberId);
}

/** One member with their company and establishment, if they are in the actor's perimeter. */
export function findMemberOfPerimeter(db: Db, actor: EmployerActor, memberId: string) {
  return memberWithPlaces(db, memberId)
    .where((eb) =>
      inPerimeter(eb, actor, 'members.view', {
        establishment: 'm.establishment_id',
        company: 'm.company_id',
      }),
    )
    .executeTakeFirst();
}

/**
 * The same member read by the system, for the insurer's own work (the certificates emailed to
 * the employee when the insurer validates their affiliation): no perimeter applies.
 */
export function findMemberForSystem(db: Db, memberId: string) {
  return memberWithPlaces(db, memberId).executeTakeFirst();
}
export type MemberWithPlaces = NonNullable<Awaited<ReturnType<typeof findMemberForSystem>>>;

/**
 * A member's coverages with their contract, latest first (the member was found in the perimeter,
 * or is read by the back office).
 */
export function findCoveragesOfMember(db: Db, memberId: string) {
  return db
    .selectFrom('coverages as cv')
    .innerJoin('contracts as k', 'k.id', 'cv.contract_id')
    .select([
      'cv.id',
      'cv.option_code',
      'cv.effective_date',
      'cv.end_date',
      'cv.kind',
      'k.id as contract_id',
      'k.number',
      'k.label',
      'k.options',
      'k.staff_category',
    ])
    .where('cv.member_id', '=', memberId)
    .orderBy('cv.effective_date', 'desc')
    .orderBy('cv.created_at', 'desc')
    .execute();
}

/** A member's radiations, latest first (the member was found in the perimeter). */
export function findRadiationsOfMember(db: Db, memberId: string) {
  return db
    .selectFrom('radiations')
    .select([
      'id',
      'status',
      'contract_end_date',
      'motif',
      'portability_start_date',
      'portability_end_date',
      'new_job_date',
      'created_at',
    ])
    .where('member_id', '=', memberId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** A member's affiliation requests, latest first (the member was found in the perimeter). */
export function findRequestsOfMember(db: Db, memberId: string) {
  return db
    .selectFrom('affiliation_requests')
    .select(['id', 'status', 'mode', 'affiliation_date', 'created_at'])
    .where('member_id', '=', memberId)
    .orderBy('created_at', 'desc')
    .execute();
}

// The copy of the latest coverage ------------------------------------------------------------

const latest = (column: 'id' | 'contract_id' | 'effective_date' | 'end_date') =>
  sql<
    string | null
  >`(select c.${sql.ref(column)} from coverages c where c.member_id = members.id and c.kind = 'employee' order by c.effective_date desc, c.created_at desc, c.id desc limit 1)`;

/**
 * Keeps the copy of each member's latest coverage (migration 0002): the employee coverage with
 * the latest date d'effet (ties: the latest created); a portability coverage (migration 0008)
 * is not the member's own cover as an employee. Call it in the transaction that writes
 * coverages — seed, import, validation of an enrolment, the back office's edit — with the
 * members concerned, or with no ids after a bulk load.
 */
export async function refreshLatestCoverage(
  db: Db,
  memberIds?: readonly string[],
  now = new Date(),
): Promise<void> {
  // The cached figures of « Mes salariés » and of the home page are now out of date.
  await bumpDataVersion(db, 'members', now);
  const apply = async (ids?: readonly string[]) => {
    await db
      .updateTable('members')
      .set({
        latest_coverage_id: latest('id'),
        latest_contract_id: latest('contract_id'),
        latest_effective_date: latest('effective_date'),
        latest_end_date: latest('end_date'),
      })
      .$if(ids !== undefined, (q) => q.where('id', 'in', ids!))
      .execute();
  };
  if (!memberIds) return apply();
  // Bounded parameter lists (SQLite allows 32,766 per statement).
  for (let i = 0; i < memberIds.length; i += 5000) await apply(memberIds.slice(i, i + 5000));
}
