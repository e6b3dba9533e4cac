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

export async function markNoticeSent(db: Db, radiationId: string, at: string): Promise<void> {
  await db
    .updateTable('radiations')
    .set({ notice_sent_at: at, updated_at: at })
    .where('id', '=', radiationId)
    .execute();
}
