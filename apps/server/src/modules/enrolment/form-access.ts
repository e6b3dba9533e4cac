/**
 * Access to the employee's form (SPEC §5.5): the emailed token, then the birth date.
 *
 * - The link holds a 256-bit token; the request keeps its SHA-256 (`form_token_hash`) and its
 *   expiry. A token that matches nothing, or a request no longer waiting for the employee
 *   (finalised, validated), answers 404 `form_link_invalid`; an expired link or an abandoned
 *   request answers 410 `form_link_expired`. A reminder that issues a new token kills the old
 *   one (its hash is no longer stored). Nothing tells which requests exist.
 * - The birth date is checked with limited attempts: the 5th wrong one locks the form for 15
 *   minutes (429 with Retry-After); a right one resets the count.
 * - Per address, link checks and birth-date tries are limited (60 per 15 minutes, all links).
 * - Once unlocked, the browser holds the `__Host-affilia_form` cookie for 1 hour: the request id,
 *   the expiry and an HMAC (the field cipher's keyed hash) over them and the current token hash,
 *   so that the cookie dies with the link (new token, submitted form) and cannot be forged. No
 *   table is needed.
 * - The birth-date check (`checkBirthDateGuard`) and the session (`issueLinkSession`,
 *   `hasLinkSession`) serve the member's beneficiaries link too (modules/member-links, issue 20).
 * - « Valider » replaces it with a receipt for the same hour (another keyed hash, over the
 *   request id, the expiry and the submission time): it opens only the download of the BIA just
 *   submitted, on the confirmation screen, never the form. « Envoyer ma demande de dispense »
 *   does the same for the dispense request's PDF (issue 19; the keyed hash over the dispense).
 * - A `dispensed` request whose link is live (a fresh token sent by the renewal reminder) opens
 *   the renewal screen of its dispense only (issue 19, decision 0012).
 */
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { AffiliationRequest } from '../../db/schema';
import type { Db } from '../../db/database';
import type { AppContext } from '../../lib/context';
import { AppError, tooManyAttempts } from '../../lib/errors';
import { hitRateLimit } from '../../lib/rate-limit';
import { hashToken, sameDigest } from '../../lib/tokens';
import { OPEN_FORM_STATUSES } from '../affiliations/status';
import { isOneOf } from '@affilia/shared/domain/enums';
import { findDispenseRow } from '../dispenses/dispenses.repository';
import {
  countBirthDateAttempt,
  findRequestByTokenHash,
  findRequestStatus,
  findSubmittedAt,
  setBirthDateAttempts,
} from './enrolment.repository';

export const FORM_COOKIE = '__Host-affilia_form';
export const FORM_SESSION_MS = 60 * 60_000;
export const BIRTH_DATE_MAX_ATTEMPTS = 5;
export const BIRTH_DATE_LOCK_MS = 15 * 60_000;

export const formCookieOptions: CookieSerializeOptions = {
  path: '/',
  httpOnly: true,
  secure: true,
  sameSite: 'strict',
  maxAge: FORM_SESSION_MS / 1000,
};

/** Link checks and birth-date tries from one address, every token together, per 15 minutes. */
export const IP_LINK_TRIES_PER_15_MIN = 60;

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,128}$/;

/** Statuses in which the link opens: the form, or the renewal screen of a dispense in force. */
export const LINK_STATUSES = [...OPEN_FORM_STATUSES, 'dispensed'] as const;

export const linkInvalid = () =>
  new AppError(
    'form_link_invalid',
    404,
    'Ce lien n’est pas valide ou n’est plus utilisable. Si vous n’avez pas encore envoyé votre formulaire, demandez un nouveau lien à votre employeur.',
  );
export const linkExpired = () =>
  new AppError(
    'form_link_expired',
    410,
    'Ce lien a expiré ou la demande a été annulée : demandez à votre employeur de vous renvoyer le formulaire.',
  );
export const sessionRequired = () =>
  new AppError(
    'form_session_required',
    401,
    'Pour des raisons de sécurité, confirmez de nouveau votre date de naissance.',
  );

/** The request the token opens, still waiting for the employee; 404/410 otherwise. */
export async function requestOfToken(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  token: string,
): Promise<AffiliationRequest> {
  if (!TOKEN_SHAPE.test(token)) throw linkInvalid();
  const request = await findRequestByTokenHash(ctx.db, hashToken(token));
  if (!request) throw linkInvalid();
  if (request.status === 'abandoned') throw linkExpired();
  if (!isOneOf(LINK_STATUSES, request.status)) throw linkInvalid();
  if (
    !request.form_token_expires_at ||
    request.form_token_expires_at <= ctx.clock.now().toISOString()
  ) {
    throw linkExpired();
  }
  return request;
}

/** The request, re-read in the transaction: still open to the employee, or 404. */
export async function openRequestIn(trx: Db, requestId: string) {
  const row = await findRequestStatus(trx, requestId);
  if (!row || !isOneOf(OPEN_FORM_STATUSES, row.status)) throw linkInvalid();
  return row;
}

/**
 * The request, re-read in the transaction: its link still opens (the form, or the renewal of a
 * dispense) with the same token, or 404.
 */
export async function linkRequestIn(
  trx: Db,
  request: Pick<AffiliationRequest, 'id' | 'form_token_hash'>,
) {
  const row = await findRequestStatus(trx, request.id);
  if (
    !row ||
    !isOneOf(LINK_STATUSES, row.status) ||
    row.form_token_hash !== request.form_token_hash
  )
    throw linkInvalid();
  return row;
}

/** Counts one link check or birth-date try from `ip`: 429 past the limit (SPEC §9). */
export async function assertLinkTryAllowed(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  ip: string,
): Promise<void> {
  const hit = await hitRateLimit(ctx.db, `enrolment-ip:${ip}`, {
    limit: IP_LINK_TRIES_PER_15_MIN,
    windowMs: 15 * 60_000,
    now: ctx.clock.now(),
  });
  if (!hit.allowed) {
    throw tooManyAttempts(
      'Trop de tentatives depuis votre connexion : réessayez dans quelques minutes.',
      hit.retryAfterSeconds,
    );
  }
}

/**
 * A short session of an emailed link once the birth date is confirmed (the enrolment form's, the
 * member's beneficiaries link's): `id.expiry.mac`, the mac a keyed hash over `purpose`, the id,
 * the expiry and the link's current token hash — so that it dies with the link and cannot be
 * forged.
 */
export interface LinkSubject {
  id: string;
  tokenHash: string | null;
}

function linkSessionMac(
  ctx: Pick<AppContext, 'cipher'>,
  purpose: string,
  subject: LinkSubject,
  expiresAtMs: number,
): string {
  return ctx.cipher.hash(`${purpose}|${subject.id}|${expiresAtMs}|${subject.tokenHash ?? ''}`);
}

export function issueLinkSession(
  ctx: Pick<AppContext, 'cipher' | 'clock'>,
  purpose: string,
  subject: LinkSubject,
): string {
  const expiresAtMs = ctx.clock.now().getTime() + FORM_SESSION_MS;
  return `${subject.id}.${expiresAtMs}.${linkSessionMac(ctx, purpose, subject, expiresAtMs)}`;
}

/** Whether `cookie` is a live session of `purpose` for this subject and its current link. */
export function hasLinkSession(
  ctx: Pick<AppContext, 'cipher' | 'clock'>,
  purpose: string,
  subject: LinkSubject,
  cookie: string | undefined,
): boolean {
  const [id, exp, mac] = (cookie ?? '').split('.');
  const expiresAtMs = Number(exp);
  return !(
    !id ||
    !mac ||
    id !== subject.id ||
    !Number.isSafeInteger(expiresAtMs) ||
    expiresAtMs <= ctx.clock.now().getTime() ||
    expiresAtMs > ctx.clock.now().getTime() + FORM_SESSION_MS ||
    !/^[0-9a-f]{64}$/.test(mac) ||
    !sameDigest(mac, linkSessionMac(ctx, purpose, subject, expiresAtMs))
  );
}

const FORM_SESSION = 'enrolment-form-session';
const formSubject = (request: Pick<AffiliationRequest, 'id' | 'form_token_hash'>) => ({
  id: request.id,
  tokenHash: request.form_token_hash,
});

export function issueFormSession(
  ctx: Pick<AppContext, 'cipher' | 'clock'>,
  request: Pick<AffiliationRequest, 'id' | 'form_token_hash'>,
): string {
  return issueLinkSession(ctx, FORM_SESSION, formSubject(request));
}

/** Throws 401 `form_session_required` unless the cookie was issued for this request and link. */
export function assertFormSession(
  ctx: Pick<AppContext, 'cipher' | 'clock'>,
  request: Pick<AffiliationRequest, 'id' | 'form_token_hash'>,
  cookie: string | undefined,
): void {
  if (!hasFormSession(ctx, request, cookie)) throw sessionRequired();
}

/** Whether `cookie` is a live form session of this request (the birth date was confirmed). */
export function hasFormSession(
  ctx: Pick<AppContext, 'cipher' | 'clock'>,
  request: Pick<AffiliationRequest, 'id' | 'form_token_hash'>,
  cookie: string | undefined,
): boolean {
  return hasLinkSession(ctx, FORM_SESSION, formSubject(request), cookie);
}

function receiptMac(
  ctx: Pick<AppContext, 'cipher'>,
  requestId: string,
  submittedAt: string,
  expiresAtMs: number,
): string {
  return ctx.cipher.hash(`enrolment-form-receipt|${requestId}|${expiresAtMs}|${submittedAt}`);
}

/** The cookie after « Valider »: the download of the submitted BIA only, for an hour. */
export function issueSubmittedReceipt(
  ctx: Pick<AppContext, 'cipher' | 'clock'>,
  requestId: string,
  submittedAt: string,
): string {
  const expiresAtMs = ctx.clock.now().getTime() + FORM_SESSION_MS;
  return `${requestId}.${expiresAtMs}.${receiptMac(ctx, requestId, submittedAt, expiresAtMs)}`;
}

/** The parts of a receipt cookie, well formed and not expired; 401 otherwise. */
function readReceipt(
  ctx: Pick<AppContext, 'clock'>,
  cookie: string | undefined,
): { id: string; expiresAtMs: number; mac: string } {
  const [id, exp, mac] = (cookie ?? '').split('.');
  const expiresAtMs = Number(exp);
  const now = ctx.clock.now().getTime();
  if (
    !id ||
    !mac ||
    id.length > 64 ||
    !Number.isSafeInteger(expiresAtMs) ||
    expiresAtMs <= now ||
    expiresAtMs > now + FORM_SESSION_MS ||
    !/^[0-9a-f]{64}$/.test(mac)
  ) {
    throw sessionRequired();
  }
  return { id, expiresAtMs, mac };
}

/**
 * The request whose form this browser just submitted (the receipt cookie), with the submission
 * time the receipt was issued for; 401 `form_session_required` otherwise.
 */
export async function requestOfReceipt(
  ctx: Pick<AppContext, 'db' | 'cipher' | 'clock'>,
  cookie: string | undefined,
): Promise<{ requestId: string }> {
  const { id, expiresAtMs, mac } = readReceipt(ctx, cookie);
  const submittedAt = await findSubmittedAt(ctx.db, id);
  if (!submittedAt || !sameDigest(mac, receiptMac(ctx, id, submittedAt, expiresAtMs))) {
    throw sessionRequired();
  }
  return { requestId: id };
}

function dispenseReceiptMac(
  ctx: Pick<AppContext, 'cipher'>,
  dispense: { id: string; created_at: string },
  expiresAtMs: number,
): string {
  return ctx.cipher.hash(
    `enrolment-dispense-receipt|${dispense.id}|${expiresAtMs}|${dispense.created_at}`,
  );
}

/** The cookie after « Envoyer ma demande de dispense »: the download of its PDF only, an hour. */
export function issueDispenseReceipt(
  ctx: Pick<AppContext, 'cipher' | 'clock'>,
  dispense: { id: string; created_at: string },
): string {
  const expiresAtMs = ctx.clock.now().getTime() + FORM_SESSION_MS;
  return `${dispense.id}.${expiresAtMs}.${dispenseReceiptMac(ctx, dispense, expiresAtMs)}`;
}

/** The dispense request this browser just sent (its receipt cookie); 401 otherwise. */
export async function dispenseOfReceipt(
  ctx: Pick<AppContext, 'db' | 'cipher' | 'clock'>,
  cookie: string | undefined,
) {
  const { id, expiresAtMs, mac } = readReceipt(ctx, cookie);
  const dispense = /^[0-9a-f-]{36}$/.test(id) ? await findDispenseRow(ctx.db, id) : undefined;
  if (!dispense || !sameDigest(mac, dispenseReceiptMac(ctx, dispense, expiresAtMs))) {
    throw sessionRequired();
  }
  return dispense;
}

/**
 * The birth-date tries of a link: the expected date, the wrong tries counted so far and the
 * lock, and how to count one more or reset them (each link's repository).
 */
export interface BirthDateGuard {
  birthDate: string;
  attempts: number;
  lockedUntil: string | null;
  /** Counts one wrong try (a new series when `lapsed`), returns the count. */
  countAttempt: (lapsed: boolean) => Promise<number>;
  setAttempts: (state: { count: number; lockedUntil: string | null }) => Promise<void>;
}

/**
 * Checks the birth date typed by the employee. A wrong date counts an attempt (400
 * `birth_date_mismatch`, or 429 on the 5th, which locks the link 15 minutes); a locked link
 * answers 429 with the seconds left. The enrolment form's and the member's link's.
 */
export async function checkBirthDateGuard(
  ctx: Pick<AppContext, 'clock'>,
  guard: BirthDateGuard,
  birthDate: string,
): Promise<void> {
  const now = ctx.clock.now();
  const locked = (until: string) =>
    tooManyAttempts(
      'Trop de tentatives : pour votre sécurité, le formulaire est bloqué quelques minutes. Réessayez plus tard.',
      Math.max(1, Math.ceil((Date.parse(until) - now.getTime()) / 1000)),
    );
  if (guard.lockedUntil && guard.lockedUntil > now.toISOString()) {
    throw locked(guard.lockedUntil);
  }
  if (birthDate === guard.birthDate) {
    if (guard.attempts > 0 || guard.lockedUntil) {
      await guard.setAttempts({ count: 0, lockedUntil: null });
    }
    return;
  }
  // A lock that has passed starts a new series of attempts.
  const lapsed = guard.lockedUntil !== null;
  const attempts = await guard.countAttempt(lapsed);
  if (attempts >= BIRTH_DATE_MAX_ATTEMPTS) {
    const until = new Date(now.getTime() + BIRTH_DATE_LOCK_MS).toISOString();
    await guard.setAttempts({ count: 0, lockedUntil: until });
    throw locked(until);
  }
  const left = BIRTH_DATE_MAX_ATTEMPTS - attempts;
  throw new AppError(
    'birth_date_mismatch',
    400,
    `La date de naissance ne correspond pas. Il vous reste ${left} essai${left > 1 ? 's' : ''}.`,
    { birthDate: 'La date de naissance ne correspond pas' },
  );
}

/** The enrolment form's birth date (checkBirthDateGuard on the affiliation request). */
export async function checkBirthDate(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  request: AffiliationRequest,
  birthDate: string,
): Promise<void> {
  await checkBirthDateGuard(
    ctx,
    {
      birthDate: request.birth_date,
      attempts: request.birth_date_attempts,
      lockedUntil: request.birth_date_locked_until,
      countAttempt: (lapsed) => countBirthDateAttempt(ctx.db, request.id, lapsed),
      setAttempts: (state) => setBirthDateAttempts(ctx.db, request.id, state),
    },
    birthDate,
  );
}
