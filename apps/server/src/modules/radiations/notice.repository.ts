import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

type Db = Kysely<Database>;

/** What the notice of a radiation says: the radiation, its member, company and establishment. */
export function findNoticeFacts(db: Db, radiationId: string) {
  return db
    .selectFrom('radiations as r')
    .innerJoin('members as m', 'm.id', 'r.member_id')
    .innerJoin('companies as c', 'c.id', 'r.company_id')
    .innerJoin('establishments as e', 'e.id', 'r.establishment_id')
    .select([
      'r.id',
      'r.company_id',
      'r.motif',
      'r.contract_end_date',
      'r.portability_months',
      'r.portability_start_date',
      'r.portability_end_date',
      'r.portability_refusal',
      'r.evin_offered',
      'r.evin_deadline',
      'r.contact_email',
      'r.contact_address',
      'r.notice_sent_at',
      'm.id as member_id',
      'm.first_name',
      'm.last_name',
      'c.name as company_name',
      'e.name as establishment_name',
    ])
    .where('r.id', '=', radiationId)
    .executeTakeFirst();
}
export type NoticeFactsRow = NonNullable<Awaited<ReturnType<typeof findNoticeFacts>>>;

/**
 * Marks the notice of a radiation as sent, unless it already is: true when this call did (the
 * caller then queues the email in the same transaction), false when another did.
 */
export async function claimNotice(db: Db, radiationId: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('radiations')
    .set({ notice_sent_at: at, updated_at: at })
    .where('id', '=', radiationId)
    .where('notice_sent_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * The radiations whose notice should have left by `before` and has not: an email to send,
 * waiting for the insurer or processed (the catch-up job: a process stopped between a
 * radiation's commit and its notice).
 */
export async function findNoticesToSend(db: Db, before: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('radiations')
    .select('id')
    .where('notice_sent_at', 'is', null)
    .where('contact_email', 'is not', null)
    .where('status', 'in', ['sent', 'processed'])
    .where('updated_at', '<', before)
    .orderBy('updated_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
