/** The employee form's own writes of dispense proofs (issue 19). */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/**
 * Deletes a proof of the request still waiting in the form (no dispense yet) and its stored
 * file's row; gives the file's storage key, or undefined when there is no such proof.
 */
export async function deletePendingProof(
  trx: Kysely<Database>,
  requestId: string,
  proofId: string,
): Promise<string | undefined> {
  const row = await trx
    .selectFrom('dispense_files as d')
    .innerJoin('stored_files as s', 's.id', 'd.file_id')
    .select(['d.id', 'd.file_id', 's.storage_key'])
    .where('d.id', '=', proofId)
    .where('d.request_id', '=', requestId)
    .where('d.dispense_id', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  await trx.deleteFrom('dispense_files').where('id', '=', row.id).execute();
  await trx.deleteFrom('stored_files').where('id', '=', row.file_id).execute();
  return row.storage_key;
}

/** The stored PDF of a dispense request sent online, if any. */
export function findDispensePdf(db: Kysely<Database>, dispense: { pdf_file_id: string | null }) {
  return db
    .selectFrom('stored_files')
    .select(['storage_key', 'original_name'])
    .where('id', '=', dispense.pdf_file_id ?? '')
    .executeTakeFirst();
}
