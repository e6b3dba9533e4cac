/**
 * The back office's reads and writes of departures (issue 18): the « Radiations » queue, and
 * what processing a radiation changes on the member's coverages. Staff see every company's
 * radiations; a radiation's status moves through radiations.repository.ts's moveRadiation.
 */
import type { EvinAnswer } from '@affilia/shared/domain/radiation';
import type { Kysely } from 'kysely';
import type { Database, RadiationStatus } from '../../db/schema';
import type { FieldCipher } from '../../lib/crypto';
import { insuredCondition } from '../members/members.repository';

type Db = Kysely<Database>;

export interface RadiationQueueFilter {
  status: RadiationStatus;
  companyId?: string | undefined;
  /** The member's NIR, or the start of their last or first name. */
  q?: string | undefined;
}

function queueBase(db: Db, cipher: FieldCipher, filter: RadiationQueueFilter) {
  const insured = filter.q ? insuredCondition(cipher, filter.q) : null;
  return db
    .selectFrom('radiations as r')
    .innerJoin('members as m', 'm.id', 'r.member_id')
    .where('r.status', '=', filter.status)
    .$if(filter.companyId !== undefined, (q) => q.where('r.company_id', '=', filter.companyId!))
    .$if(insured !== null, (q) => q.where(insured!));
}

/**
 * One page of the queue: « À traiter » (sent) the longest waiting first, the other statuses the
 * latest moved first.
 */
export function findRadiationQueue(
  db: Db,
  cipher: FieldCipher,
  filter: RadiationQueueFilter,
  page: { offset: number; limit: number },
) {
  const order = filter.status === 'sent' ? 'asc' : 'desc';
  return queueBase(db, cipher, filter)
    .innerJoin('companies as c', 'c.id', 'r.company_id')
    .innerJoin('establishments as e', 'e.id', 'r.establishment_id')
    .select([
      'r.id',
      'r.status',
      'r.company_id',
      'c.name as company_name',
      'c.siren',
      'r.establishment_id',
      'e.name as establishment_name',
      'e.siret',
      'r.member_id',
      'm.last_name',
      'm.first_name',
      'r.contract_end_date',
      'r.motif',
      'r.portability_end_date',
      'r.created_at',
      'r.status_changed_at',
    ])
    .orderBy('r.status_changed_at', order)
    .orderBy('r.id', order)
    .offset(page.offset)
    .limit(page.limit)
    .execute();
}

export async function countRadiationQueue(
  db: Db,
  cipher: FieldCipher,
  filter: RadiationQueueFilter,
): Promise<number> {
  const row = await queueBase(db, cipher, filter)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The member's employee coverages still open at the end of the contract (no end, or ending on
 * or after it), those starting after it included: processing ends or removes them.
 */
export function findEmployeeCoveragesOpenAt(db: Db, memberId: string, contractEndDate: string) {
  return db
    .selectFrom('coverages')
    .select(['id', 'contract_id', 'option_code', 'effective_date', 'end_date'])
    .where('member_id', '=', memberId)
    .where('kind', '=', 'employee')
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', contractEndDate)]))
    .orderBy('effective_date')
    .orderBy('id')
    .execute();
}

export async function endCoverage(db: Db, id: string, endDate: string, at: string): Promise<void> {
  await db
    .updateTable('coverages')
    .set({ end_date: endDate, updated_at: at })
    .where('id', '=', id)
    .execute();
}

/** A coverage that never took effect (it started after the end of the contract). */
export async function deleteCoverage(db: Db, id: string): Promise<void> {
  await db.deleteFrom('coverages').where('id', '=', id).execute();
}

/** The member's copy of the end of their current portability (« En portabilité »). */
export async function setMemberPortabilityEnd(
  db: Db,
  memberId: string,
  endDate: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('members')
    .set({ portability_end_date: endDate, updated_at: at })
    .where('id', '=', memberId)
    .execute();
}

/**
 * The former employee's answer to the loi Évin offer; false when the radiation does not offer it
 * or is no longer sent or processed.
 */
export async function setEvinAnswer(
  db: Db,
  input: { radiationId: string; answer: EvinAnswer; by: string; at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('radiations')
    .set({
      evin_answer: input.answer,
      evin_answered_at: input.at,
      evin_answered_by: input.by,
      updated_at: input.at,
    })
    .where('id', '=', input.radiationId)
    .where('evin_offered', '=', 1)
    .where('status', 'in', ['sent', 'processed'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
