/**
 * The renewal and expiry job's reads (jobs/dispense-jobs.ts): validated dispenses whose deadline
 * is near or passed, by pages in the order of their id, with what the reminder and the
 * notification name (the employee, the company, the establishment).
 */
import type { Db } from '../db/database';

export interface DueDispensePage {
  /** The last id of the previous page ('' for the first). */
  after: string;
  limit: number;
}

function validatedDispenses(db: Db, page: DueDispensePage) {
  return db
    .selectFrom('dispenses as d')
    .innerJoin('affiliation_requests as r', 'r.id', 'd.request_id')
    .innerJoin('companies as c', 'c.id', 'd.company_id')
    .innerJoin('establishments as e', 'e.id', 'd.establishment_id')
    .select([
      'd.id',
      'd.request_id',
      'd.company_id',
      'd.establishment_id',
      'd.case_code',
      'd.end_date',
      'd.renewal_due_date',
      'd.reminded_deadline',
      'r.status as request_status',
      'r.first_name',
      'r.last_name',
      'r.email',
      'c.name as company_name',
      'e.name as establishment_name',
    ])
    .where('d.status', '=', 'validated')
    .where('d.id', '>', page.after)
    .orderBy('d.id')
    .limit(page.limit);
}

export type DueDispense = Awaited<ReturnType<typeof findExpiredDispenses>>[number];

/**
 * Validated dispenses expired on `today`: the end date passed, or the renewal due date reached
 * (isDispenseExpired in @affilia/shared/domain/dispense).
 */
export function findExpiredDispenses(db: Db, today: string, page: DueDispensePage) {
  return validatedDispenses(db, page)
    .where((eb) => eb.or([eb('d.end_date', '<', today), eb('d.renewal_due_date', '<=', today)]))
    .execute();
}

/**
 * Validated dispenses with a deadline (end or renewal) on or before `lastDeadline`, and no renewal
 * already waiting for the insurer: those a reminder may be due for.
 */
export function findDispensesNearDeadline(db: Db, lastDeadline: string, page: DueDispensePage) {
  return validatedDispenses(db, page)
    .where((eb) =>
      eb.or([eb('d.end_date', '<=', lastDeadline), eb('d.renewal_due_date', '<=', lastDeadline)]),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('dispenses as p')
            .select('p.id')
            .whereRef('p.renews_dispense_id', '=', 'd.id')
            .where('p.status', '=', 'requested'),
        ),
      ),
    )
    .execute();
}

/** The request's form link, given (a reminder) or killed (null). */
export async function setDispensedRequestLink(
  trx: Db,
  requestId: string,
  link: { hash: string; expiresAt: string } | null,
): Promise<void> {
  await trx
    .updateTable('affiliation_requests')
    .set({ form_token_hash: link?.hash ?? null, form_token_expires_at: link?.expiresAt ?? null })
    .where('id', '=', requestId)
    .where('status', '=', 'dispensed')
    .execute();
}

/**
 * Records the reminder of `deadline`, only if the dispense is still validated and not reminded of
 * it yet: false when another run did it first.
 */
export async function markReminded(
  trx: Db,
  id: string,
  input: { deadline: string; at: string },
): Promise<boolean> {
  const result = await trx
    .updateTable('dispenses')
    .set({ reminded_deadline: input.deadline, reminded_at: input.at, updated_at: input.at })
    .where('id', '=', id)
    .where('status', '=', 'validated')
    .where((eb) =>
      eb.or([eb('reminded_deadline', 'is', null), eb('reminded_deadline', '<>', input.deadline)]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
