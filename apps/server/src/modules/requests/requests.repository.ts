/**
 * Reads of « Suivi des demandes »: every request of the perimeter, whatever its type — the
 * affiliation requests, the radiations and the changes of members (issue 20) in one `union all`, each branch scoped with
 * `inPerimeter` (permission `affiliations.manage`), then filtered, sorted and paged as one list.
 * Portable SQL (SQLite and PostgreSQL): typed nulls (`cast(null as text)`) in the branch that has
 * no such column.
 */
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { RequestFilters } from '@affilia/shared/schemas/radiations';
import type { RequestType } from '@affilia/shared/domain/requests';
import type { AffiliationMode, Database } from '../../db/schema';
import type { FieldCipher } from '../../lib/crypto';
import { inPerimeter, type EmployerActor } from '../../lib/policies';
import { filterConditions } from '../affiliations/affiliations.repository';

type Db = Kysely<Database>;

/** One request of either type, as the union gives it. */
export interface RequestUnionRow {
  type: RequestType;
  id: string;
  status: string;
  company_id: string;
  establishment_id: string;
  last_name: string;
  first_name: string;
  search_name: string;
  nir_hash: string;
  member_id: string | null;
  status_changed_at: string;
  created_at: string;
  /** Affiliation requests only (null for a radiation). */
  mode: AffiliationMode | null;
  sent_at: string | null;
  reminder_count: number;
  last_reminder_at: string | null;
  /** Radiations only (null for an affiliation request). */
  contract_end_date: string | null;
  motif: string | null;
  /** Changes of a member only (issue 20): from when it applies. */
  effective_date: string | null;
}

const nullText = sql<string | null>`cast(null as text)`;

function everyRequest(db: Db, actor: EmployerActor) {
  const affiliations = db
    .selectFrom('affiliation_requests as a')
    .where((eb) =>
      inPerimeter(eb, actor, 'affiliations.manage', {
        establishment: 'a.establishment_id',
        company: 'a.company_id',
      }),
    )
    .select([
      sql<RequestType>`'affiliation'`.as('type'),
      'a.id',
      sql<string>`a.status`.as('status'),
      'a.company_id',
      'a.establishment_id',
      'a.last_name',
      'a.first_name',
      'a.search_name',
      'a.nir_hash',
      'a.member_id',
      'a.status_changed_at',
      'a.created_at',
      sql<AffiliationMode | null>`a.mode`.as('mode'),
      'a.sent_at',
      'a.reminder_count',
      'a.last_reminder_at',
      nullText.as('contract_end_date'),
      nullText.as('motif'),
      nullText.as('effective_date'),
    ]);
  const radiations = db
    .selectFrom('radiations as d')
    .innerJoin('members as m', 'm.id', 'd.member_id')
    .where((eb) =>
      inPerimeter(eb, actor, 'affiliations.manage', {
        establishment: 'd.establishment_id',
        company: 'd.company_id',
      }),
    )
    .select([
      sql<RequestType>`'radiation'`.as('type'),
      'd.id',
      sql<string>`d.status`.as('status'),
      'd.company_id',
      'd.establishment_id',
      'm.last_name',
      'm.first_name',
      'm.search_name',
      'm.nir_hash',
      sql<string | null>`d.member_id`.as('member_id'),
      'd.status_changed_at',
      'd.created_at',
      sql<AffiliationMode | null>`cast(null as text)`.as('mode'),
      nullText.as('sent_at'),
      sql<number>`cast(0 as integer)`.as('reminder_count'),
      nullText.as('last_reminder_at'),
      sql<string | null>`d.contract_end_date`.as('contract_end_date'),
      sql<string | null>`d.motif`.as('motif'),
      nullText.as('effective_date'),
    ]);
  const changes = db
    .selectFrom('member_changes as x')
    .innerJoin('members as m', 'm.id', 'x.member_id')
    .where((eb) =>
      inPerimeter(eb, actor, 'affiliations.manage', {
        establishment: 'x.establishment_id',
        company: 'x.company_id',
      }),
    )
    .select([
      sql<RequestType>`x.kind`.as('type'),
      'x.id',
      sql<string>`x.status`.as('status'),
      'x.company_id',
      'x.establishment_id',
      'm.last_name',
      'm.first_name',
      'm.search_name',
      'm.nir_hash',
      sql<string | null>`x.member_id`.as('member_id'),
      'x.status_changed_at',
      'x.created_at',
      sql<AffiliationMode | null>`cast(null as text)`.as('mode'),
      nullText.as('sent_at'),
      sql<number>`cast(0 as integer)`.as('reminder_count'),
      nullText.as('last_reminder_at'),
      nullText.as('contract_end_date'),
      nullText.as('motif'),
      sql<string | null>`x.effective_date`.as('effective_date'),
    ]);
  return db
    .selectFrom(affiliations.unionAll(radiations).unionAll(changes).as('r'))
    .innerJoin('establishments as e', 'e.id', 'r.establishment_id')
    .innerJoin('companies as c', 'c.id', 'r.company_id');
}

/**
 * The filters on the union `r`: type and typed status (`radiation.processed`) here; the
 * establishment, SIREN, name or NIR and dates exactly as « Suivi des demandes d'affiliation »
 * (affiliations' filterConditions).
 */
function conditions(cipher: FieldCipher, f: RequestFilters): Expression<SqlBool>[] {
  const list = filterConditions(cipher, {
    establishmentId: f.establishmentId,
    siren: f.siren,
    q: f.q,
    from: f.from,
    to: f.to,
  });
  if (f.type) list.push(sql<SqlBool>`r.type = ${f.type}`);
  if (f.status) {
    const [type, status] = f.status.split('.');
    list.push(sql<SqlBool>`r.type = ${type} and r.status = ${status}`);
  }
  return list;
}

export async function findRequestPage(
  db: Db,
  cipher: FieldCipher,
  actor: EmployerActor,
  query: RequestFilters & {
    sort: 'status_changed_at' | 'created_at' | 'name';
    order: 'asc' | 'desc';
    page: number;
    pageSize: number;
  },
) {
  const where = conditions(cipher, query);
  const filtered = () => {
    const q = everyRequest(db, actor);
    return where.length > 0 ? q.where(sql<SqlBool>`${sql.join(where, sql` and `)}`) : q;
  };
  const dir = query.order === 'asc' ? sql`asc` : sql`desc`;
  const column =
    query.sort === 'name'
      ? sql`r.search_name`
      : query.sort === 'created_at'
        ? sql`r.created_at`
        : sql`r.status_changed_at`;
  const [total, items] = await Promise.all([
    filtered()
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow(),
    filtered()
      .selectAll('r')
      .select(['c.name as company_name', 'c.siren', 'e.name as establishment_name', 'e.siret'])
      .orderBy(sql`${column} ${dir}, r.id ${dir}`)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
  ]);
  return { total: Number(total.n), items: items as (RequestUnionRow & RowNames)[] };
}

interface RowNames {
  company_name: string;
  siren: string;
  establishment_name: string;
  siret: string;
}
export type RequestListRow = RequestUnionRow & RowNames;
