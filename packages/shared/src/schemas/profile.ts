import { z } from 'zod';
import { EmailSchema } from '../validators/zod';
import type { MobilePhoneSchema } from '../validators/zod-phone';
import {
  AUTH_SPACES,
  LinkTokenRequestSchema,
  NewPasswordSchema,
  OneTimeCodeSchema,
  SIGN_IN_PASSWORD_MAX_LENGTH,
} from './auth';

// ---------------------------------------------------------------------------------------------
// « Mon profil » (SPEC §4.4, re-authentication of §9). Routes under /api/profile, for any
// signed-in user (employer or insurer staff). Every change of email, mobile or password asks
// for the current password first, and the user is told by email.
//
// - PATCH /api/profile                      (UpdateProfileRequest) → Me
// - POST  /api/profile/email                (ChangeEmailRequest) → ChangeEmailResult
// - POST  /api/profile/email/confirm        (ConfirmEmailChangeRequest) → ConfirmEmailChangeResult
//                                           public: the link of the email, opened at
//                                           /confirmer-nouvel-email/$token
// - POST  /api/profile/phone/send-code      (SendPhoneCodeRequest) → SendPhoneCodeResult
//                                           (schemas/profile-phone.ts)
// - POST  /api/profile/phone/verify         (VerifyPhoneCodeRequest) → Me
// - POST  /api/profile/password             (ChangePasswordRequest) → ChangePasswordResult
//
// Stable error codes (error.code of the API's error body) are listed in PROFILE_ERROR_CODES.
// ---------------------------------------------------------------------------------------------

/** The current password, typed again before a sensitive change (only its presence is checked). */
export const CurrentPasswordSchema = z
  .string({ error: 'Saisissez votre mot de passe actuel' })
  .min(1, { error: 'Saisissez votre mot de passe actuel' })
  .max(SIGN_IN_PASSWORD_MAX_LENGTH, {
    error: `Le mot de passe ne peut pas dépasser ${SIGN_IN_PASSWORD_MAX_LENGTH} caractères`,
  });

// PATCH /api/profile — « Nom », « Prénom »: schemas/profile-names.ts, which the profile page's
// names form imports without the rest of this module.
export { UpdateProfileRequestSchema } from './profile-names';
export type { UpdateProfileRequest } from './profile-names';

/**
 * POST /api/profile/email — « Modifier mon adresse e-mail ». A link valid 24 hours goes to the
 * new address, a notice to the current one. The answer is the same whether or not the new
 * address already has an account (that address is told by email instead).
 */
export const ChangeEmailRequestSchema = z.object({
  newEmail: EmailSchema,
  password: CurrentPasswordSchema,
});
export type ChangeEmailRequest = z.input<typeof ChangeEmailRequestSchema>;
export const ChangeEmailResultSchema = z.object({
  /** The address the confirmation link was sent to. */
  sentTo: z.string(),
  /** ISO instant when the link stops working. */
  expiresAt: z.string(),
});
export type ChangeEmailResult = z.infer<typeof ChangeEmailResultSchema>;

/** POST /api/profile/email/confirm — the token of the link. */
export const ConfirmEmailChangeRequestSchema = LinkTokenRequestSchema;
export const ConfirmEmailChangeResultSchema = z.object({
  /** The account's address from now on. */
  email: z.string(),
  /** Where the account signs in (the page links to the right « Mon profil »). */
  space: z.enum(AUTH_SPACES),
});
export type ConfirmEmailChangeResult = z.infer<typeof ConfirmEmailChangeResultSchema>;

/**
 * POST /api/profile/phone/send-code — « Envoyer le code »: a 6-digit code by SMS to the new
 * number, valid 5 minutes, 3 tries; « Renvoyer le code » (the same request) after 60 seconds.
 * Given the mobile number's schema: the API's (schemas/profile-phone.ts, with libphonenumber)
 * or the profile page's, whose check loads when the form is filled
 * (apps/web/src/lib/mobile-phone.ts) — the same rule.
 */
export function sendPhoneCodeRequestSchema(mobilePhone: typeof MobilePhoneSchema) {
  return z.object({ newMobilePhone: mobilePhone, password: CurrentPasswordSchema });
}

/** POST /api/profile/phone/verify — « Valider »: the code received on the new number. */
export const VerifyPhoneCodeRequestSchema = z.object({ code: OneTimeCodeSchema });
export type VerifyPhoneCodeRequest = z.input<typeof VerifyPhoneCodeRequestSchema>;

/** The new password must differ from the current one (the server answers `password_unchanged`). */
export const SAME_PASSWORD = 'Choisissez un mot de passe différent de l’actuel';

/**
 * POST /api/profile/password — « Modifier mon mot de passe ». The other sessions of the account
 * end; this one stays open.
 */
export const ChangePasswordRequestSchema = z.object({
  currentPassword: CurrentPasswordSchema,
  newPassword: NewPasswordSchema,
});
export type ChangePasswordRequest = z.input<typeof ChangePasswordRequestSchema>;
export const ChangePasswordResultSchema = z.object({
  /** How many other sessions (other browsers) were ended. */
  endedSessions: z.number().int(),
});
export type ChangePasswordResult = z.infer<typeof ChangePasswordResultSchema>;

export const PROFILE_ERROR_CODES = [
  'validation_error', // the request does not match its schema; `fields` has a message per field
  'password_incorrect', // the current password is wrong (field `password` or `currentPassword`)
  'too_many_attempts', // too many wrong passwords, codes or requests; the message says when
  'email_unchanged', // the new address is the current one (field `newEmail`)
  'email_taken', // at confirmation: the address got an account in the meantime (409)
  'link_invalid', // the confirmation link is unknown (404)
  'link_expired', // older than 24 hours (410)
  'link_used', // already used, or replaced by a newer request (410)
  'phone_unchanged', // the new number is the current one (field `newMobilePhone`)
  'resend_too_soon', // a new code within 60 seconds of the last one (429)
  'code_invalid', // wrong code; the message says how many tries are left (field `code`)
  'code_expired', // expired, used, dead after 3 wrong tries, or never sent: ask for a new one
  'password_weak', // the new password fails the policy (field `newPassword`)
  'password_unchanged', // the new password is the current one (field `newPassword`)
  'unauthenticated',
  'csrf_header_missing',
] as const;
export type ProfileErrorCode = (typeof PROFILE_ERROR_CODES)[number];
