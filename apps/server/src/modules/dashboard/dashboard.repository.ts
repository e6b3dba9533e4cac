/**
 * The home page's reads (dashboard.service.ts decides what they mean): every one within the
 * actor's perimeter, or within companies the service took from it.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { inPerimeter, type EmployerActor } from '../../lib/policies';
import { PENDING_STATUSES } from '../affiliations/status';
import { coverageStatusCondition } from '../members/members.repository';
import { compiledOnce, compiledPerInputs } from '../../db/compiled-once';

type Db = Kysely<Database>;

/** Members whose latest coverage is « en cours » today, counted by establishment and contract. */
export async function countInsured(db: Db, actor: EmployerActor, scope: string[], today: string) {
  const insured = db
    .selectFrom('members as m')
    .where('m.company_id', 'in', scope)
    .where((eb) =>
      inPerimeter(eb, actor, 'members.view', {
        establishment: 'm.establishment_id',
        company: 'm.company_id',
      }),
    )
    .where(coverageStatusCondition('current', today));
  const [perEstablishment, perContract] = await Promise.all([
    insured
      .select(['m.establishment_id as id', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy('m.establishment_id')
      .execute(),
    insured
      .select(['m.latest_contract_id as id', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy('m.latest_contract_id')
      .execute(),
  ]);
  return { perEstablishment, perContract };
}

/** The names of the establishments and the labels of the contracts counted. */
export async function findNames(db: Db, establishmentIds: string[], contractIds: string[]) {
  const [establishments, contracts] = await Promise.all([
    establishmentIds.length === 0
      ? []
      : db
          .selectFrom('establishments')
          .select(['id', 'name'])
          .where('id', 'in', establishmentIds)
          .execute(),
    contractIds.length === 0
      ? []
      : db.selectFrom('contracts').select(['id', 'label']).where('id', 'in', contractIds).execute(),
  ]);
  return { establishments, contracts };
}

export async function findCompanies(db: Db, companyIds: string[]) {
  if (companyIds.length === 0) return [];
  return db
    .selectFrom('companies')
    .select(['id', 'name', 'siren'])
    .where('id', 'in', companyIds)
    .orderBy('name')
    .execute();
}

/** The inputs of a count: the actor's perimeter and the companies counted. */
const perimeterAndCompanies = (actor: EmployerActor, companyIds: readonly string[]) =>
  `${actor.perimeterKey}|${companyIds.join(',')}`;

// The home page's counts of what waits: compiled once per perimeter (db/compiled-once.ts).
const openRequests = compiledPerInputs(
  perimeterAndCompanies,
  (db, actor: EmployerActor, companyIds: readonly string[]) =>
    db
      .selectFrom('affiliation_requests as r')
      .select(['r.status', (eb) => eb.fn.countAll<number>().as('count')])
      .where('r.company_id', 'in', companyIds)
      .where((eb) =>
        inPerimeter(eb, actor, 'affiliations.manage', {
          establishment: 'r.establishment_id',
          company: 'r.company_id',
        }),
      )
      .where('r.status', 'in', PENDING_STATUSES)
      .groupBy('r.status'),
);

/** The open requests of the perimeter (PENDING_STATUSES), counted by status. */
export async function countOpenRequests(db: Db, actor: EmployerActor, companyIds: string[]) {
  if (companyIds.length === 0) return [];
  return openRequests(db, actor, companyIds);
}

/** Members of these companies in the perimeter whose portability ends between two days. */
export async function countPortabilitiesEnding(
  db: Db,
  actor: EmployerActor,
  companyIds: string[],
  between: { from: string; to: string },
): Promise<number> {
  if (companyIds.length === 0) return 0;
  const row = await db
    .selectFrom('members as m')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('m.company_id', 'in', companyIds)
    .where((eb) =>
      inPerimeter(eb, actor, 'members.view', {
        establishment: 'm.establishment_id',
        company: 'm.company_id',
      }),
    )
    .where('m.portability_end_date', '>=', between.from)
    .where('m.portability_end_date', '<=', between.to)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

const OPEN = ['sent', 'returned'] as const;
const OPEN_PERIMETER = { establishment: 'd.establishment_id', company: 'd.company_id' } as const;
const openRadiations = compiledPerInputs(
  perimeterAndCompanies,
  (db, actor: EmployerActor, companyIds: readonly string[]) =>
    db
      .selectFrom('radiations as d')
      .select((eb) => ['d.status', eb.fn.countAll<number | string>().as('count')])
      .where('d.company_id', 'in', companyIds)
      .where((eb) => inPerimeter(eb, actor, 'affiliations.manage', OPEN_PERIMETER))
      .where('d.status', 'in', OPEN)
      .groupBy('d.status'),
);
const openChanges = compiledPerInputs(
  perimeterAndCompanies,
  (db, actor: EmployerActor, companyIds: readonly string[]) =>
    db
      .selectFrom('member_changes as d')
      .select((eb) => ['d.status', eb.fn.countAll<number | string>().as('count')])
      .where('d.company_id', 'in', companyIds)
      .where((eb) => inPerimeter(eb, actor, 'affiliations.manage', OPEN_PERIMETER))
      .where('d.status', 'in', OPEN)
      .groupBy('d.status'),
);

/**
 * The radiations and the changes of members (issue 20) of these companies that wait for someone,
 * within the actor's perimeter: « Envoyée à l’assureur » (the insurer) and « Retournée à
 * l’employeur » (the employer), in one pass over each table.
 */
export async function countOpenRadiationsAndChanges(
  db: Db,
  actor: EmployerActor,
  companyIds: string[],
): Promise<Record<'radiations' | 'changes', { sent: number; returned: number }>> {
  const none = { sent: 0, returned: 0 };
  if (companyIds.length === 0) return { radiations: none, changes: none };
  const counts = (rows: { status: string; count: number | string }[]) => ({
    sent: Number(rows.find((r) => r.status === 'sent')?.count ?? 0),
    returned: Number(rows.find((r) => r.status === 'returned')?.count ?? 0),
  });
  const [radiations, changes] = await Promise.all([
    openRadiations(db, actor, companyIds),
    openChanges(db, actor, companyIds),
  ]);
  return { radiations: counts(radiations), changes: counts(changes) };
}

const unreadConversations = compiledPerInputs(
  (companyIds: readonly string[]) => companyIds.join(','),
  (db, companyIds: readonly string[]) =>
    db
      .selectFrom('conversations')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('company_id', 'in', companyIds)
      .where('employer_unread', '>', 0),
);

/** The conversations of these companies with a reply the employer has not read. */
export async function countUnreadConversations(db: Db, companyIds: string[]): Promise<number> {
  if (companyIds.length === 0) return 0;
  const [row] = await unreadConversations(db, companyIds);
  return Number(row?.count ?? 0);
}

// On every home page: compiled once (db/compiled-once.ts).
export const findPublishedTips = compiledOnce(0, (db) =>
  db
    .selectFrom('tips')
    .select(['id', 'title', 'body'])
    .where('published', '=', 1)
    .orderBy('position'),
);
