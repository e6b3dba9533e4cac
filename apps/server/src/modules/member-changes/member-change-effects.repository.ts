/**
 * The writes a validated change makes to the member (commands/decide-member-change.ts): their
 * statut professionnel or establishment, and the coverage a change of contract or option splits.
 * The beneficiaries' writes are in members/member-beneficiaries.repository.ts.
 */
import type { Kysely } from 'kysely';
import type { ProfessionalStatus } from '@affilia/shared/domain/enums';
import type { ContractOption, Database } from '../../db/schema';

type Db = Kysely<Database>;

export async function setMemberFields(
  db: Db,
  memberId: string,
  fields: {
    professional_status?: ProfessionalStatus;
    establishment_id?: string;
    updated_at: string;
  },
) {
  await db.updateTable('members').set(fields).where('id', '=', memberId).execute();
}

/** The member's employee coverage covering `day` after its first day (the one a change splits). */
export function findCoverageCovering(db: Db, memberId: string, day: string) {
  return db
    .selectFrom('coverages as cv')
    .select(['cv.id', 'cv.contract_id', 'cv.option_code', 'cv.effective_date', 'cv.end_date'])
    .where('cv.member_id', '=', memberId)
    .where('cv.kind', '=', 'employee')
    .where('cv.effective_date', '<', day)
    .where((eb) => eb.or([eb('cv.end_date', 'is', null), eb('cv.end_date', '>=', day)]))
    .orderBy('cv.effective_date', 'desc')
    .executeTakeFirst();
}

export async function findContractOptions(db: Db, contractId: string): Promise<ContractOption[]> {
  const row = await db
    .selectFrom('contracts')
    .select('options')
    .where('id', '=', contractId)
    .executeTakeFirstOrThrow();
  return JSON.parse(row.options) as ContractOption[];
}

export async function endCoverage(db: Db, coverageId: string, endDate: string, at: string) {
  await db
    .updateTable('coverages')
    .set({ end_date: endDate, updated_at: at })
    .where('id', '=', coverageId)
    .execute();
}
