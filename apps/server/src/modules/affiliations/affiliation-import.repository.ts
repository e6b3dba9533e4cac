/**
 * The reads of « Pré-affilier par fichier »: the « Courrier » requests of one file, within the
 * caller's perimeter only (permission `affiliations.manage`).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { inPerimeter, type EmployerActor } from '../../lib/policies';

/** The ids of the file's « Courrier » requests not abandoned, by name. */
export async function findImportMailRequestIds(
  db: Kysely<Database>,
  actor: EmployerActor,
  batchId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('affiliation_requests as r')
    .select('r.id')
    .where('r.import_batch_id', '=', batchId)
    .where('r.mode', '=', 'mail')
    .where('r.status', '!=', 'abandoned')
    .where((eb) =>
      inPerimeter(eb, actor, 'affiliations.manage', {
        establishment: 'r.establishment_id',
        company: 'r.company_id',
      }),
    )
    .orderBy('r.last_name')
    .orderBy('r.first_name')
    .orderBy('r.id')
    .execute();
  return rows.map((r) => r.id);
}
