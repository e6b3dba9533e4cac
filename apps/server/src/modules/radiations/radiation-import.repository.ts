/**
 * The reads of « Radier par fichier »: the members of a file found by their NIR's keyed hash,
 * within the caller's perimeter only (permission `affiliations.manage`). A member outside it is
 * simply absent: the report never hints that a NIR exists elsewhere.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { inPerimeter, type EmployerActor } from '../../lib/policies';

type Db = Kysely<Database>;

/** The members of the perimeter whose NIR hash is one of `nirHashes` (several may share one). */
export function findMembersByNirHash(db: Db, actor: EmployerActor, nirHashes: readonly string[]) {
  if (nirHashes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('members as m')
    .select(['m.id', 'm.nir_hash', 'm.last_name', 'm.first_name', 'm.email'])
    .where('m.nir_hash', 'in', [...nirHashes])
    .where((eb) =>
      inPerimeter(eb, actor, 'affiliations.manage', {
        establishment: 'm.establishment_id',
        company: 'm.company_id',
      }),
    )
    .orderBy('m.id')
    .execute();
}
export type MemberOfFile = Awaited<ReturnType<typeof findMembersByNirHash>>[number];
