/**
 * The back office's reads and writes of affiliation requests (SPEC §6; backoffice.service.ts
 * decides and audits; a request's status and columns are written through
 * affiliations/status.ts and affiliations.repository.ts). Staff see every company's requests.
 */
import type { Kysely } from 'kysely';
import type { AffiliationMode, AffiliationStatus, Database } from '../../db/schema';

type Db = Kysely<Database>;

/** The requests of a queue (a status, a mode or all), the longest waiting first. */
export function findQueue(
  db: Db,
  filter: { status: AffiliationStatus; mode?: AffiliationMode | undefined },
  limit: number,
) {
  return db
    .selectFrom('affiliation_requests as r')
    .innerJoin('companies as c', 'c.id', 'r.company_id')
    .innerJoin('establishments as e', 'e.id', 'r.establishment_id')
    .select([
      'r.id',
      'r.status',
      'r.mode',
      'r.last_name',
      'r.first_name',
      'c.name as company_name',
      'c.siren',
      'e.name as establishment_name',
      'e.siret',
      'r.affiliation_date',
      'r.status_changed_at',
      'r.finalised_at',
      'r.paper_received_at',
    ])
    .where('r.status', '=', filter.status)
    .$if(filter.mode !== undefined, (q) => q.where('r.mode', '=', filter.mode!))
    .orderBy('r.status_changed_at')
    .orderBy('r.id')
    .limit(limit)
    .execute();
}

/** What the back office's actions on a request check and tell: its status, mode and employee. */
export function findRequestForAction(db: Db, requestId: string) {
  return db
    .selectFrom('affiliation_requests as a')
    .innerJoin('establishments as e', 'e.id', 'a.establishment_id')
    .select([
      'a.id',
      'a.status',
      'a.mode',
      'a.email',
      'a.first_name',
      'a.last_name',
      'a.company_id',
      'a.establishment_id',
      'e.name as establishment_name',
    ])
    .where('a.id', '=', requestId)
    .executeTakeFirst();
}

/** The form to certify again (a request returned to the employee). */
export async function uncertifyForm(db: Db, requestId: string, at: string): Promise<void> {
  await db
    .updateTable('enrolment_forms')
    .set({ certified_at: null, updated_at: at })
    .where('request_id', '=', requestId)
    .execute();
}
