import type { Kysely } from 'kysely';
import { loadPasswordEvaluator } from '@affilia/shared/domain/password-policy';
import type { AuthSpace } from '@affilia/shared/schemas/auth';
import { SAME_PASSWORD } from '@affilia/shared/schemas/profile';
import type { ActionTokenPurpose, Database } from '../../db/schema';
import { recordAudit } from '../../lib/audit';
import { captchaInvalid, verifyCaptcha } from '../../lib/captcha';
import type { AppContext } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { enqueueEmail } from '../../lib/outbox/outbox';
import { hashPassword, verifyPassword } from '../../lib/passwords';
import { hitRateLimit } from '../../lib/rate-limit';
import { hashToken, newSecretToken } from '../../lib/tokens';
import { getBranding } from '../settings/settings.service';
import { updateUser } from '../users/users.repository';
import {
  expireLinks,
  findActionToken,
  findUserByEmail,
  findUserById,
  insertActionToken,
  useToken,
} from './auth.repository';
import type { RequestMeta } from '../../lib/request-meta';
import { revokeUserSessions } from './sessions.service';
import { assertWithinLimit, clearSignInFailures } from './throttle';

/**
 * Links sent by email (address confirmation, password reset): a 256-bit secret in the link,
 * its hash in `action_tokens`, single use, with an expiry.
 */
type Ctx = AppContext;
export const PASSWORD_RESET_TTL_MS = 20 * 60_000;
const EMAIL_CONFIRMATION_RESEND_TTL_MS = 48 * 3600_000;

export async function createActionToken(
  db: Kysely<Database>,
  now: Date,
  input: { purpose: ActionTokenPurpose; userId: string; ttlMs: number; payload?: unknown },
): Promise<string> {
  const token = newSecretToken();
  await insertActionToken(db, {
    id: newId(),
    purpose: input.purpose,
    token_hash: hashToken(token),
    user_id: input.userId,
    payload: input.payload === undefined ? null : JSON.stringify(input.payload),
    expires_at: new Date(now.getTime() + input.ttlMs).toISOString(),
    created_at: now.toISOString(),
  });
  return token;
}

/** The live token behind a link, or the precise reason it cannot be used. */
export async function findLiveToken(
  db: Kysely<Database>,
  now: Date,
  purpose: ActionTokenPurpose,
  token: string,
) {
  const row = await findActionToken(db, purpose, hashToken(token));
  if (!row)
    throw new AppError(
      'link_invalid',
      404,
      'Ce lien n’est pas valide. Vérifiez que vous avez copié l’adresse en entier.',
    );
  if (row.used_at) throw new AppError('link_used', 410, 'Ce lien a déjà été utilisé.');
  if (row.expires_at <= now.toISOString())
    throw new AppError('link_expired', 410, 'Ce lien a expiré.');
  return row;
}

export async function confirmEmail(
  ctx: Ctx,
  token: string,
  meta: RequestMeta,
): Promise<{ email: string }> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await findLiveToken(trx, now, 'email_confirmation', token);
    const user = await findUserById(trx, row.user_id);
    if (!user) throw new AppError('link_invalid', 404, 'Ce lien n’est pas valide.');
    if (!(await useToken(trx, row.id, now)))
      throw new AppError('link_used', 410, 'Ce lien a déjà été utilisé.');
    await updateUser(trx, user.id, {
      email_verified_at: now.toISOString(),
      updated_at: now.toISOString(),
    });
    await recordAudit(trx, now, {
      action: 'auth.email_confirmed',
      actorUserId: user.id,
      actorKind: user.kind,
      ip: meta.ip,
      userAgent: meta.userAgent,
    });
    return { email: user.email };
  });
}

/** Sends a new confirmation link if the address has an unconfirmed account; silent otherwise. */
export async function resendEmailConfirmation(
  ctx: Ctx,
  email: string,
  meta: RequestMeta,
): Promise<void> {
  await assertWithinLimit(ctx, `confirm-resend-ip:${meta.ip}`, 10, 3600_000);
  await assertWithinLimit(ctx, `confirm-resend:${ctx.cipher.hash(email)}`, 3, 3600_000);
  const user = await findUserByEmail(ctx.db, email, 'employer');
  if (!user || user.email_verified_at || user.status !== 'active') return;
  const now = ctx.clock.now();
  const branding = await getBranding(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const token = await createActionToken(trx, now, {
      purpose: 'email_confirmation',
      userId: user.id,
      ttlMs: EMAIL_CONFIRMATION_RESEND_TTL_MS,
    });
    await enqueueEmail(trx, {
      to: user.email,
      template: 'email_confirmation',
      data: {
        firstName: user.first_name,
        url: `${ctx.config.publicUrl}/confirmer-email/${token}`,
        validity: '48 heures',
      },
      branding,
      now,
    });
  });
  ctx.outboxWorker?.wake();
}

/** « Mot de passe oublié »: the same answer whether the address exists or not. */
export async function requestPasswordReset(
  ctx: Ctx,
  input: { email: string; captcha: string; space: AuthSpace; meta: RequestMeta },
): Promise<void> {
  await assertWithinLimit(ctx, `reset-ip:${input.meta.ip}`, 10, 15 * 60_000);
  const now = ctx.clock.now();
  if (!(await verifyCaptcha(ctx, input.captcha, now))) {
    throw captchaInvalid();
  }
  // At most 3 emails an hour to one address, silently (an attacker learns nothing).
  const perAddress = (
    await hitRateLimit(ctx.db, `reset:${ctx.cipher.hash(input.email)}`, {
      limit: 3,
      windowMs: 3600_000,
      now,
    })
  ).allowed;
  const user = await findUserByEmail(
    ctx.db,
    input.email,
    input.space === 'backoffice' ? 'staff' : 'employer',
  );
  await recordAudit(ctx.db, now, {
    action: 'auth.password_reset_requested',
    actorUserId: user?.id ?? null,
    actorKind: 'anonymous',
    ip: input.meta.ip,
    userAgent: input.meta.userAgent,
    details: { knownAccount: user !== undefined },
  });
  if (!perAddress || !user || user.status !== 'active') return;
  const branding = await getBranding(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const token = await createActionToken(trx, now, {
      purpose: 'password_reset',
      userId: user.id,
      ttlMs: PASSWORD_RESET_TTL_MS,
    });
    await enqueueEmail(trx, {
      to: user.email,
      template: 'password_reset',
      data: {
        firstName: user.first_name,
        url: `${ctx.config.publicUrl}/reinitialiser-mot-de-passe/${token}`,
        validity: '20 minutes',
      },
      branding,
      now,
    });
  });
  ctx.outboxWorker?.wake();
}

export async function checkPasswordResetLink(ctx: Ctx, token: string): Promise<{ email: string }> {
  const row = await findLiveToken(ctx.db, ctx.clock.now(), 'password_reset', token);
  const user = await findUserById(ctx.db, row.user_id);
  if (!user) throw new AppError('link_invalid', 404, 'Ce lien n’est pas valide.');
  return { email: user.email };
}

/** A new password from the link: the link dies, every session of the account ends. */
export async function resetPassword(
  ctx: Ctx,
  token: string,
  password: string,
  meta: RequestMeta,
): Promise<void> {
  const now = ctx.clock.now();
  const row = await findLiveToken(ctx.db, now, 'password_reset', token);
  const user = await findUserById(ctx.db, row.user_id);
  if (!user) throw new AppError('link_invalid', 404, 'Ce lien n’est pas valide.');
  const evaluatePassword = await loadPasswordEvaluator();
  const evaluation = evaluatePassword(password, [user.first_name, user.last_name, user.email]);
  if (!evaluation.ok) {
    throw new AppError('password_weak', 400, evaluation.error ?? 'Mot de passe trop faible.', {
      password: evaluation.error ?? 'Mot de passe trop faible',
    });
  }
  // A reset that keeps the password would leave a guessed or leaked one in place.
  if (await verifyPassword(user.password_hash, password)) {
    throw new AppError('password_unchanged', 400, `${SAME_PASSWORD}.`, { password: SAME_PASSWORD });
  }
  const passwordHash = await hashPassword(password);
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await useToken(trx, row.id, now)))
      throw new AppError('link_used', 410, 'Ce lien a déjà été utilisé.');
    await expireLinks(trx, user.id, now, 'password_reset');
    await updateUser(trx, user.id, {
      password_hash: passwordHash,
      password_changed_at: now.toISOString(),
      // A reset link proves the address, like the confirmation link.
      email_verified_at: user.email_verified_at ?? now.toISOString(),
      updated_at: now.toISOString(),
    });
    await revokeUserSessions({ db: trx, clock: ctx.clock }, user.id, 'password_reset');
    await recordAudit(trx, now, {
      action: 'auth.password_reset',
      actorUserId: user.id,
      actorKind: user.kind,
      ip: meta.ip,
      userAgent: meta.userAgent,
    });
  });
  await clearSignInFailures(ctx, user.email);
}
