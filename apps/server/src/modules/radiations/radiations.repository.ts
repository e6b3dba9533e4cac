/**
 * Reads and writes of departures (« Radier un salarié », issue 18). Every employer read is scoped
 * with `inPerimeter` on the row's establishment and company (permission `affiliations.manage`);
 * the back office reads the same rows with a `null` actor (staff see every company).
 */
import type { Insertable, Kysely, Updateable } from 'kysely';
import type {
  ActorKind,
  Database,
  RadiationStatus,
  RadiationStatusHistoryTable,
  RadiationsTable,
} from '../../db/schema';
import { bumpDataVersion } from '../../lib/data-versions';
import { newId } from '../../lib/ids';
import { inPerimeter, type EmployerActor } from '../../lib/policies';

type Db = Kysely<Database>;

/** The statuses of an open radiation: a second one of the same member is refused. */
/**
 * Members with their establishment and company, as a radiation needs them: within the
 * employer's perimeter, or every member for the back office (`actor` null).
 */
function membersToRadiate(db: Db, actor: EmployerActor | null) {
  return db
    .selectFrom('members as m')
    .innerJoin('establishments as e', 'e.id', 'm.establishment_id')
    .innerJoin('companies as c', 'c.id', 'm.company_id')
    .select([
      'm.id',
      'm.last_name',
      'm.first_name',
      'm.email',
      'm.company_id',
      'm.establishment_id',
      'e.name as establishment_name',
      'e.siret',
      'c.name as company_name',
      'c.siren',
    ])
    .where((eb) =>
      actor
        ? inPerimeter(eb, actor, 'affiliations.manage', {
            establishment: 'm.establishment_id',
            company: 'm.company_id',
          })
        : eb.lit(true),
    );
}

/** A member of the perimeter (any member for the back office), if there is one. */
export function findMemberToRadiate(db: Db, actor: EmployerActor | null, memberId: string) {
  return membersToRadiate(db, actor).where('m.id', '=', memberId).executeTakeFirst();
}

/** Several members of the perimeter (the bulk radiation); those outside it are absent. */
export async function findMembersToRadiate(
  db: Db,
  actor: EmployerActor,
  memberIds: readonly string[],
) {
  if (memberIds.length === 0) return [];
  return membersToRadiate(db, actor)
    .where('m.id', 'in', [...memberIds])
    .execute();
}
export type MemberToRadiate = NonNullable<Awaited<ReturnType<typeof findMemberToRadiate>>>;

/**
 * The member's employee coverages not ended before `today` (current or to come), the earliest
 * date d'effet first.
 */
export function findCurrentEmployeeCoverages(db: Db, memberId: string, today: string) {
  return db
    .selectFrom('coverages')
    .select(['id', 'effective_date', 'end_date'])
    .where('member_id', '=', memberId)
    .where('kind', '=', 'employee')
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', today)]))
    .orderBy('effective_date')
    .orderBy('id')
    .execute();
}

/** The employment's start of the member's latest validated enrolment, when the portal knows it. */
export async function findEmploymentStart(db: Db, memberId: string): Promise<string | null> {
  const row = await db
    .selectFrom('affiliation_requests')
    .select('employment_start_date')
    .where('member_id', '=', memberId)
    .where('status', '=', 'validated')
    .orderBy('validated_at', 'desc')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return row?.employment_start_date ?? null;
}

/** The member's open (sent or processed) radiation, if any. */
/**
 * The radiation that makes another one a second of the same departure: one waiting for the
 * insurer (sent), or one processed that ended the member's current employee coverage (its
 * contract ends on or after that coverage's date d'effet). A processed radiation of an earlier
 * employment does not count: a member hired again after it may be radiated again.
 */
export async function findOpenRadiationId(
  db: Db,
  memberId: string,
  coverageEffectiveDate: string | null,
): Promise<string | null> {
  const row = await db
    .selectFrom('radiations')
    .select('id')
    .where('member_id', '=', memberId)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'sent'),
        ...(coverageEffectiveDate
          ? [
              eb.and([
                eb('status', '=', 'processed'),
                eb('contract_end_date', '>=', coverageEffectiveDate),
              ]),
            ]
          : []),
      ]),
    )
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * One radiation with its company, establishment, member and the people who created and processed
 * it: within the employer's perimeter, or any for the back office (`actor` null).
 */
export function findRadiationRow(db: Db, actor: EmployerActor | null, id: string) {
  return db
    .selectFrom('radiations as r')
    .innerJoin('members as m', 'm.id', 'r.member_id')
    .innerJoin('establishments as e', 'e.id', 'r.establishment_id')
    .innerJoin('companies as c', 'c.id', 'r.company_id')
    .leftJoin('users as cu', 'cu.id', 'r.created_by_user_id')
    .leftJoin('users as pu', 'pu.id', 'r.processed_by')
    .selectAll('r')
    .select([
      'm.last_name',
      'm.first_name',
      'e.name as establishment_name',
      'e.siret',
      'c.name as company_name',
      'c.siren',
      'cu.first_name as created_by_first_name',
      'cu.last_name as created_by_last_name',
      'pu.first_name as processed_by_first_name',
      'pu.last_name as processed_by_last_name',
    ])
    .where('r.id', '=', id)
    .where((eb) =>
      actor
        ? inPerimeter(eb, actor, 'affiliations.manage', {
            establishment: 'r.establishment_id',
            company: 'r.company_id',
          })
        : eb.lit(true),
    )
    .executeTakeFirst();
}
export type RadiationRow = NonNullable<Awaited<ReturnType<typeof findRadiationRow>>>;

/** A radiation's status history, oldest first, with the names of the people who moved it. */
export function findRadiationHistory(db: Db, radiationId: string) {
  return db
    .selectFrom('radiation_status_history as h')
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
    .where('h.radiation_id', '=', radiationId)
    .orderBy('h.at')
    .orderBy('h.id')
    .execute();
}
export type RadiationHistoryRow = Awaited<ReturnType<typeof findRadiationHistory>>[number];

// ---------------------------------------------------------------------------------------------
// Writes

export async function insertRadiation(trx: Db, row: Insertable<RadiationsTable>): Promise<void> {
  await trx.insertInto('radiations').values(row).execute();
}

export async function insertRadiationHistory(
  trx: Db,
  row: Omit<Insertable<RadiationStatusHistoryTable>, 'id'>,
): Promise<void> {
  await trx
    .insertInto('radiation_status_history')
    .values({ id: newId(), ...row })
    .execute();
}

/**
 * Moves the radiation from `from` to `to` with the other columns of the change, and writes its
 * history row; false (nothing written) when it is no longer in `from`.
 */
export async function moveRadiation(
  trx: Db,
  move: {
    id: string;
    from: RadiationStatus;
    to: RadiationStatus;
    actor: { kind: ActorKind; userId: string | null };
    reason?: string | null;
    at: string;
    changes?: Omit<Updateable<RadiationsTable>, 'status' | 'status_changed_at' | 'updated_at'>;
  },
): Promise<boolean> {
  const result = await trx
    .updateTable('radiations')
    .set({ ...move.changes, status: move.to, status_changed_at: move.at, updated_at: move.at })
    .where('id', '=', move.id)
    .where('status', '=', move.from)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await insertRadiationHistory(trx, {
    radiation_id: move.id,
    from_status: move.from,
    to_status: move.to,
    actor_user_id: move.actor.userId,
    actor_kind: move.actor.kind,
    reason: move.reason ?? null,
    at: move.at,
  });
  return true;
}

/**
 * The former employee's new job: the portability coverage of the radiation ends the day before
 * (`lastDay`), the radiation keeps the date, the member's copy of the portability's end follows.
 * False when the radiation changed meanwhile (no longer processed, or a new job already set).
 */
export async function recordNewJob(
  trx: Db,
  input: { radiationId: string; memberId: string; date: string; lastDay: string; at: string },
): Promise<boolean> {
  const result = await trx
    .updateTable('radiations')
    .set({ new_job_date: input.date, new_job_reported_at: input.at, updated_at: input.at })
    .where('id', '=', input.radiationId)
    .where('status', '=', 'processed')
    .where('new_job_date', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await trx
    .updateTable('coverages')
    .set({ end_date: input.lastDay, updated_at: input.at })
    .where('radiation_id', '=', input.radiationId)
    .where('kind', '=', 'portability')
    .execute();
  await trx
    .updateTable('members')
    .set({ portability_end_date: input.lastDay, updated_at: input.at })
    .where('id', '=', input.memberId)
    .execute();
  // « En portabilité » of « Mes salariés » and its cached counts and pages follow.
  await bumpDataVersion(trx, 'members', new Date(input.at));
  return true;
}
