/**
 * The bulk reads of a batch of the members' reference import (apply-members-batch.ts) that the
 * import's own repository (reference-data/import.repository.ts) does not hold: the members of a
 * batch's NIR hashes and their coverages. The companies, establishments and contracts come from
 * there; the rows' updates from reference-data.repository.ts.
 */
import type { Db } from '../db/database';
import { inChunks } from '../modules/reference-data/import-batch';

/** The members of these keyed NIR hashes, in any company. */
export const findMembersByNirHash = (trx: Db, nirHashes: string[]) =>
  inChunks(nirHashes, (chunk) =>
    trx
      .selectFrom('members')
      .select([
        'id',
        'company_id',
        'nir_hash',
        'establishment_id',
        'last_name',
        'first_name',
        'birth_date',
        'professional_status',
      ])
      .where('nir_hash', 'in', chunk)
      .execute(),
  );

/** The coverages of these members. */
export const findCoveragesOfMembers = (trx: Db, memberIds: string[]) =>
  inChunks(memberIds, (chunk) =>
    trx
      .selectFrom('coverages')
      .select(['id', 'member_id', 'contract_id', 'effective_date', 'option_code', 'end_date'])
      .where('member_id', 'in', chunk)
      .execute(),
  );
