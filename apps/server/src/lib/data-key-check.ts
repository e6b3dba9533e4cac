/**
 * At start, before serving anything: the data key must open the data already in the database.
 * Several instances share one database; one started with another key (outside production each
 * machine would otherwise create its own) would write members that the others cannot read and
 * answer 500 on every member it did not write. It refuses to start instead, with what to fix.
 */
import type { Db } from '../db/database';
import { DataKeyError, DecryptionError, type FieldCipher } from './crypto';

/** One encrypted value of the database, if it holds any (a member's NIR, else a request's). */
async function anyEncryptedValue(db: Db): Promise<string | undefined> {
  const member = await db.selectFrom('members').select('nir_encrypted').limit(1).executeTakeFirst();
  if (member) return member.nir_encrypted;
  const request = await db
    .selectFrom('affiliation_requests')
    .select('nir_encrypted')
    .where('nir_encrypted', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  return request?.nir_encrypted ?? undefined;
}

export async function checkDataKey(db: Db, cipher: FieldCipher): Promise<void> {
  const sample = await anyEncryptedValue(db);
  if (sample === undefined) return;
  try {
    cipher.decrypt(sample);
  } catch (err) {
    if (!(err instanceof DecryptionError)) throw err;
    throw new DataKeyError(
      'The data encryption key (DATA_ENCRYPTION_KEY or DATA_ENCRYPTION_KEY_FILE) does not open the data of this database: it was encrypted with another key. Give every instance the key the database was first used with (README, « Clé de chiffrement »); refusing to start.',
    );
  }
}
