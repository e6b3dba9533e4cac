/**
 * The back office's reads of dispenses (issue 19): the insurer's queue and one dispense with its
 * request, company, establishment and contract. Staff see every company's dispenses; the writes
 * (a dispense's status) go through dispenses.repository.ts.
 */
import type { Kysely } from 'kysely';
import type { Database, DispenseStatus } from '../../db/schema';

type Db = Kysely<Database>;

function withRequest(db: Db) {
  return db
    .selectFrom('dispenses as d')
    .innerJoin('affiliation_requests as r', 'r.id', 'd.request_id')
    .innerJoin('companies as c', 'c.id', 'd.company_id')
    .innerJoin('establishments as e', 'e.id', 'd.establishment_id')
    .select([
      'r.last_name',
      'r.first_name',
      'c.name as company_name',
      'c.siren',
      'e.name as establishment_name',
      'e.siret',
    ]);
}

/**
 * The dispenses of a status: those to check (requested) the longest waiting first, the others the
 * latest changed first; `limit` rows at most.
 */
export function findDispenseQueue(db: Db, status: DispenseStatus, limit: number) {
  const order = status === 'requested' ? 'asc' : 'desc';
  return withRequest(db)
    .select([
      'd.id',
      'd.request_id',
      'd.status',
      'd.origin',
      'd.case_code',
      'd.renews_dispense_id',
      'd.created_at',
    ])
    .where('d.status', '=', status)
    .orderBy(status === 'requested' ? 'd.created_at' : 'd.updated_at', order)
    .orderBy('d.id', order)
    .limit(limit)
    .execute();
}

/** One dispense with its request's identity and employment, and the request's contract. */
export function findBackofficeDispense(db: Db, id: string) {
  return withRequest(db)
    .innerJoin('contracts as k', 'k.id', 'r.contract_id')
    .selectAll('d')
    .select([
      'r.nir_encrypted',
      'r.birth_date',
      'r.email',
      'r.contract_id',
      'r.affiliation_date',
      'r.employment_contract_type',
      'r.employment_start_date',
      'r.employment_end_date',
      'k.label as contract_label',
      'k.number as contract_number',
    ])
    .where('d.id', '=', id)
    .executeTakeFirst();
}

export type BackofficeDispenseRow = NonNullable<Awaited<ReturnType<typeof findBackofficeDispense>>>;
