/** The reads and the claim of the certificates emailed after a validation (certificates-email.ts). */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

type Db = Kysely<Database>;

/** A validated request's member, email and sending state; undefined when not validated. */
export function findValidatedRequestForCertificates(db: Db, requestId: string) {
  return db
    .selectFrom('affiliation_requests')
    .select(['member_id', 'email', 'certificates_sent_at'])
    .where('id', '=', requestId)
    .where('status', '=', 'validated')
    .executeTakeFirst();
}

/** Claims the sending: true for the one caller that marks it first. */
export async function claimCertificatesEmail(
  db: Db,
  requestId: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('affiliation_requests')
    .set({ certificates_sent_at: at })
    .where('id', '=', requestId)
    .where('certificates_sent_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * The validated requests with an email whose certificates should have left by `before` and have
 * not (the catch-up job).
 */
export async function findCertificatesToSend(
  db: Db,
  before: string,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('affiliation_requests')
    .select('id')
    .where('status', '=', 'validated')
    .where('certificates_sent_at', 'is', null)
    .where('email', 'is not', null)
    .where('validated_at', '<', before)
    .orderBy('validated_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
