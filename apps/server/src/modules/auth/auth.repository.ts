import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Me } from '@affilia/shared/schemas/auth';
import { maskPhone } from '@affilia/shared/validators/phone';
import type {
  ActionTokenPurpose,
  ActionTokensTable,
  Database,
  OneTimeCodePurpose,
  OneTimeCodesTable,
  SessionsTable,
  SignInAttemptsTable,
  TermsAcceptancesTable,
  TrustedDevicesTable,
  User,
  UserKind,
} from '../../db/schema';
import { newId } from '../../lib/ids';
import { compiledOnce } from '../../db/compiled-once';

/**
 * The auth module's reads and writes: users by email or id, trusted devices, sign-in attempts,
 * one-time codes, recovery codes, sessions, emailed links, terms acceptances. The services keep
 * the rules (expiry, tries, throttling), the transactions and the audit.
 */

export function findUserByEmail(db: Kysely<Database>, email: string, kind: UserKind) {
  return db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', email.toLowerCase())
    .where('kind', '=', kind)
    .executeTakeFirst();
}

const userById = compiledOnce(1, (db, id: string) =>
  db.selectFrom('users').selectAll().where('id', '=', id),
);

export async function findUserById(db: Kysely<Database>, id: string) {
  return (await userById(db, id))[0];
}

/** The signed-in user as the web app sees it, with the companies they hold a role on. */
export async function toMe(db: Kysely<Database>, user: User): Promise<Me> {
  const companies =
    user.kind === 'employer'
      ? await db
          .selectFrom('user_company_roles as r')
          .innerJoin('companies as c', 'c.id', 'r.company_id')
          .select(['c.id', 'c.name', 'c.siren', 'r.role'])
          .where('r.user_id', '=', user.id)
          .orderBy('c.name')
          .execute()
      : [];
  return {
    id: user.id,
    kind: user.kind,
    email: user.email,
    firstName: user.first_name,
    lastName: user.last_name,
    maskedPhone: user.mobile_phone ? maskPhone(user.mobile_phone) : null,
    staffRole: user.staff_role,
    isThirdParty: user.is_third_party === 1,
    thirdPartyFirm: user.third_party_firm,
    secondFactor: user.totp_enabled_at ? 'totp' : 'sms',
    companies,
    lastSignInAt: user.last_sign_in_at,
  };
}

type Db = Kysely<Database>;

// ---------------------------------------------------------------------------------------------
// Trusted devices and sign-in attempts (sign-in.service.ts)

/** The device behind a browser's cookie, if it is still trusted for this user. */
export function findLiveTrustedDevice(db: Db, userId: string, tokenHash: string, nowIso: string) {
  return db
    .selectFrom('trusted_devices')
    .selectAll()
    .where('user_id', '=', userId)
    .where('device_token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', nowIso)
    .executeTakeFirst();
}

export async function touchTrustedDevice(
  db: Db,
  id: string,
  seen: { ip: string; userAgent: string | null; at: string },
): Promise<void> {
  await db
    .updateTable('trusted_devices')
    .set({ last_ip: seen.ip, last_seen_at: seen.at, user_agent: seen.userAgent })
    .where('id', '=', id)
    .execute();
}

export async function insertTrustedDevice(
  db: Db,
  row: Insertable<TrustedDevicesTable>,
): Promise<void> {
  await db.insertInto('trusted_devices').values(row).execute();
}

export async function insertSignInAttempt(
  db: Db,
  row: Insertable<SignInAttemptsTable>,
): Promise<void> {
  await db.insertInto('sign_in_attempts').values(row).execute();
}

export function findSignInAttempt(db: Db, tokenHash: string) {
  return db
    .selectFrom('sign_in_attempts')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Marks the attempt done; false when another request completed it first. */
export async function completeSignInAttempt(db: Db, id: string, at: string): Promise<boolean> {
  const res = await db
    .updateTable('sign_in_attempts')
    .set({ completed_at: at })
    .where('id', '=', id)
    .where('completed_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

// ---------------------------------------------------------------------------------------------
// One-time codes sent by SMS (sign-in.service.ts)

export type OneTimeCode = Selectable<OneTimeCodesTable>;

/** The code row of `purpose` bound to a sign-in attempt or a session, if any. */
export function findOneTimeCode(
  db: Db,
  purpose: OneTimeCodePurpose,
  boundTo: string,
): Promise<OneTimeCode | undefined> {
  return db
    .selectFrom('one_time_codes')
    .selectAll()
    .where('bound_to', '=', boundTo)
    .where('purpose', '=', purpose)
    .executeTakeFirst();
}

export async function insertOneTimeCode(db: Db, row: Insertable<OneTimeCodesTable>): Promise<void> {
  await db.insertInto('one_time_codes').values(row).execute();
}

export async function updateOneTimeCode(
  db: Db,
  id: string,
  changes: Updateable<OneTimeCodesTable>,
): Promise<void> {
  await db.updateTable('one_time_codes').set(changes).where('id', '=', id).execute();
}

export async function deleteOneTimeCode(db: Db, id: string): Promise<void> {
  await db.deleteFrom('one_time_codes').where('id', '=', id).execute();
}

/** Marks the code used; false when another request used it first. */
export async function consumeOneTimeCode(db: Db, id: string, now: Date): Promise<boolean> {
  const res = await db
    .updateTable('one_time_codes')
    .set({ consumed_at: now.toISOString() })
    .where('id', '=', id)
    .where('consumed_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

// ---------------------------------------------------------------------------------------------
// Authenticator app and recovery codes (totp.service.ts)

/** The recovery codes of the user replaced by these (hashed) ones; none when `hashes` is empty. */
export async function replaceRecoveryCodes(
  db: Db,
  userId: string,
  hashes: string[],
  at: string,
): Promise<void> {
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  if (hashes.length === 0) return;
  await db
    .insertInto('recovery_codes')
    .values(hashes.map((h) => ({ id: newId(), user_id: userId, code_hash: h, created_at: at })))
    .execute();
}

/** Marks an unused recovery code used; false when there is none with this hash. */
export async function useRecoveryCode(
  db: Db,
  userId: string,
  codeHash: string,
  at: string,
): Promise<boolean> {
  const used = await db
    .updateTable('recovery_codes')
    .set({ used_at: at })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(used.numUpdatedRows) === 1;
}

// ---------------------------------------------------------------------------------------------
// Single keys in `rate_limits` (throttle.ts, totp.service.ts); counters are lib/rate-limit.ts's

/** Inserts the key once: true for the first caller, false when it exists (any app instance). */
export async function claimKeyOnce(db: Db, key: string, windowStart: string): Promise<boolean> {
  const inserted = await db
    .insertInto('rate_limits')
    .values({ key, window_start: windowStart, count: 1 })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** When the key was last stamped, if ever. */
export async function findKeyStamp(db: Db, key: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('rate_limits')
    .select('window_start')
    .where('key', '=', key)
    .executeTakeFirst();
  return row?.window_start;
}

/** The key's only row, stamped `at` (in the caller's transaction). */
export async function restampKey(db: Db, key: string, at: string): Promise<void> {
  await db.deleteFrom('rate_limits').where('key', '=', key).execute();
  await db.insertInto('rate_limits').values({ key, window_start: at, count: 1 }).execute();
}

// ---------------------------------------------------------------------------------------------
// Sessions (sessions.service.ts)

export async function insertSession(db: Db, row: Insertable<SessionsTable>): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

// On every signed-in request: compiled once (db/compiled-once.ts).
const sessionByTokenHash = compiledOnce(1, (db, tokenHash: string) =>
  db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash),
);

export async function findSessionByTokenHash(db: Db, tokenHash: string) {
  return (await sessionByTokenHash(db, tokenHash))[0];
}

export async function touchSession(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
}

/** Revokes the session if it is open. */
export async function revokeSessionRow(
  db: Db,
  id: string,
  revocation: { reason: string; at: string },
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: revocation.at, revoked_reason: revocation.reason })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Revokes the user's open sessions but `exceptSessionId`; returns how many it ended. */
export async function revokeUserSessionRows(
  db: Db,
  userId: string,
  revocation: { reason: string; at: string },
  exceptSessionId?: string,
): Promise<number> {
  const res = await db
    .updateTable('sessions')
    .set({ revoked_at: revocation.at, revoked_reason: revocation.reason })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .$if(exceptSessionId !== undefined, (q) => q.where('id', '!=', exceptSessionId!))
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** The user's sessions open at `nowIso` and seen since `seenSince`, most recent first. */
export function findOpenSessions(db: Db, userId: string, nowIso: string, seenSince: string) {
  return db
    .selectFrom('sessions')
    .select(['id', 'ip', 'user_agent', 'created_at', 'last_seen_at', 'expires_at'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('second_factor_done', '=', 1)
    .where('expires_at', '>', nowIso)
    .where('last_seen_at', '>', seenSince)
    .orderBy('last_seen_at', 'desc')
    .execute();
}

export async function isOwnSession(db: Db, userId: string, sessionId: string): Promise<boolean> {
  const row = await db
    .selectFrom('sessions')
    .select('id')
    .where('id', '=', sessionId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

// ---------------------------------------------------------------------------------------------
// Links sent by email (links.service.ts)

export async function insertActionToken(db: Db, row: Insertable<ActionTokensTable>): Promise<void> {
  await db.insertInto('action_tokens').values(row).execute();
}

export function findActionToken(db: Db, purpose: ActionTokenPurpose, tokenHash: string) {
  return db
    .selectFrom('action_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .executeTakeFirst();
}

/**
 * The user's links not used yet stop working: those of `purpose`, or all of them (a suspended or
 * deactivated account, a changed email address).
 */
export async function expireLinks(
  db: Db,
  userId: string,
  now: Date,
  purpose?: ActionTokenPurpose,
): Promise<void> {
  await db
    .updateTable('action_tokens')
    .set({ used_at: now.toISOString() })
    .where('user_id', '=', userId)
    .$if(purpose !== undefined, (q) => q.where('purpose', '=', purpose!))
    .where('used_at', 'is', null)
    .execute();
}

/** Marks the token used; false when another request used it first. */
export async function useToken(db: Db, id: string, now: Date): Promise<boolean> {
  const res = await db
    .updateTable('action_tokens')
    .set({ used_at: now.toISOString() })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

// ---------------------------------------------------------------------------------------------
// Terms of use and their acceptances (terms.service.ts)

/** The latest published version of the terms of use. */
export function findCurrentTermsRow(db: Db) {
  return db
    .selectFrom('terms_versions')
    .select(['id', 'version', 'title', 'content_markdown', 'published_at'])
    .where('published_at', 'is not', null)
    .orderBy('published_at', 'desc')
    .executeTakeFirst();
}

/** The version in force (ids only) and whether this user accepted it. */
const currentTermsAcceptance = compiledOnce(1, (db, userId: string) =>
  db
    .selectFrom('terms_versions as t')
    .leftJoin('terms_acceptances as a', (join) =>
      join.onRef('a.terms_version_id', '=', 't.id').on('a.user_id', '=', userId),
    )
    .select(['t.id', 'a.id as accepted'])
    .where('t.published_at', 'is not', null)
    .orderBy('t.published_at', 'desc')
    .limit(1),
);

export async function findCurrentTermsAcceptance(db: Db, userId: string) {
  return (await currentTermsAcceptance(db, userId))[0];
}

export async function hasAcceptedTerms(
  db: Db,
  userId: string,
  termsVersionId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('terms_acceptances')
    .select('id')
    .where('user_id', '=', userId)
    .where('terms_version_id', '=', termsVersionId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertTermsAcceptance(
  db: Db,
  row: Insertable<TermsAcceptancesTable>,
): Promise<void> {
  await db.insertInto('terms_acceptances').values(row).execute();
}

// ---------------------------------------------------------------------------------------------
// « Activer mon espace » (activation.service.ts)

/** The establishment of this SIRET in the company the insurer knows by this identifier. */
export function findEstablishmentToActivate(db: Db, siret: string, companyIdentifier: string) {
  return db
    .selectFrom('establishments as e')
    .innerJoin('companies as c', 'c.id', 'e.company_id')
    .select([
      'e.id as establishmentId',
      'e.name as establishmentName',
      'c.id as companyId',
      'c.name as companyName',
    ])
    .where('e.siret', '=', siret)
    .where('c.insurer_company_identifier', '=', companyIdentifier)
    .executeTakeFirst();
}
