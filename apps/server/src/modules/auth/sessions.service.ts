import type { SessionInfo } from '@affilia/shared/schemas/auth';
import type { AppContext } from '../../lib/context';
import { notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { hashToken, newSecretToken } from '../../lib/tokens';
import { describeBrowser } from '../../lib/user-agent';
import type { Session, User, UserKind } from '../../db/schema';
import type { RequestMeta } from '../../lib/request-meta';
import {
  findOpenSessions,
  findSessionByTokenHash,
  findUserById,
  insertSession,
  isOwnSession,
  revokeSessionRow,
  revokeUserSessionRows,
  touchSession,
} from './auth.repository';

export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_ABSOLUTE_MS = 12 * 3600_000;
/** last_seen_at is written at most this often, to spare the database. */
const TOUCH_EVERY_MS = 60_000;

type Ctx = Pick<AppContext, 'db' | 'clock'>;

/** Opens a new session (a new id at every sign-in) and returns the cookie's secret. */
export async function createSession(
  ctx: Ctx,
  input: { userId: string; kind: UserKind; trustedDeviceId: string | null; meta: RequestMeta },
): Promise<{ token: string; sessionId: string }> {
  const now = ctx.clock.now();
  const token = newSecretToken();
  const sessionId = newId();
  await insertSession(ctx.db, {
    id: sessionId,
    token_hash: hashToken(token),
    user_id: input.userId,
    kind: input.kind,
    csrf_token: newSecretToken(),
    ip: input.meta.ip,
    user_agent: input.meta.userAgent,
    trusted_device_id: input.trustedDeviceId,
    second_factor_done: 1,
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    expires_at: new Date(now.getTime() + SESSION_ABSOLUTE_MS).toISOString(),
  });
  return { token, sessionId };
}

/**
 * The live session behind a cookie, with its user, or null when the session is unknown,
 * revoked, idle for 30 minutes, older than 12 hours, or its user may no longer sign in.
 */
export async function loadSession(
  ctx: Ctx,
  token: string,
): Promise<{ session: Session; user: User } | null> {
  const now = ctx.clock.now();
  const session = await findSessionByTokenHash(ctx.db, hashToken(token));
  if (!session || session.revoked_at !== null || session.second_factor_done !== 1) return null;
  const idleLimit = new Date(session.last_seen_at).getTime() + SESSION_IDLE_MS;
  if (now.getTime() >= idleLimit || now.toISOString() >= session.expires_at) {
    await revokeSession(
      ctx,
      session.id,
      now.toISOString() >= session.expires_at ? 'expired' : 'idle',
    );
    return null;
  }
  const user = await findUserById(ctx.db, session.user_id);
  if (!user || user.status !== 'active') return null;
  if (now.getTime() - new Date(session.last_seen_at).getTime() >= TOUCH_EVERY_MS) {
    await touchSession(ctx.db, session.id, now.toISOString());
  }
  return { session, user };
}

export async function revokeSession(ctx: Ctx, sessionId: string, reason: string): Promise<void> {
  await revokeSessionRow(ctx.db, sessionId, { reason, at: ctx.clock.now().toISOString() });
}

/** Ends every session of a user (password reset, deactivation), but `exceptSessionId`. */
export async function revokeUserSessions(
  ctx: Ctx,
  userId: string,
  reason: string,
  exceptSessionId?: string,
): Promise<number> {
  return revokeUserSessionRows(
    ctx.db,
    userId,
    { reason, at: ctx.clock.now().toISOString() },
    exceptSessionId || undefined,
  );
}

/** The user's open sessions, most recent activity first. */
export async function listSessions(
  ctx: Ctx,
  userId: string,
  currentSessionId: string,
): Promise<SessionInfo[]> {
  const now = ctx.clock.now();
  const rows = await findOpenSessions(
    ctx.db,
    userId,
    now.toISOString(),
    new Date(now.getTime() - SESSION_IDLE_MS).toISOString(),
  );
  return rows.map((r) => ({
    id: r.id,
    current: r.id === currentSessionId,
    browser: describeBrowser(r.user_agent),
    ip: r.ip,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
  }));
}

/** « Fermer » one of one's own sessions. Another user's session answers 404. */
export async function revokeOwnSession(ctx: Ctx, userId: string, sessionId: string): Promise<void> {
  if (!(await isOwnSession(ctx.db, userId, sessionId)))
    throw notFound('Cette session est introuvable.');
  await revokeSession(ctx, sessionId, 'revoked_by_user');
}
