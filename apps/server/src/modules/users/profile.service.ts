import { loadPasswordEvaluator } from '@affilia/shared/domain/password-policy';
import type { Me } from '@affilia/shared/schemas/auth';
import type { SendCodeResult } from '@affilia/shared/schemas/second-factor';
import {
  SAME_PASSWORD,
  type ChangeEmailResult,
  type ChangePasswordResult,
  type ConfirmEmailChangeResult,
} from '@affilia/shared/schemas/profile';
import { maskPhone } from '@affilia/shared/validators/phone';
import type { User } from '../../db/schema';
import { recordAudit } from '../../lib/audit';
import type { AppContext } from '../../lib/context';
import { AppError, badRequest, conflict, tooManyAttempts } from '../../lib/errors';
import { enqueueEmail } from '../../lib/outbox/outbox';
import { hashPassword, verifyPassword } from '../../lib/passwords';
import type { AuthContext } from '../auth/session.plugin';
import {
  consumeOneTimeCode,
  deleteOneTimeCode,
  expireLinks,
  findOneTimeCode,
  findUserById,
  toMe,
  useToken,
} from '../auth/auth.repository';
import { createActionToken, findLiveToken } from '../auth/links.service';
import type { RequestMeta } from '../../lib/request-meta';
import { revokeUserSessions } from '../auth/sessions.service';
import {
  assertCodeMaySend,
  checkOneTimeCode,
  CODE_RESEND_COOLDOWN_MS,
  formatParisDateTime,
  oneTimeCodeDead,
  sendOneTimeCode,
  setVerifiedMobilePhone,
} from '../auth/sign-in.service';
import {
  assertSignInAllowed,
  assertWithinLimit,
  clearSignInFailures,
  recordSignInFailure,
} from '../auth/throttle';
import { getBranding } from '../settings/settings.service';
import { isEmailTaken, updateUser } from './users.repository';

/**
 * « Mon profil » (SPEC §4.4): names, email (confirmed by a link sent to the new address), mobile
 * (confirmed by an SMS code sent to the new number) and password. Every change but the names
 * asks for the current password first, and the account is told by email (SPEC §9).
 */
type Ctx = AppContext;

export const EMAIL_CHANGE_TTL_MS = 24 * 3600_000;
/** A change of number starts afresh (5 more sends) after this long without a code sent. */
const PHONE_CODE_WINDOW_MS = 15 * 60_000;

const linkInvalid = () =>
  new AppError(
    'link_invalid',
    404,
    'Ce lien n’est pas valide. Vérifiez que vous avez copié l’adresse en entier.',
  );

/**
 * Re-authentication by the current password. Wrong passwords count with the sign-in failures
 * of the account (SPEC §9: a growing delay after 5, at most 25 a day), so that a session left
 * open cannot be used to guess the password.
 */
async function confirmCurrentPassword(
  ctx: Ctx,
  user: User,
  password: string,
  meta: RequestMeta,
  field: 'password' | 'currentPassword',
): Promise<void> {
  await assertSignInAllowed(ctx, user.email, meta.ip);
  if (await verifyPassword(user.password_hash, password)) {
    await clearSignInFailures(ctx, user.email);
    return;
  }
  await recordSignInFailure(ctx, user.email);
  await recordAudit(ctx.db, ctx.clock.now(), {
    action: 'profile.reauthentication_failed',
    actorUserId: user.id,
    actorKind: user.kind,
    targetType: 'user',
    targetId: user.id,
    ip: meta.ip,
    userAgent: meta.userAgent,
  });
  throw badRequest('password_incorrect', 'Votre mot de passe actuel est incorrect.', {
    [field]: 'Mot de passe incorrect',
  });
}

async function freshMe(ctx: Ctx, userId: string): Promise<Me> {
  const user = await findUserById(ctx.db, userId);
  if (!user) throw new AppError('unauthenticated', 401, 'Veuillez vous connecter.');
  return toMe(ctx.db, user);
}

// ---------------------------------------------------------------------------------------------
// Names

export async function updateProfile(
  ctx: Ctx,
  user: User,
  input: { lastName: string; firstName: string },
  meta: RequestMeta,
): Promise<Me> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, {
      last_name: input.lastName,
      first_name: input.firstName,
      updated_at: now.toISOString(),
    });
    await recordAudit(trx, now, {
      action: 'profile.updated',
      actorUserId: user.id,
      actorKind: user.kind,
      targetType: 'user',
      targetId: user.id,
      ip: meta.ip,
      userAgent: meta.userAgent,
      details: {
        changed: [
          ...(input.lastName !== user.last_name ? ['lastName'] : []),
          ...(input.firstName !== user.first_name ? ['firstName'] : []),
        ],
      },
    });
  });
  return freshMe(ctx, user.id);
}

// ---------------------------------------------------------------------------------------------
// Email: a link to the new address, a notice to the current one

/**
 * « Modifier mon adresse e-mail ». The answer is the same whether or not the new address has
 * an account: when it has one, that address is told so by email instead of receiving a link
 * (nothing tells the requester which addresses are registered).
 */
export async function requestEmailChange(
  ctx: Ctx,
  user: User,
  input: { newEmail: string; password: string },
  meta: RequestMeta,
): Promise<ChangeEmailResult> {
  await confirmCurrentPassword(ctx, user, input.password, meta, 'password');
  if (input.newEmail === user.email) {
    throw badRequest('email_unchanged', 'C’est déjà l’adresse e-mail de votre compte.', {
      newEmail: 'C’est déjà l’adresse e-mail de votre compte',
    });
  }
  await assertWithinLimit(
    ctx,
    `email-change:${user.id}`,
    5,
    3600_000,
    'Trop de demandes de changement d’adresse. Réessayez dans une heure.',
  );
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + EMAIL_CHANGE_TTL_MS).toISOString();
  const when = formatParisDateTime(now);
  const branding = await getBranding(ctx);
  const taken = await isEmailTaken(ctx.db, input.newEmail);
  await ctx.db.transaction().execute(async (trx) => {
    // Only the latest request counts: an earlier link stops working.
    await expireLinks(trx, user.id, now, 'email_change');
    if (taken) {
      await enqueueEmail(trx, {
        to: input.newEmail,
        template: 'email_change_taken',
        data: { newEmail: input.newEmail },
        branding,
        now,
      });
    } else {
      const token = await createActionToken(trx, now, {
        purpose: 'email_change',
        userId: user.id,
        ttlMs: EMAIL_CHANGE_TTL_MS,
        payload: { newEmail: input.newEmail },
      });
      await enqueueEmail(trx, {
        to: input.newEmail,
        template: 'email_change_link',
        data: {
          firstName: user.first_name,
          newEmail: input.newEmail,
          url: `${ctx.config.publicUrl}/confirmer-nouvel-email/${token}`,
          validity: '24 heures',
        },
        branding,
        now,
      });
    }
    await enqueueEmail(trx, {
      to: user.email,
      template: 'email_change_notice',
      data: { firstName: user.first_name, newEmail: input.newEmail, when },
      branding,
      now,
    });
    await recordAudit(trx, now, {
      action: 'profile.email_change_requested',
      actorUserId: user.id,
      actorKind: user.kind,
      targetType: 'user',
      targetId: user.id,
      ip: meta.ip,
      userAgent: meta.userAgent,
      details: { addressTaken: taken },
    });
  });
  ctx.outboxWorker?.wake();
  return { sentTo: input.newEmail, expiresAt };
}

function newEmailOf(payload: string | null): string | null {
  if (!payload) return null;
  const parsed = JSON.parse(payload) as { newEmail?: unknown };
  return typeof parsed.newEmail === 'string' ? parsed.newEmail : null;
}

/**
 * The link of the new address (public: it may be opened in any browser). The address changes
 * and counts as verified; the sessions stay open, and the former address is told.
 */
export async function confirmEmailChange(
  ctx: Ctx,
  token: string,
  meta: RequestMeta,
): Promise<ConfirmEmailChangeResult> {
  const now = ctx.clock.now();
  const branding = await getBranding(ctx);
  const result = await ctx.db.transaction().execute(async (trx) => {
    const row = await findLiveToken(trx, now, 'email_change', token);
    const user = await findUserById(trx, row.user_id);
    const newEmail = newEmailOf(row.payload);
    if (!user || user.status !== 'active' || !newEmail) throw linkInvalid();
    if (await isEmailTaken(trx, newEmail, user.id)) {
      throw conflict(
        'email_taken',
        'Cette adresse e-mail est déjà celle d’un autre compte : elle ne peut pas devenir la vôtre. Choisissez-en une autre depuis « Mon profil ».',
      );
    }
    if (!(await useToken(trx, row.id, now)))
      throw new AppError('link_used', 410, 'Ce lien a déjà été utilisé.');
    await updateUser(trx, user.id, {
      email: newEmail,
      email_verified_at: now.toISOString(),
      updated_at: now.toISOString(),
    });
    if (user.email !== newEmail) {
      await enqueueEmail(trx, {
        to: user.email,
        template: 'email_changed_notice',
        data: { firstName: user.first_name, newEmail, when: formatParisDateTime(now) },
        branding,
        now,
      });
    }
    await recordAudit(trx, now, {
      action: 'profile.email_changed',
      actorUserId: user.id,
      actorKind: user.kind,
      targetType: 'user',
      targetId: user.id,
      ip: meta.ip,
      userAgent: meta.userAgent,
      details: { from: user.email, to: newEmail },
    });
    return {
      email: newEmail,
      space: user.kind === 'staff' ? ('backoffice' as const) : ('employer' as const),
    };
  });
  ctx.outboxWorker?.wake();
  return result;
}

// ---------------------------------------------------------------------------------------------
// Mobile: a code by SMS to the new number, bound to this session and that number

/** « Envoyer le code » (and « Renvoyer le code », the same request after 60 seconds). */
export async function sendPhoneChangeCode(
  ctx: Ctx,
  auth: AuthContext,
  input: { newMobilePhone: string; password: string },
  meta: RequestMeta,
): Promise<SendCodeResult> {
  const { user, session } = auth;
  await confirmCurrentPassword(ctx, user, input.password, meta, 'password');
  if (input.newMobilePhone === user.mobile_phone) {
    throw badRequest('phone_unchanged', 'C’est déjà le numéro de votre compte.', {
      newMobilePhone: 'C’est déjà le numéro de votre compte',
    });
  }
  const now = ctx.clock.now();
  let existing = await findOneTimeCode(ctx.db, 'phone_change', session.id);
  const lastSentAt = existing ? Date.parse(existing.last_sent_at ?? existing.created_at) : 0;
  if (existing && (existing.consumed_at || now.getTime() >= lastSentAt + PHONE_CODE_WINDOW_MS)) {
    await deleteOneTimeCode(ctx.db, existing.id);
    existing = undefined;
  }
  assertCodeMaySend(existing, now, () => {
    const seconds = Math.ceil((lastSentAt + PHONE_CODE_WINDOW_MS - now.getTime()) / 1000);
    return tooManyAttempts(
      `Vous avez demandé trop de codes. Réessayez dans ${Math.ceil(seconds / 60)} minutes.`,
      seconds,
    );
  });
  await assertWithinLimit(
    ctx,
    `sms-ip:${meta.ip}`,
    ctx.config.sms.perIpPerHour,
    3600_000,
    'Trop de codes demandés. Réessayez plus tard.',
  );
  await assertWithinLimit(
    ctx,
    `phone-change:${user.id}`,
    10,
    24 * 3600_000,
    'Trop de codes demandés aujourd’hui. Réessayez demain.',
  );
  const expiresAt = await sendOneTimeCode(ctx, now, {
    code: {
      existing,
      userId: user.id,
      purpose: 'phone_change',
      boundTo: session.id,
      target: input.newMobilePhone,
    },
    template: 'phone_change_code',
    audit: {
      action: 'profile.phone_code_sent',
      actorUserId: user.id,
      actorKind: user.kind,
      targetType: 'user',
      targetId: user.id,
      ip: meta.ip,
      userAgent: meta.userAgent,
    },
  });
  return {
    maskedPhone: maskPhone(input.newMobilePhone),
    resendAvailableAt: new Date(now.getTime() + CODE_RESEND_COOLDOWN_MS).toISOString(),
    expiresAt,
  };
}

/** « Valider »: the code of the new number replaces the number; the account is told by email. */
export async function verifyPhoneChange(
  ctx: Ctx,
  auth: AuthContext,
  code: string,
  meta: RequestMeta,
): Promise<Me> {
  const { user, session } = auth;
  const row = await checkOneTimeCode(
    ctx,
    await findOneTimeCode(ctx.db, 'phone_change', session.id),
    code,
    () =>
      recordAudit(ctx.db, ctx.clock.now(), {
        action: 'profile.phone_code_failed',
        actorUserId: user.id,
        actorKind: user.kind,
        targetType: 'user',
        targetId: user.id,
        ip: meta.ip,
        userAgent: meta.userAgent,
      }),
  );
  const newPhone = row.target;
  if (!newPhone || row.user_id !== user.id) throw oneTimeCodeDead();
  const now = ctx.clock.now();
  const branding = await getBranding(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await consumeOneTimeCode(trx, row.id, now))) throw oneTimeCodeDead();
    await setVerifiedMobilePhone(trx, user.id, newPhone, now);
    await enqueueEmail(trx, {
      to: user.email,
      template: 'phone_changed_notice',
      data: {
        firstName: user.first_name,
        maskedPhone: maskPhone(newPhone),
        when: formatParisDateTime(now),
      },
      branding,
      now,
    });
    await recordAudit(trx, now, {
      action: 'profile.phone_changed',
      actorUserId: user.id,
      actorKind: user.kind,
      targetType: 'user',
      targetId: user.id,
      ip: meta.ip,
      userAgent: meta.userAgent,
      details: { hadPhone: user.mobile_phone !== null },
    });
  });
  ctx.outboxWorker?.wake();
  return freshMe(ctx, user.id);
}

// ---------------------------------------------------------------------------------------------
// Password

/** « Modifier mon mot de passe »: the other sessions end, this one stays open. */
export async function changePassword(
  ctx: Ctx,
  auth: AuthContext,
  input: { currentPassword: string; newPassword: string },
  meta: RequestMeta,
): Promise<ChangePasswordResult> {
  const { user, session } = auth;
  await confirmCurrentPassword(ctx, user, input.currentPassword, meta, 'currentPassword');
  if (input.newPassword === input.currentPassword) {
    throw badRequest('password_unchanged', `${SAME_PASSWORD}.`, { newPassword: SAME_PASSWORD });
  }
  const evaluatePassword = await loadPasswordEvaluator();
  const evaluation = evaluatePassword(input.newPassword, [
    user.first_name,
    user.last_name,
    user.email,
  ]);
  if (!evaluation.ok) {
    const message = evaluation.error ?? 'Mot de passe trop faible';
    throw badRequest('password_weak', `${message}.`, { newPassword: message });
  }
  const passwordHash = await hashPassword(input.newPassword);
  const now = ctx.clock.now();
  const branding = await getBranding(ctx);
  const endedSessions = await ctx.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, {
      password_hash: passwordHash,
      password_changed_at: now.toISOString(),
      updated_at: now.toISOString(),
    });
    // A reset link asked for earlier must not undo the change.
    await expireLinks(trx, user.id, now, 'password_reset');
    const ended = await revokeUserSessions(
      { db: trx, clock: ctx.clock },
      user.id,
      'password_changed',
      session.id,
    );
    await enqueueEmail(trx, {
      to: user.email,
      template: 'password_changed_notice',
      data: { firstName: user.first_name, when: formatParisDateTime(now), endedSessions: ended },
      branding,
      now,
    });
    await recordAudit(trx, now, {
      action: 'profile.password_changed',
      actorUserId: user.id,
      actorKind: user.kind,
      targetType: 'user',
      targetId: user.id,
      ip: meta.ip,
      userAgent: meta.userAgent,
      details: { endedSessions: ended },
    });
    return ended;
  });
  ctx.outboxWorker?.wake();
  return { endedSessions };
}
