/**
 * The employee's beneficiaries links (issue 20, migration 0012): one live link per member, the
 * token's hash only, the birth-date tries. The employer's reads go through the member, found in
 * the perimeter before; the employee's through the token's hash.
 */
import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { Database, MemberLinksTable } from '../../db/schema';

type Db = Kysely<Database>;
export type MemberLink = Selectable<MemberLinksTable>;

/** The new link; every link of the member still live is revoked (in the caller's transaction). */
export async function insertMemberLink(
  db: Db,
  row: Insertable<MemberLinksTable>,
  revokedBy: string | null,
): Promise<number> {
  const revoked = await db
    .updateTable('member_links')
    .set({ revoked_at: row.created_at, revoked_by_user_id: revokedBy })
    .where('member_id', '=', row.member_id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  await db.insertInto('member_links').values(row).execute();
  return Number(revoked.numUpdatedRows);
}

/** The member's live link, else the latest one, if one was ever sent. */
export function findLatestLinkOfMember(db: Db, memberId: string) {
  return db
    .selectFrom('member_links')
    .selectAll()
    .where('member_id', '=', memberId)
    .orderBy(sql`case when revoked_at is null then 0 else 1 end`)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/** Revokes the member's live links; how many were. */
export async function revokeLinksOfMember(
  db: Db,
  input: { memberId: string; at: string; by: string | null },
): Promise<number> {
  const result = await db
    .updateTable('member_links')
    .set({ revoked_at: input.at, revoked_by_user_id: input.by })
    .where('member_id', '=', input.memberId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export function findLinkByTokenHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('member_links')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function markLinkUsed(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('member_links').set({ last_used_at: at }).where('id', '=', id).execute();
}

export async function setLinkBirthDateAttempts(
  db: Db,
  id: string,
  attempts: { count: number; lockedUntil: string | null },
): Promise<void> {
  await db
    .updateTable('member_links')
    .set({ birth_date_attempts: attempts.count, birth_date_locked_until: attempts.lockedUntil })
    .where('id', '=', id)
    .execute();
}

/**
 * Counts one wrong birth date (concurrent guesses all count), or starts a new series at 1 after
 * a lock (`restart`); the count read back.
 */
export async function countLinkBirthDateAttempt(
  db: Db,
  id: string,
  restart: boolean,
): Promise<number> {
  await db
    .updateTable('member_links')
    .set((eb) => ({
      birth_date_attempts: restart ? 1 : eb('birth_date_attempts', '+', 1),
      birth_date_locked_until: null,
    }))
    .where('id', '=', id)
    .execute();
  const row = await db
    .selectFrom('member_links')
    .select('birth_date_attempts')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.birth_date_attempts;
}
