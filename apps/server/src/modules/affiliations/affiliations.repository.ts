/**
 * Reads of « Suivi des demandes d'affiliation »: every query is scoped with `inPerimeter` on the
 * request's establishment and company (permission `affiliations.manage`).
 */
import {
  sql,
  type Expression,
  type Insertable,
  type Kysely,
  type SqlBool,
  type Updateable,
} from 'kysely';
import type { AffiliationFilters, AffiliationSort } from '@affilia/shared/schemas/affiliations';
import { parseNir } from '@affilia/shared/validators/nir';
import type { ContractPeriod } from '@affilia/shared/domain/pre-affiliation';
import type {
  AffiliationRequestsTable,
  AffiliationStatus,
  AffiliationStatusHistoryTable,
  CoveragesTable,
  Database,
  MembersTable,
} from '../../db/schema';
import { nameSearchCondition, toSearchName } from '../../db/search-name';
import { nextDay, parisDayStart } from '../../lib/clock';
import type { FieldCipher } from '../../lib/crypto';
import { newId } from '../../lib/ids';
import { inPerimeter, type EmployerActor } from '../../lib/policies';

type Db = Kysely<Database>;

export interface AffiliationSettings {
  expiryDays: number;
  /** Sorted, positive, distinct. */
  reminderDelaysDays: number[];
  allowTemporaryNir: boolean;
}

/** Parses "7,14" (spaces and bad entries ignored). */
export function parseReminderDelays(text: string | null | undefined): number[] {
  const days = (text ?? '')
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);
  return [...new Set(days)].sort((a, b) => a - b);
}

/** The insurer's settings of affiliation requests (the column defaults when there is no row). */
export async function loadAffiliationSettings(db: Db): Promise<AffiliationSettings> {
  const row = await db
    .selectFrom('insurer_settings')
    .select(['affiliation_expiry_days', 'reminder_delays_days', 'allow_temporary_nir'])
    .executeTakeFirst();
  return {
    expiryDays: row?.affiliation_expiry_days ?? 30,
    reminderDelaysDays: parseReminderDelays(row?.reminder_delays_days ?? '7,14'),
    allowTemporaryNir: row?.allow_temporary_nir === 1,
  };
}

/**
 * The conditions of the filters on `r` (the request) and `c` (its company): also those of
 * « Suivi des demandes » (modules/requests), whose union of every request is aliased the same.
 */
export function filterConditions(
  cipher: FieldCipher,
  f: AffiliationFilters,
): Expression<SqlBool>[] {
  const conditions: Expression<SqlBool>[] = [];
  if (f.establishmentId) conditions.push(sql<SqlBool>`r.establishment_id = ${f.establishmentId}`);
  if (f.siren) conditions.push(sql<SqlBool>`c.siren = ${f.siren.replace(/\s/g, '')}`);
  if (f.status) conditions.push(sql<SqlBool>`r.status = ${f.status}`);
  if (f.mode) conditions.push(sql<SqlBool>`r.mode = ${f.mode}`);
  // « Demandée le » is a Paris calendar day; created_at an instant in UTC.
  if (f.from) {
    conditions.push(sql<SqlBool>`r.created_at >= ${parisDayStart(f.from).toISOString()}`);
  }
  if (f.to) {
    conditions.push(sql<SqlBool>`r.created_at < ${parisDayStart(nextDay(f.to)).toISOString()}`);
  }
  if (f.q) {
    const compact = f.q.replace(/[\s.\u00a0-]/g, '');
    if (/^[0-9]/.test(compact) && compact.length >= 13) {
      const nir = parseNir(compact, { allowTemporary: true });
      conditions.push(
        nir.ok ? sql<SqlBool>`r.nir_hash = ${cipher.hash(nir.value)}` : sql<SqlBool>`1 = 0`,
      );
    } else {
      const byName = nameSearchCondition('r.search_name', f.q);
      if (byName) conditions.push(byName);
    }
  }
  return conditions;
}

function baseQuery(db: Db, actor: EmployerActor) {
  return db
    .selectFrom('affiliation_requests as r')
    .innerJoin('establishments as e', 'e.id', 'r.establishment_id')
    .innerJoin('companies as c', 'c.id', 'r.company_id')
    .where((eb) =>
      inPerimeter(eb, actor, 'affiliations.manage', {
        establishment: 'r.establishment_id',
        company: 'r.company_id',
      }),
    );
}

const rowColumns = [
  'r.id',
  'r.company_id',
  'c.name as company_name',
  'c.siren',
  'r.establishment_id',
  'e.name as establishment_name',
  'e.siret',
  'r.last_name',
  'r.first_name',
  'r.mode',
  'r.status',
  'r.status_changed_at',
  'r.created_at',
  'r.sent_at',
  'r.reminder_count',
  'r.last_reminder_at',
] as const;

export async function findAffiliationPage(
  db: Db,
  cipher: FieldCipher,
  actor: EmployerActor,
  query: AffiliationFilters & {
    sort: AffiliationSort;
    order: 'asc' | 'desc';
    page: number;
    pageSize: number;
  },
) {
  const conditions = filterConditions(cipher, query);
  const where = conditions.length > 0 ? sql<SqlBool>`${sql.join(conditions, sql` and `)}` : null;
  let count = baseQuery(db, actor).select((eb) => eb.fn.countAll<number | string>().as('n'));
  let rows = baseQuery(db, actor).select(rowColumns);
  if (where) {
    count = count.where(where);
    rows = rows.where(where);
  }
  const dir = query.order === 'asc' ? sql`asc` : sql`desc`;
  const order =
    query.sort === 'name'
      ? sql`r.search_name ${dir}, r.id ${dir}`
      : query.sort === 'created_at'
        ? sql`r.created_at ${dir}, r.id ${dir}`
        : sql`r.status_changed_at ${dir}, r.id ${dir}`;
  const [total, items] = await Promise.all([
    count.executeTakeFirstOrThrow(),
    rows
      .orderBy(order)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
  ]);
  return { total: Number(total.n), items };
}
export type AffiliationListRow = Awaited<ReturnType<typeof findAffiliationPage>>['items'][number];

/** Whether the request is in the actor's perimeter (for `affiliations.manage`). */
export async function isAffiliationInPerimeter(
  db: Db,
  actor: EmployerActor,
  id: string,
): Promise<boolean> {
  const row = await baseQuery(db, actor).select('r.id').where('r.id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/** One request of the perimeter with its company, establishment and contract; undefined otherwise. */
export async function findAffiliation(db: Db, actor: EmployerActor, id: string) {
  return baseQuery(db, actor)
    .innerJoin('contracts as k', 'k.id', 'r.contract_id')
    .selectAll('r')
    .select([
      'c.name as company_name',
      'c.siren',
      'e.name as establishment_name',
      'e.siret',
      'k.number as contract_number',
      'k.label as contract_label',
    ])
    .where('r.id', '=', id)
    .executeTakeFirst();
}

export async function findHistory(db: Db, requestId: string) {
  return db
    .selectFrom('affiliation_status_history as h')
    .leftJoin('users as u', 'u.id', 'h.actor_user_id')
    .select([
      'h.from_status',
      'h.to_status',
      'h.at',
      'h.actor_kind',
      'h.reason',
      'u.first_name',
      'u.last_name',
    ])
    .where('h.request_id', '=', requestId)
    .orderBy('h.at')
    .orderBy('h.id')
    .execute();
}

/** The health contracts of these companies, latest start first, for the collège choice. */
export async function findCompanyContracts(
  db: Db,
  companyIds: readonly string[],
): Promise<(ContractPeriod & { id: string; number: string; label: string; companyId: string })[]> {
  if (companyIds.length === 0) return [];
  const rows = await db
    .selectFrom('contracts')
    .select(['id', 'number', 'label', 'staff_category', 'start_date', 'end_date', 'company_id'])
    .where('company_id', 'in', [...companyIds])
    .orderBy('start_date', 'desc')
    .orderBy('id')
    .execute();
  return rows.map((c) => ({
    id: c.id,
    number: c.number,
    label: c.label,
    staffCategory: c.staff_category,
    startDate: c.start_date,
    endDate: c.end_date,
    companyId: c.company_id,
  }));
}

// ---------------------------------------------------------------------------------------------
// Writes of a request's row and history (status.ts is their only caller for the status)

/** Moves the request from `from` to `to`; false when it is no longer in `from`. */
export async function moveRequestStatus(
  trx: Db,
  requestId: string,
  move: { from: AffiliationStatus; to: AffiliationStatus; at: string },
): Promise<boolean> {
  const result = await trx
    .updateTable('affiliation_requests')
    .set({ status: move.to, status_changed_at: move.at, updated_at: move.at })
    .where('id', '=', requestId)
    .where('status', '=', move.from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertStatusHistory(
  trx: Db,
  row: Omit<Insertable<AffiliationStatusHistoryTable>, 'id'>,
): Promise<void> {
  await trx
    .insertInto('affiliation_status_history')
    .values({ id: newId(), ...row })
    .execute();
}

/** Writes these columns of the request's row (never its status: status.ts does). */
export async function updateRequest(
  trx: Db,
  requestId: string,
  changes: Omit<Updateable<AffiliationRequestsTable>, 'status'>,
): Promise<void> {
  await trx.updateTable('affiliation_requests').set(changes).where('id', '=', requestId).execute();
}

/**
 * A reminder's new link and count, only if the request is still as read (`request`: same
 * reminder count and last reminder, by email, in a status that may be reminded); false otherwise.
 */
export async function recordReminder(
  trx: Db,
  request: { id: string; reminder_count: number; last_reminder_at: string | null },
  reminder: {
    remindable: readonly AffiliationStatus[];
    tokenHash: string;
    expiresAt: string;
    at: string;
  },
): Promise<boolean> {
  const result = await trx
    .updateTable('affiliation_requests')
    .set({
      form_token_hash: reminder.tokenHash,
      form_token_expires_at: reminder.expiresAt,
      reminder_count: request.reminder_count + 1,
      last_reminder_at: reminder.at,
      updated_at: reminder.at,
    })
    .where('id', '=', request.id)
    .where('mode', '=', 'email')
    .where('status', 'in', [...reminder.remindable])
    .where('reminder_count', '=', request.reminder_count)
    .where((eb) =>
      request.last_reminder_at === null
        ? eb('last_reminder_at', 'is', null)
        : eb('last_reminder_at', '=', request.last_reminder_at),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Up to `limit` requests in `statuses` whose link expired at `nowIso`, the oldest first. */
export function findExpiredLinks(
  db: Db,
  statuses: readonly AffiliationStatus[],
  nowIso: string,
  limit: number,
) {
  return db
    .selectFrom('affiliation_requests')
    .select(['id', 'status', 'company_id'])
    .where('status', 'in', [...statuses])
    .where('form_token_expires_at', 'is not', null)
    .where('form_token_expires_at', '<=', nowIso)
    .orderBy('form_token_expires_at')
    .limit(limit)
    .execute();
}

/**
 * The requests sent by email, in a status that may be reminded, sent at or before `sentBefore`,
 * whose link still works at `nowIso`, with their company's name; the oldest first.
 */
export function findReminderCandidates(
  db: Db,
  remindable: readonly AffiliationStatus[],
  sentBefore: string,
  nowIso: string,
) {
  return db
    .selectFrom('affiliation_requests as r')
    .innerJoin('companies as c', 'c.id', 'r.company_id')
    .select([
      'r.id',
      'r.company_id',
      'r.email',
      'r.first_name',
      'r.sent_at',
      'r.last_reminder_at',
      'r.reminder_count',
      'c.name as company_name',
    ])
    .where('r.mode', '=', 'email')
    .where('r.status', 'in', [...remindable])
    .where('r.sent_at', '<=', sentBefore)
    .where('r.form_token_expires_at', '>', nowIso)
    .orderBy('r.sent_at')
    .execute();
}

type RequestDefaults =
  | 'member_id'
  | 'search_name'
  | 'employment_end_date'
  | 'position_in_company'
  | 'form_token_hash'
  | 'form_token_expires_at'
  | 'birth_date_locked_until'
  | 'last_reminder_at'
  | 'status_changed_at'
  | 'finalised_at'
  | 'paper_received_at'
  | 'validated_at'
  | 'validated_by'
  | 'returned_at'
  | 'return_reason'
  | 'abandon_reason'
  | 'updated_at';

/** What a new request is created with; the rest starts empty (or from its creation). */
export type NewRequestFields = Omit<Insertable<AffiliationRequestsTable>, RequestDefaults> &
  Partial<Pick<Insertable<AffiliationRequestsTable>, RequestDefaults>>;

/**
 * A request's row: no link, reminder, decision or member unless `fields` says so; the search
 * name from the names; changed and updated when created.
 */
export function newRequestRow(fields: NewRequestFields) {
  return {
    member_id: null,
    search_name: toSearchName(fields.last_name, fields.first_name),
    employment_end_date: null,
    position_in_company: null,
    form_token_hash: null,
    form_token_expires_at: null,
    birth_date_locked_until: null,
    last_reminder_at: null,
    status_changed_at: fields.created_at,
    finalised_at: null,
    paper_received_at: null,
    validated_at: null,
    validated_by: null,
    returned_at: null,
    return_reason: null,
    abandon_reason: null,
    updated_at: fields.created_at,
    ...fields,
  } satisfies Insertable<AffiliationRequestsTable>;
}

export async function insertRequest(trx: Db, fields: NewRequestFields): Promise<void> {
  await trx.insertInto('affiliation_requests').values(newRequestRow(fields)).execute();
}

/** The request's row (known to exist). */
export function loadRequest(trx: Db, requestId: string) {
  return trx
    .selectFrom('affiliation_requests')
    .selectAll()
    .where('id', '=', requestId)
    .executeTakeFirstOrThrow();
}

/** A request of this person (NIR hash) in the company in one of `statuses`, if any. */
export function findRequestOfPerson(
  trx: Db,
  person: { companyId: string; nirHash: string },
  statuses: readonly AffiliationStatus[],
) {
  return trx
    .selectFrom('affiliation_requests')
    .select(['status', 'created_at'])
    .where('company_id', '=', person.companyId)
    .where('nir_hash', '=', person.nirHash)
    .where('status', 'in', [...statuses])
    .executeTakeFirst();
}

// ---------------------------------------------------------------------------------------------
// The member a request names or becomes (pré-affiliation, the insurer's validation)

/** The company's member of this NIR hash, or of this id when given and in the company. */
export async function findMemberIdOfCompany(
  trx: Db,
  companyId: string,
  by: { id: string } | { nirHash: string },
): Promise<string | null> {
  const row = await trx
    .selectFrom('members')
    .select('id')
    .where('company_id', '=', companyId)
    .where((eb) => ('id' in by ? eb('id', '=', by.id) : eb('nir_hash', '=', by.nirHash)))
    .executeTakeFirst();
  return row?.id ?? null;
}

/** The member's coverage that is open, or ends neither before `today` nor before `from`. */
export function findCoverageRunningFrom(trx: Db, memberId: string, today: string, from: string) {
  return trx
    .selectFrom('coverages as v')
    .innerJoin('contracts as k', 'k.id', 'v.contract_id')
    .select(['v.effective_date', 'v.end_date', 'k.label', 'k.number'])
    .where('v.member_id', '=', memberId)
    .where((eb) =>
      eb.or([
        eb('v.end_date', 'is', null),
        eb.and([eb('v.end_date', '>=', today), eb('v.end_date', '>=', from)]),
      ]),
    )
    .orderBy('v.effective_date')
    .executeTakeFirst();
}

export async function insertMember(trx: Db, row: Insertable<MembersTable>): Promise<void> {
  await trx.insertInto('members').values(row).execute();
}

export async function insertCoverage(trx: Db, row: Insertable<CoveragesTable>): Promise<void> {
  await trx.insertInto('coverages').values(row).execute();
}
