import type { AuthSpace, SignInResult } from '@affilia/shared/schemas/auth';
import type { SendCodeResult } from '@affilia/shared/schemas/second-factor';
import { maskPhone } from '@affilia/shared/validators/phone';
import type { Database, OneTimeCodePurpose, SignInAttemptsTable, User } from '../../db/schema';
import type { Kysely, Selectable } from 'kysely';
import { recordAudit, type AuditEntry } from '../../lib/audit';
import type { AppContext } from '../../lib/context';
import { AppError, tooManyAttempts } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { enqueueEmail, enqueueSms } from '../../lib/outbox/outbox';
import { verifyPassword } from '../../lib/passwords';
import { hashToken, newNumericCode, newSecretToken, sameDigest } from '../../lib/tokens';
import { describeBrowser } from '../../lib/user-agent';
import { getBranding } from '../settings/settings.service';
import {
  completeSignInAttempt,
  consumeOneTimeCode,
  findLiveTrustedDevice,
  findOneTimeCode,
  findSignInAttempt,
  findUserByEmail,
  findUserById,
  insertOneTimeCode,
  insertSignInAttempt,
  insertTrustedDevice,
  toMe,
  touchTrustedDevice,
  updateOneTimeCode,
  type OneTimeCode,
} from './auth.repository';
import { updateUser } from '../users/users.repository';
import type { RequestMeta } from '../../lib/request-meta';
import { createSession } from './sessions.service';
import {
  assertSignInAllowed,
  assertWithinLimit,
  claimFailuresNotice,
  clearSignInFailures,
  recordSignInFailure,
} from './throttle';
import { verifyTotpOrRecoveryCode } from './totp.service';

type Ctx = AppContext;
type Attempt = Selectable<SignInAttemptsTable>;
export type SecondFactorReason = 'new_device' | 'new_ip' | 'stale';

export const CODE_TTL_MS = 5 * 60_000;
export const CODE_MAX_TRIES = 3;
export const CODE_RESEND_COOLDOWN_MS = 60_000;
export const CODE_MAX_SENDS = 5;
const ATTEMPT_TTL_MS = 15 * 60_000;
export const STALE_AFTER_MS = 90 * 24 * 3600_000;
const DEVICE_TTL_MS = 400 * 24 * 3600_000;

const invalidCredentials = () =>
  new AppError('invalid_credentials', 401, 'Adresse e-mail ou mot de passe incorrect.');
const attemptPending = () =>
  new AppError(
    'second_factor_pending',
    401,
    'Votre demande de connexion a expiré. Saisissez à nouveau votre adresse e-mail et votre mot de passe.',
  );

/** What a successful sign-in hands to the route: cookies to set and the answer. */
export interface SignInOutcome {
  result: SignInResult;
  session?: { token: string };
  attempt?: { token: string };
  device?: { token: string };
}

/** The three triggers of the security screen (SPEC §4.2). */
export function secondFactorReasons(
  user: Pick<User, 'last_sign_in_at'>,
  device: { last_ip: string | null } | null,
  ip: string,
  now: Date,
): SecondFactorReason[] {
  const reasons: SecondFactorReason[] = [];
  if (!device) reasons.push('new_device');
  else if (device.last_ip !== ip) reasons.push('new_ip');
  // « 3 mois » is counted as 90 days, so the rule does not depend on the length of months.
  const threeMonthsAgo = new Date(now.getTime() - STALE_AFTER_MS);
  if (user.last_sign_in_at && user.last_sign_in_at <= threeMonthsAgo.toISOString())
    reasons.push('stale');
  return reasons;
}

async function findTrustedDevice(ctx: Ctx, userId: string, deviceToken: string | undefined) {
  if (!deviceToken) return null;
  const device = await findLiveTrustedDevice(
    ctx.db,
    userId,
    hashToken(deviceToken),
    ctx.clock.now().toISOString(),
  );
  return device ?? null;
}

/** Step 1: email and password. Either signs in, or asks for the second factor. */
export async function signIn(
  ctx: Ctx,
  input: {
    email: string;
    password: string;
    space: AuthSpace;
    /** « Je ne suis pas un robot », asked once the account is restricted (throttle.ts). */
    captcha?: string | null;
    deviceToken?: string;
    meta: RequestMeta;
  },
): Promise<SignInOutcome> {
  const { meta } = input;
  const now = ctx.clock.now();
  const kind = input.space === 'backoffice' ? 'staff' : 'employer';
  await assertSignInAllowed(ctx, input.email, meta.ip, { captcha: input.captcha });

  const user = await findUserByEmail(ctx.db, input.email, kind);
  const passwordOk = await verifyPassword(user?.password_hash ?? null, input.password);
  if (!user || !passwordOk) {
    const failures = await recordSignInFailure(ctx, input.email);
    if (user && (await claimFailuresNotice(ctx, input.email, failures))) {
      await notifyFailedAttempts(ctx, user, input.space, failures, meta);
    }
    await recordAudit(ctx.db, now, {
      action: 'auth.sign_in_failed',
      actorUserId: user?.id ?? null,
      actorKind: 'anonymous',
      targetType: 'user',
      targetId: user?.id ?? null,
      ip: meta.ip,
      userAgent: meta.userAgent,
      details: { space: input.space, reason: user ? 'wrong_password' : 'unknown_account' },
    });
    throw invalidCredentials();
  }
  // The password is right: from here on, telling the account's state reveals nothing new.
  if (user.status === 'suspended' || user.status === 'deactivated') {
    await recordAudit(ctx.db, now, {
      action: 'auth.sign_in_refused',
      actorUserId: user.id,
      actorKind: user.kind,
      ip: meta.ip,
      userAgent: meta.userAgent,
      details: { status: user.status },
    });
    throw new AppError(
      'account_disabled',
      403,
      user.kind === 'staff'
        ? 'Votre accès a été désactivé. Contactez un administrateur du back-office.'
        : 'Votre accès a été désactivé. Contactez l’administrateur de votre espace entreprise.',
    );
  }
  if (!user.email_verified_at) {
    throw new AppError(
      'email_not_confirmed',
      403,
      'Confirmez d’abord votre adresse e-mail avec le lien que nous vous avons envoyé.',
    );
  }
  await clearSignInFailures(ctx, input.email);

  const device = await findTrustedDevice(ctx, user.id, input.deviceToken);
  const reasons = secondFactorReasons(user, device, meta.ip, now);
  if (reasons.length === 0 && device) {
    return completeSignIn(ctx, user, { deviceId: device.id, meta, reasons, secondFactor: null });
  }
  const attemptToken = newSecretToken();
  await insertSignInAttempt(ctx.db, {
    id: newId(),
    token_hash: hashToken(attemptToken),
    user_id: user.id,
    kind: user.kind,
    ip: meta.ip,
    user_agent: meta.userAgent,
    reasons: JSON.stringify(reasons),
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + ATTEMPT_TTL_MS).toISOString(),
  });
  return {
    result: {
      status: 'second_factor_required',
      method: user.totp_enabled_at ? 'totp' : 'sms',
      maskedPhone: user.mobile_phone ? maskPhone(user.mobile_phone) : null,
      reasons,
    },
    attempt: { token: attemptToken },
  };
}

/**
 * Tells the owner, once a day, that many wrong passwords were typed for their account: what it
 * changes for them (« Je ne suis pas un robot » at sign-in) and the sure way in (« Mot de passe
 * oublié »), whose page is linked for their door.
 */
async function notifyFailedAttempts(
  ctx: Ctx,
  user: User,
  space: AuthSpace,
  failures: number,
  meta: RequestMeta,
): Promise<void> {
  const now = ctx.clock.now();
  const forgotPath =
    space === 'backoffice' ? '/back-office/mot-de-passe-oublie' : '/mot-de-passe-oublie';
  await enqueueEmail(ctx.db, {
    to: user.email,
    template: 'sign_in_failures_notice',
    data: {
      firstName: user.first_name,
      failures,
      when: formatParisDateTime(now),
      ip: meta.ip,
      forgotPasswordUrl: `${ctx.config.publicUrl}${forgotPath}`,
    },
    branding: await getBranding(ctx),
    now,
  });
  ctx.outboxWorker?.wake();
}

/**
 * Opens the session once every factor is checked: a new session id, the trusted device
 * remembered (a new one for a new browser), the last sign-in recorded, the audit written.
 */
async function completeSignIn(
  ctx: Ctx,
  user: User,
  opts: {
    deviceId: string | null;
    meta: RequestMeta;
    reasons: SecondFactorReason[];
    secondFactor: 'sms' | 'totp' | 'recovery' | null;
  },
): Promise<SignInOutcome> {
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  let deviceId = opts.deviceId;
  let newDeviceToken: string | undefined;
  if (deviceId) {
    await touchTrustedDevice(ctx.db, deviceId, { ...opts.meta, at: nowIso });
  } else {
    newDeviceToken = newSecretToken();
    deviceId = newId();
    await insertTrustedDevice(ctx.db, {
      id: deviceId,
      user_id: user.id,
      device_token_hash: hashToken(newDeviceToken),
      user_agent: opts.meta.userAgent,
      last_ip: opts.meta.ip,
      last_seen_at: nowIso,
      created_at: nowIso,
      expires_at: new Date(now.getTime() + DEVICE_TTL_MS).toISOString(),
    });
  }
  await updateUser(ctx.db, user.id, {
    last_sign_in_at: nowIso,
    last_sign_in_ip: opts.meta.ip,
    updated_at: nowIso,
  });
  const session = await createSession(ctx, {
    userId: user.id,
    kind: user.kind,
    trustedDeviceId: deviceId,
    meta: opts.meta,
  });
  await recordAudit(ctx.db, now, {
    action: 'auth.sign_in',
    actorUserId: user.id,
    actorKind: user.kind,
    targetType: 'session',
    targetId: session.sessionId,
    ip: opts.meta.ip,
    userAgent: opts.meta.userAgent,
    details: { secondFactor: opts.secondFactor, reasons: opts.reasons },
  });
  if (newDeviceToken && user.last_sign_in_at) {
    // A sign-in from a new browser: the user is told (not on their very first sign-in).
    await enqueueEmail(ctx.db, {
      to: user.email,
      template: 'new_browser_sign_in',
      data: {
        firstName: user.first_name,
        when: formatParisDateTime(now),
        browser: describeBrowser(opts.meta.userAgent),
        ip: opts.meta.ip,
      },
      branding: await getBranding(ctx),
      now,
    });
    ctx.outboxWorker?.wake();
  }
  const fresh = (await findUserById(ctx.db, user.id)) ?? user;
  return {
    result: { status: 'signed_in', user: await toMe(ctx.db, fresh) },
    session: { token: session.token },
    ...(newDeviceToken ? { device: { token: newDeviceToken } } : {}),
  };
}

export function formatParisDateTime(d: Date): string {
  return new Intl.DateTimeFormat('fr-FR', {
    timeZone: 'Europe/Paris',
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(d);
}

async function loadAttempt(
  ctx: Ctx,
  attemptToken: string | undefined,
): Promise<{ attempt: Attempt; user: User }> {
  if (!attemptToken) throw attemptPending();
  const attempt = await findSignInAttempt(ctx.db, hashToken(attemptToken));
  if (!attempt || attempt.completed_at || attempt.expires_at <= ctx.clock.now().toISOString())
    throw attemptPending();
  const user = await findUserById(ctx.db, attempt.user_id);
  if (!user || user.status !== 'active') throw attemptPending();
  return { attempt, user };
}

/** « Envoyer le code »: a 6-digit code by SMS, bound to this sign-in attempt. */
export async function sendSignInCode(
  ctx: Ctx,
  input: { attemptToken: string | undefined; mobilePhone?: string; meta: RequestMeta },
): Promise<SendCodeResult> {
  const { attempt, user } = await loadAttempt(ctx, input.attemptToken);
  const now = ctx.clock.now();
  if (user.totp_enabled_at) {
    throw new AppError(
      'totp_enabled',
      400,
      'Saisissez le code de votre application d’authentification.',
    );
  }
  let phone = user.mobile_phone;
  if (phone && input.mobilePhone && input.mobilePhone !== phone) {
    throw new AppError(
      'phone_on_file',
      400,
      'Un numéro est déjà enregistré pour votre compte : il ne peut pas être changé ici. Après connexion, modifiez-le depuis « Mon profil ».',
    );
  }
  if (!phone) {
    if (!input.mobilePhone) {
      throw new AppError(
        'phone_required',
        400,
        'Indiquez votre numéro de téléphone mobile pour recevoir le code.',
        {
          mobilePhone: 'Indiquez votre numéro de téléphone mobile',
        },
      );
    }
    phone = input.mobilePhone;
  }
  await assertWithinLimit(
    ctx,
    `sms-ip:${input.meta.ip}`,
    ctx.config.sms.perIpPerHour,
    3600_000,
    'Trop de codes demandés. Réessayez plus tard.',
  );
  const existing = await findOneTimeCode(ctx.db, 'sign_in', attempt.id);
  assertCodeMaySend(existing, now, () =>
    tooManyAttempts(
      'Vous avez demandé trop de codes. Recommencez la connexion dans quelques minutes.',
      Math.ceil((Date.parse(attempt.expires_at) - now.getTime()) / 1000),
    ),
  );
  const expiresAt = await sendOneTimeCode(ctx, now, {
    code: { existing, userId: user.id, purpose: 'sign_in', boundTo: attempt.id, target: phone },
    template: 'sign_in_code',
    audit: {
      action: 'auth.code_sent',
      actorUserId: user.id,
      actorKind: user.kind,
      ip: input.meta.ip,
      userAgent: input.meta.userAgent,
      details: { channel: 'sms', newPhone: user.mobile_phone ? false : true },
    },
  });
  return {
    maskedPhone: maskPhone(phone),
    resendAvailableAt: new Date(now.getTime() + CODE_RESEND_COOLDOWN_MS).toISOString(),
    expiresAt,
  };
}

/** « Continuer »: checks the code; on success the session opens. */
export async function verifySignInCode(
  ctx: Ctx,
  input: {
    attemptToken: string | undefined;
    code: string;
    deviceToken?: string;
    meta: RequestMeta;
  },
): Promise<SignInOutcome> {
  const { attempt, user } = await loadAttempt(ctx, input.attemptToken);
  const now = ctx.clock.now();
  const reasons = JSON.parse(attempt.reasons ?? '[]') as SecondFactorReason[];
  let secondFactor: 'sms' | 'totp' | 'recovery';
  let newPhone: string | null = null;

  if (user.totp_enabled_at) {
    await assertWithinLimit(
      ctx,
      `totp-attempt:${attempt.id}`,
      5,
      ATTEMPT_TTL_MS,
      'Trop de codes incorrects. Recommencez la connexion.',
    );
    const method = await verifyTotpOrRecoveryCode(ctx, user, input.code);
    if (!method) {
      await auditCodeFailure(ctx, user, input.meta, 'totp');
      throw new AppError('code_invalid', 400, 'Ce code est incorrect.', {
        code: 'Ce code est incorrect',
      });
    }
    secondFactor = method;
  } else {
    const row = await checkOneTimeCode(
      ctx,
      await findOneTimeCode(ctx.db, 'sign_in', attempt.id),
      input.code,
      () => auditCodeFailure(ctx, user, input.meta, 'sms'),
    );
    if (!(await consumeOneTimeCode(ctx.db, row.id, now))) throw oneTimeCodeDead();
    secondFactor = 'sms';
    if (!user.mobile_phone && row.target) newPhone = row.target;
  }

  if (!(await completeSignInAttempt(ctx.db, attempt.id, now.toISOString()))) throw attemptPending();
  if (newPhone) await setVerifiedMobilePhone(ctx.db, user.id, newPhone, now);
  const device = await findTrustedDevice(ctx, user.id, input.deviceToken);
  return completeSignIn(ctx, newPhone ? { ...user, mobile_phone: newPhone } : user, {
    deviceId: device?.id ?? null,
    meta: input.meta,
    reasons,
    secondFactor,
  });
}

async function auditCodeFailure(
  ctx: Ctx,
  user: User,
  meta: RequestMeta,
  channel: string,
): Promise<void> {
  await recordAudit(ctx.db, ctx.clock.now(), {
    action: 'auth.code_failed',
    actorUserId: user.id,
    actorKind: user.kind,
    ip: meta.ip,
    userAgent: meta.userAgent,
    details: { channel },
  });
}

// ---------------------------------------------------------------------------------------------
// One-time codes sent by SMS (SPEC §9): 6 digits from a secure random source, stored hashed with
// what they are bound to (the sign-in attempt or the session, and the number), valid 5 minutes,
// dead after 3 wrong tries, resent after 60 seconds at the earliest, at most 5 sends per row.
// Shared by the sign-in and the change of number in « Mon profil ».

/** The user's mobile number, proved by a code sent to it. */
export async function setVerifiedMobilePhone(
  db: Kysely<Database>,
  userId: string,
  phone: string,
  now: Date,
): Promise<void> {
  await updateUser(db, userId, {
    mobile_phone: phone,
    mobile_phone_verified_at: now.toISOString(),
    updated_at: now.toISOString(),
  });
}

/**
 * Refuses a new code within 60 seconds of the previous one (`resend_too_soon`, with
 * Retry-After), or after CODE_MAX_SENDS sends (`tooMany`). A used code starts afresh.
 */
export function assertCodeMaySend(
  existing: OneTimeCode | undefined,
  now: Date,
  tooMany: () => AppError,
): void {
  if (!existing?.last_sent_at || existing.consumed_at) return;
  const availableAt = Date.parse(existing.last_sent_at) + CODE_RESEND_COOLDOWN_MS;
  if (now.getTime() < availableAt) {
    const seconds = Math.ceil((availableAt - now.getTime()) / 1000);
    const err = new AppError(
      'resend_too_soon',
      429,
      `Patientez ${seconds} secondes avant de demander un nouveau code.`,
    );
    err.retryAfterSeconds = seconds;
    throw err;
  }
  if (existing.sends >= CODE_MAX_SENDS) throw tooMany();
}

function codeDigest(
  ctx: Pick<AppContext, 'cipher'>,
  row: { purpose: OneTimeCodePurpose; bound_to: string | null; target: string | null },
  code: string,
): string {
  return ctx.cipher.hash(`otp:${row.purpose}:${row.bound_to ?? ''}:${row.target ?? ''}:${code}`);
}

/**
 * A new code in the row (created, or replaced with its tries reset), in the caller's
 * transaction. Returns the code to send and when it expires.
 */
export async function storeOneTimeCode(
  db: Kysely<Database>,
  ctx: Pick<AppContext, 'cipher'>,
  now: Date,
  input: {
    existing: OneTimeCode | undefined;
    userId: string;
    purpose: OneTimeCodePurpose;
    boundTo: string;
    target: string;
  },
): Promise<{ code: string; expiresAt: string }> {
  const code = newNumericCode();
  const codeHash = codeDigest(
    ctx,
    { purpose: input.purpose, bound_to: input.boundTo, target: input.target },
    code,
  );
  const expiresAt = new Date(now.getTime() + CODE_TTL_MS).toISOString();
  const { existing } = input;
  if (existing) {
    await updateOneTimeCode(db, existing.id, {
      code_hash: codeHash,
      target: input.target,
      attempts: 0,
      sends: existing.consumed_at ? 1 : existing.sends + 1,
      last_sent_at: now.toISOString(),
      expires_at: expiresAt,
      consumed_at: null,
    });
  } else {
    await insertOneTimeCode(db, {
      id: newId(),
      user_id: input.userId,
      purpose: input.purpose,
      code_hash: codeHash,
      bound_to: input.boundTo,
      target: input.target,
      attempts: 0,
      sends: 1,
      last_sent_at: now.toISOString(),
      expires_at: expiresAt,
      created_at: now.toISOString(),
    });
  }
  return { code, expiresAt };
}

/**
 * Stores a new code (`storeOneTimeCode`) and queues its SMS to the code's number, audited, in
 * one transaction; returns when the code expires.
 */
export async function sendOneTimeCode(
  ctx: Ctx,
  now: Date,
  input: {
    code: Parameters<typeof storeOneTimeCode>[3];
    template: 'sign_in_code' | 'phone_change_code';
    audit: AuditEntry;
  },
): Promise<string> {
  const { brandName } = await getBranding(ctx);
  const expiresAt = await ctx.db.transaction().execute(async (trx) => {
    const stored = await storeOneTimeCode(trx, ctx, now, input.code);
    await enqueueSms(trx, {
      to: input.code.target,
      template: input.template,
      data: { code: stored.code, brandName },
      now,
    });
    await recordAudit(trx, now, input.audit);
    return stored.expiresAt;
  });
  ctx.outboxWorker?.wake();
  return expiresAt;
}

/** The answer for a code that can no longer be used: expired, used, dead, or never sent. */
export const oneTimeCodeDead = () =>
  new AppError('code_expired', 400, 'Ce code n’est plus valable. Demandez un nouveau code.', {
    code: 'Ce code n’est plus valable : demandez un nouveau code',
  });

/**
 * Checks a typed code against its row. A wrong code counts a try (`onWrong` is called, e.g. to
 * audit it) and answers `code_invalid` with the tries left; the third kills the code. Does not
 * consume it: the caller does, with `consumeOneTimeCode`, in the transaction of the change.
 */
export async function checkOneTimeCode(
  ctx: Pick<AppContext, 'db' | 'clock' | 'cipher'>,
  row: OneTimeCode | undefined,
  candidate: string,
  onWrong: () => Promise<void>,
): Promise<OneTimeCode> {
  const now = ctx.clock.now();
  if (
    !row ||
    row.consumed_at ||
    row.expires_at <= now.toISOString() ||
    row.attempts >= CODE_MAX_TRIES
  )
    throw oneTimeCodeDead();
  const code = candidate.trim();
  if (/^\d{6}$/.test(code) && sameDigest(codeDigest(ctx, row, code), row.code_hash)) return row;
  const tries = row.attempts + 1;
  await updateOneTimeCode(ctx.db, row.id, { attempts: tries });
  await onWrong();
  if (tries >= CODE_MAX_TRIES) throw oneTimeCodeDead();
  const left = CODE_MAX_TRIES - tries;
  throw new AppError(
    'code_invalid',
    400,
    `Ce code est incorrect. Il vous reste ${left} essai${left > 1 ? 's' : ''}.`,
    { code: 'Ce code est incorrect' },
  );
}
