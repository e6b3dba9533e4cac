/**
 * The beneficiaries of a member (issue 20, migration 0010): who the member's cover extends to,
 * each with their own period. The member was found in the caller's perimeter before.
 */
import { sql, type Insertable, type Kysely } from 'kysely';
import { previousDay } from '@affilia/shared/domain/radiation';
import type { Database, MemberBeneficiariesTable } from '../../db/schema';

type Db = Kysely<Database>;

/** A value typed in SQL (PostgreSQL cannot guess a parameter's type in a select list). */
const text = <T extends string | null>(value: T) => sql<T>`cast(${value} as text)`;

/**
 * A validated affiliation's family: the beneficiaries of its enrolment form, covered from the
 * affiliation date (the enrolment beneficiary's id kept, as migration 0010 does for the past
 * ones). A known member declares their family again in the form: their beneficiaries still open
 * on that day end the day before.
 */
export async function startBeneficiariesFromForm(
  trx: Db,
  input: { requestId: string; memberId: string; from: string; at: string },
): Promise<void> {
  await trx
    .updateTable('member_beneficiaries')
    .set({ end_date: previousDay(input.from), updated_at: input.at })
    .where('member_id', '=', input.memberId)
    .where('start_date', '<', input.from)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', input.from)]))
    .execute();
  await trx
    .insertInto('member_beneficiaries')
    .columns([
      'id',
      'member_id',
      'type',
      'last_name',
      'first_name',
      'birth_date',
      'nir_encrypted',
      'attached_to_nir_encrypted',
      'start_date',
      'end_date',
      'added_by_change_id',
      'ended_by_change_id',
      'created_at',
      'updated_at',
    ])
    .expression((eb) =>
      eb
        .selectFrom('beneficiaries as b')
        .innerJoin('enrolment_forms as f', 'f.id', 'b.enrolment_form_id')
        .where('f.request_id', '=', input.requestId)
        .select([
          'b.id',
          text(input.memberId).as('member_id'),
          'b.type',
          'b.last_name',
          'b.first_name',
          'b.birth_date',
          'b.nir_encrypted',
          'b.attached_to_nir_encrypted',
          text(input.from).as('start_date'),
          text(null).as('end_date'),
          text(null).as('added_by_change_id'),
          text(null).as('ended_by_change_id'),
          text(input.at).as('created_at'),
          text(input.at).as('updated_at'),
        ]),
    )
    .execute();
}

/** The member's beneficiaries covered on `day` or later (their period not ended before it). */
export function findOpenBeneficiaries(db: Db, memberId: string, day: string) {
  return db
    .selectFrom('member_beneficiaries')
    .select(['id', 'type', 'last_name', 'first_name', 'birth_date', 'start_date', 'end_date'])
    .where('member_id', '=', memberId)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', day)]))
    .orderBy('start_date')
    .orderBy('birth_date')
    .orderBy('id')
    .execute();
}

export async function insertMemberBeneficiary(db: Db, row: Insertable<MemberBeneficiariesTable>) {
  await db.insertInto('member_beneficiaries').values(row).execute();
}

/**
 * Ends (`end_date`, by a change) or corrects (names, birth date) a beneficiary of the member:
 * false when they are not the member's.
 */
export async function updateMemberBeneficiary(
  db: Db,
  input: { id: string; memberId: string },
  fields: Partial<
    Pick<
      MemberBeneficiariesTable,
      'end_date' | 'ended_by_change_id' | 'last_name' | 'first_name' | 'birth_date'
    >
  > & { updated_at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('member_beneficiaries')
    .set(fields)
    .where('id', '=', input.id)
    .where('member_id', '=', input.memberId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
