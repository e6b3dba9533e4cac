import crypto from 'node:crypto';
import * as OTPAuth from 'otpauth';
import type { User } from '../../db/schema';
import { recordAudit } from '../../lib/audit';
import type { AppContext } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { enqueueEmail } from '../../lib/outbox/outbox';
import { verifyPassword } from '../../lib/passwords';
import { hashToken } from '../../lib/tokens';
import type { Branding } from '../../lib/mail/templates';
import { getBranding } from '../settings/settings.service';
import type { RequestMeta } from '../../lib/request-meta';
import { updateUser } from '../users/users.repository';
import { claimKeyOnce, replaceRecoveryCodes, useRecoveryCode } from './auth.repository';

/**
 * TOTP (RFC 6238) as the second factor instead of SMS codes (SPEC §9: SMS is the weakest
 * factor): set up from the profile with a QR code, confirmed by a first code, with 10 single-use
 * recovery codes. The secret is encrypted at rest like the NIR.
 */
type Ctx = AppContext;
const RECOVERY_CODES = 10;

function totpFor(secretBase32: string, label: string, issuer: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: OTPAuth.Secret.fromBase32(secretBase32),
  });
}

async function confirmPassword(user: User, password: string): Promise<void> {
  if (!(await verifyPassword(user.password_hash, password))) {
    throw new AppError('invalid_password', 400, 'Mot de passe incorrect.', {
      password: 'Mot de passe incorrect',
    });
  }
}

/** Step 1 (after the password is confirmed): a new secret, pending until a code confirms it. */
export async function setupTotp(ctx: Ctx, user: User, password: string) {
  await confirmPassword(user, password);
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  const { brandName } = await getBranding(ctx);
  const totp = totpFor(secret, user.email, brandName);
  await updateUser(ctx.db, user.id, {
    totp_secret_encrypted: ctx.cipher.encrypt(secret),
    updated_at: ctx.clock.now().toISOString(),
  });
  const otpauthUrl = totp.toString();
  return {
    secret,
    otpauthUrl,
    // qrcode is loaded with the first enrolment of an authenticator app, not at start.
    qrCodeDataUrl: await (
      await import('qrcode')
    ).default.toDataURL(otpauthUrl, {
      margin: 1,
      width: 240,
    }),
  };
}

/** Accepts a code once per 30-second step (no replay within the validity window). */
async function checkTotp(
  ctx: Ctx,
  user: User,
  secretBase32: string,
  code: string,
): Promise<boolean> {
  if (!/^\d{6}$/.test(code)) return false;
  const now = ctx.clock.now();
  const delta = totpFor(secretBase32, user.email, 'Affilia').validate({
    token: code,
    timestamp: now.getTime(),
    window: 1,
  });
  if (delta === null) return false;
  const step = Math.floor(now.getTime() / 30_000) + delta;
  return claimKeyOnce(ctx.db, `totp-used:${user.id}:${step}`, now.toISOString());
}

/** Step 2: the first code proves the app is set; SMS codes stop, recovery codes are given once. */
export async function enableTotp(ctx: Ctx, user: User, code: string, meta: RequestMeta) {
  if (!user.totp_secret_encrypted) {
    throw new AppError('totp_not_set_up', 400, 'Recommencez la configuration de l’application.');
  }
  if (!(await checkTotp(ctx, user, ctx.cipher.decrypt(user.totp_secret_encrypted), code))) {
    throw new AppError('code_invalid', 400, 'Ce code est incorrect.', {
      code: 'Ce code est incorrect',
    });
  }
  const now = ctx.clock.now().toISOString();
  const recoveryCodes = Array.from({ length: RECOVERY_CODES }, () => {
    const raw = crypto.randomBytes(5).toString('hex');
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
  const branding = await getBranding(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, {
      totp_enabled_at: now,
      second_factor: 'totp',
      updated_at: now,
    });
    await replaceRecoveryCodes(trx, user.id, recoveryCodes.map(hashToken), now);
    await secondFactorChanged(
      ctx,
      trx,
      user,
      meta,
      'totp_enabled',
      'Votre compte utilise désormais une application d’authentification pour la double authentification.',
      branding,
    );
  });
  ctx.outboxWorker?.wake();
  return { recoveryCodes };
}

/** Back to SMS codes (after the password is confirmed). */
export async function disableTotp(
  ctx: Ctx,
  user: User,
  password: string,
  meta: RequestMeta,
): Promise<void> {
  await confirmPassword(user, password);
  const now = ctx.clock.now().toISOString();
  const branding = await getBranding(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, {
      totp_enabled_at: null,
      totp_secret_encrypted: null,
      second_factor: 'sms',
      updated_at: now,
    });
    await replaceRecoveryCodes(trx, user.id, [], now);
    await secondFactorChanged(
      ctx,
      trx,
      user,
      meta,
      'totp_disabled',
      'Votre compte reçoit de nouveau ses codes de connexion par SMS.',
      branding,
    );
  });
  ctx.outboxWorker?.wake();
}

async function secondFactorChanged(
  ctx: Ctx,
  trx: AppContext['db'],
  user: User,
  meta: RequestMeta,
  action: 'totp_enabled' | 'totp_disabled',
  change: string,
  branding: Branding,
): Promise<void> {
  const now = ctx.clock.now();
  await recordAudit(trx, now, {
    action: `auth.${action}`,
    actorUserId: user.id,
    actorKind: user.kind,
    targetType: 'user',
    targetId: user.id,
    ip: meta.ip,
    userAgent: meta.userAgent,
  });
  await enqueueEmail(trx, {
    to: user.email,
    template: 'second_factor_changed',
    data: { firstName: user.first_name, change },
    branding,
    now,
  });
}

/** At sign-in: an app code, or one of the recovery codes (each works once). */
export async function verifyTotpOrRecoveryCode(
  ctx: Ctx,
  user: User,
  code: string,
): Promise<'totp' | 'recovery' | null> {
  const trimmed = code.trim().toLowerCase();
  if (
    user.totp_secret_encrypted &&
    (await checkTotp(ctx, user, ctx.cipher.decrypt(user.totp_secret_encrypted), trimmed))
  ) {
    return 'totp';
  }
  if (!/^[0-9a-f]{5}-[0-9a-f]{5}$/.test(trimmed)) return null;
  const used = await useRecoveryCode(
    ctx.db,
    user.id,
    hashToken(trimmed),
    ctx.clock.now().toISOString(),
  );
  return used ? 'recovery' : null;
}
