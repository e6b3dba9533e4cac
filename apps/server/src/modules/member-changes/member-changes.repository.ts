/**
 * The changes of members (issue 20, migration 0010): their rows, history and proofs. The employer's
 * reads apply the perimeter (`affiliations.manage`, as radiations do); the back office's read every
 * change.
 */
import type { Insertable, Kysely } from 'kysely';
import type { MemberChangeKind, MemberChangeStatus } from '@affilia/shared/domain/member-change';
import type { ActorKind, Database, MemberChangesTable } from '../../db/schema';
import { newId } from '../../lib/ids';
import { inPerimeter, type EmployerActor } from '../../lib/policies';

type Db = Kysely<Database>;

export async function insertMemberChange(db: Db, row: Insertable<MemberChangesTable>) {
  await db.insertInto('member_changes').values(row).execute();
}

/** Moves a change from `from` to `to` (the row only when it is still in `from`), with its history. */
export async function moveMemberChange(
  db: Db,
  input: {
    id: string;
    from: MemberChangeStatus | null;
    to: MemberChangeStatus;
    actor: { kind: ActorKind; userId: string | null };
    reason?: string | null;
    at: string;
    changes?: Partial<
      Pick<
        MemberChangesTable,
        'decided_at' | 'decided_by' | 'return_reason' | 'effective_date' | 'details' | 'comment'
      >
    >;
  },
): Promise<boolean> {
  if (input.from !== null) {
    const result = await db
      .updateTable('member_changes')
      .set({
        status: input.to,
        status_changed_at: input.at,
        updated_at: input.at,
        ...input.changes,
      })
      .where('id', '=', input.id)
      .where('status', '=', input.from)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
  }
  await db
    .insertInto('member_change_status_history')
    .values({
      id: newId(),
      member_change_id: input.id,
      from_status: input.from,
      to_status: input.to,
      actor_user_id: input.actor.userId,
      actor_kind: input.actor.kind,
      reason: input.reason ?? null,
      at: input.at,
    })
    .execute();
  return true;
}

export async function insertMemberChangeFile(
  db: Db,
  row: { memberChangeId: string; fileId: string; at: string },
) {
  await db
    .insertInto('member_change_files')
    .values({
      id: newId(),
      member_change_id: row.memberChangeId,
      file_id: row.fileId,
      created_at: row.at,
    })
    .execute();
}

/** A change of the member of this kind that waits for someone (sent or returned), if any. */
export function findPendingChangeOfKind(db: Db, memberId: string, kind: MemberChangeKind) {
  return db
    .selectFrom('member_changes')
    .select(['id', 'status'])
    .where('member_id', '=', memberId)
    .where('kind', '=', kind)
    .where('status', 'in', ['sent', 'returned'])
    .executeTakeFirst();
}

/** The columns every view of a change shows: the change, its member, company, establishment. */
function changesWithPlaces(db: Db) {
  return db
    .selectFrom('member_changes as x')
    .innerJoin('members as m', 'm.id', 'x.member_id')
    .innerJoin('companies as c', 'c.id', 'x.company_id')
    .innerJoin('establishments as e', 'e.id', 'x.establishment_id')
    .select([
      'x.id',
      'x.kind',
      'x.status',
      'x.member_id',
      'x.company_id',
      'x.establishment_id',
      'x.effective_date',
      'x.details',
      'x.comment',
      'x.return_reason',
      'x.created_by_kind',
      'x.created_at',
      'x.status_changed_at',
      'm.last_name',
      'm.first_name',
      'c.name as company_name',
      'c.siren',
      'e.name as establishment_name',
      'e.siret',
    ]);
}
export type MemberChangeRow = Awaited<
  ReturnType<ReturnType<typeof changesWithPlaces>['execute']>
>[number];

/** One change, if its member's establishment is in the actor's perimeter. */
export function findChangeOfPerimeter(db: Db, actor: EmployerActor, id: string) {
  return changesWithPlaces(db)
    .where('x.id', '=', id)
    .where((eb) =>
      inPerimeter(eb, actor, 'affiliations.manage', {
        establishment: 'x.establishment_id',
        company: 'x.company_id',
      }),
    )
    .executeTakeFirst();
}

/** The changes of a member (found in the perimeter before), latest first. */
export function findChangesOfMember(db: Db, memberId: string) {
  return changesWithPlaces(db)
    .where('x.member_id', '=', memberId)
    .orderBy('x.created_at', 'desc')
    .orderBy('x.id', 'desc')
    .execute();
}

/** The back office: one change. */
export function findChange(db: Db, id: string) {
  return changesWithPlaces(db).where('x.id', '=', id).executeTakeFirst();
}

/** The back office's queue: the changes in `status`, oldest first. */
export function findChangesInStatus(db: Db, status: MemberChangeStatus, limit: number) {
  return changesWithPlaces(db)
    .where('x.status', '=', status)
    .orderBy('x.status_changed_at')
    .orderBy('x.id')
    .limit(limit)
    .execute();
}

/** The proofs of the given changes. */
export function findChangeFiles(db: Db, changeIds: readonly string[]) {
  if (changeIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('member_change_files as f')
    .innerJoin('stored_files as s', 's.id', 'f.file_id')
    .select(['f.member_change_id', 's.id', 's.original_name', 's.size'])
    .where('f.member_change_id', 'in', changeIds)
    .orderBy('f.created_at')
    .execute();
}

/** A proof of a change, as a download reads it (undefined when not one of the change's). */
export function findChangeFile(db: Db, changeId: string, fileId: string) {
  return db
    .selectFrom('member_change_files as f')
    .innerJoin('stored_files as s', 's.id', 'f.file_id')
    .select(['s.storage_key', 's.original_name', 's.mime_type'])
    .where('f.member_change_id', '=', changeId)
    .where('s.id', '=', fileId)
    .executeTakeFirst();
}
