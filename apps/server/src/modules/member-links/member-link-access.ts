/**
 * Access to the employee's beneficiaries link (issue 20), the enrolment form's access re-used
 * (modules/enrolment/form-access.ts): the emailed 256-bit token (only its SHA-256 is stored), the
 * birth date with the same tries and lock (`checkBirthDateGuard`), the same per-address limit of
 * link checks (`assertLinkTryAllowed`), then an hour's session in its own cookie
 * (`__Host-affilia_member_link`, `issueLinkSession` over the link's id and token hash: it dies
 * with the link). A token that matches nothing answers 404 `member_link_invalid`; a link expired
 * or revoked (by the employer, or by a newer link) 410 `member_link_expired`.
 */
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { hashToken } from '../../lib/tokens';
import {
  assertLinkTryAllowed,
  checkBirthDateGuard,
  formCookieOptions,
  hasLinkSession,
  issueLinkSession,
} from '../enrolment/form-access';
import { findMemberForSystem } from '../members/members.repository';
import {
  countLinkBirthDateAttempt,
  findLinkByTokenHash,
  setLinkBirthDateAttempts,
  type MemberLink,
} from './member-links.repository';

export const MEMBER_LINK_COOKIE = '__Host-affilia_member_link';
export const memberLinkCookieOptions = formCookieOptions;
const SESSION_PURPOSE = 'member-link-session';
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,128}$/;

/** The employee-link scope's actor of the beneficiaries link (`request.memberLink`). */
export interface MemberLinkActor {
  link: MemberLink;
}

export const memberLinkInvalid = () =>
  new AppError(
    'member_link_invalid',
    404,
    'Ce lien n’est pas valide. Vérifiez que vous avez copié le lien complet de l’e-mail, ou demandez un nouveau lien à votre employeur.',
  );
export const memberLinkExpired = () =>
  new AppError(
    'member_link_expired',
    410,
    'Ce lien a expiré ou a été remplacé par un lien plus récent : demandez un nouveau lien à votre employeur.',
  );
export const memberLinkSessionRequired = () =>
  new AppError(
    'member_link_session_required',
    401,
    'Pour des raisons de sécurité, confirmez de nouveau votre date de naissance.',
  );

/** The link of the token, live; 404/410 otherwise. */
export async function linkOfToken(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  token: string,
): Promise<MemberLink> {
  if (!TOKEN_SHAPE.test(token)) throw memberLinkInvalid();
  const link = await findLinkByTokenHash(ctx.db, hashToken(token));
  if (!link) throw memberLinkInvalid();
  if (link.revoked_at !== null || link.expires_at <= ctx.clock.now().toISOString()) {
    throw memberLinkExpired();
  }
  return link;
}

const subject = (link: MemberLink) => ({ id: link.id, tokenHash: link.token_hash });

export function hasMemberLinkSession(
  ctx: Pick<AppContext, 'cipher' | 'clock'>,
  link: MemberLink,
  cookie: string | undefined,
): boolean {
  return hasLinkSession(ctx, SESSION_PURPOSE, subject(link), cookie);
}

/**
 * « Confirmer » the birth date: the member's, with the enrolment form's tries and lock; the
 * session cookie's value when right.
 */
export async function unlockMemberLink(
  ctx: Pick<AppContext, 'db' | 'clock' | 'cipher'>,
  ip: string,
  token: string,
  birthDate: string,
): Promise<{ link: MemberLink; session: string }> {
  await assertLinkTryAllowed(ctx, ip);
  const link = await linkOfToken(ctx, token);
  const member = await findMemberForSystem(ctx.db, link.member_id);
  if (!member) throw memberLinkInvalid();
  await checkBirthDateGuard(
    ctx,
    {
      birthDate: member.birth_date,
      attempts: link.birth_date_attempts,
      lockedUntil: link.birth_date_locked_until,
      countAttempt: (lapsed) => countLinkBirthDateAttempt(ctx.db, link.id, lapsed),
      setAttempts: (state) => setLinkBirthDateAttempts(ctx.db, link.id, state),
    },
    birthDate,
  );
  return { link, session: issueLinkSession(ctx, SESSION_PURPOSE, subject(link)) };
}

/**
 * The employee-link scope's check for the beneficiaries link (modules/auth/scopes.ts): the live
 * link of the token, unlocked in this browser; 404/410, or 401 without the session cookie.
 */
export async function unlockedMemberLink(request: FastifyRequest): Promise<MemberLinkActor> {
  const ctx = request.server.ctx;
  const { token } = request.params as { token?: string };
  const link = await linkOfToken(ctx, String(token ?? ''));
  if (!hasMemberLinkSession(ctx, link, request.cookies[MEMBER_LINK_COOKIE])) {
    throw memberLinkSessionRequired();
  }
  return { link };
}
