/**
 * What a change of a member is checked against (commands/declare-member-change.ts): the member's
 * coverages with their contract's options and rule, the company's contracts, the beneficiaries
 * covered today or later, and an establishment named as the new one. The member was read within
 * the actor's perimeter before; the establishment is checked by the caller (authorizeEstablishment).
 */
import type { Kysely } from 'kysely';
import type { Database, Establishment } from '../../db/schema';
import { findOpenBeneficiaries } from '../members/member-beneficiaries.repository';

type Db = Kysely<Database>;

export async function findChangeTargets(
  db: Db,
  member: { id: string; company_id: string },
  today: string,
) {
  const [coverages, contracts, beneficiaries] = await Promise.all([
    db
      .selectFrom('coverages as cv')
      .innerJoin('contracts as k', 'k.id', 'cv.contract_id')
      .select([
        'cv.id',
        'cv.kind',
        'cv.option_code',
        'cv.effective_date',
        'cv.end_date',
        'cv.contract_id',
        'k.options',
        'k.option_change_min_months',
      ])
      .where('cv.member_id', '=', member.id)
      .orderBy('cv.effective_date')
      .execute(),
    db
      .selectFrom('contracts')
      .select(['id', 'label', 'staff_category', 'start_date', 'end_date', 'options'])
      .where('company_id', '=', member.company_id)
      .orderBy('start_date')
      .orderBy('id')
      .execute(),
    findOpenBeneficiaries(db, member.id, today),
  ]);
  return { coverages, contracts, beneficiaries };
}

export function findEstablishmentRow(db: Db, id: string): Promise<Establishment | undefined> {
  return db.selectFrom('establishments').selectAll().where('id', '=', id).executeTakeFirst();
}
