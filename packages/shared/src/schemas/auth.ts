import { z } from 'zod';
import {
  newPasswordError,
  PASSWORD_REQUIRED,
  SIGN_IN_PASSWORD_MAX_LENGTH,
} from '../domain/password-policy';
import { EmailSchema } from '../validators/zod';

// Defined with the policy (no zod there): the sign-in page shows it before zod is loaded.
export { SIGN_IN_PASSWORD_MAX_LENGTH };

/**
 * Sign-in (« Connexion à votre Espace Entreprise »): email + password. Shared by the web form and
 * the `POST /api/auth/sign-in` route; the messages are shown to the user as they are.
 *
 * The email is trimmed and lower-cased. Only the presence and the size of the password are
 * checked: the password policy applies when a password is chosen, not when it is typed to sign
 * in, and a wrong password gets the same answer as an unknown email (SPEC §4.2).
 */
export const SignInSchema = z.object({
  email: EmailSchema,
  password: z
    .string({ error: 'Saisissez votre mot de passe' })
    .min(1, { error: 'Saisissez votre mot de passe' })
    .max(SIGN_IN_PASSWORD_MAX_LENGTH, {
      error: `Le mot de passe ne peut pas dépasser ${SIGN_IN_PASSWORD_MAX_LENGTH} caractères`,
    }),
});

export type SignIn = z.infer<typeof SignInSchema>;

// ---------------------------------------------------------------------------------------------
// The sign-in and account-security API (SPEC §4.1, §4.2, §9). Routes under /api/auth.
// Stable error codes (error.code of the API's error body) are listed in AUTH_ERROR_CODES.
// ---------------------------------------------------------------------------------------------

/** Which door the user signs in through: the employers' space or the insurer's back office. */
export const AUTH_SPACES = ['employer', 'backoffice'] as const;
export type AuthSpace = (typeof AUTH_SPACES)[number];

/** POST /api/auth/sign-in */
export const SignInRequestSchema = SignInSchema.extend({
  space: z.enum(AUTH_SPACES).default('employer'),
  /**
   * « Je ne suis pas un robot » (the ALTCHA payload): sent once the server has answered
   * `captcha_required` (too many failures for this account), with the password.
   */
  captcha: z.string().max(10_000).nullish(),
});
export type SignInRequest = z.input<typeof SignInRequestSchema>;

export const SECOND_FACTOR_REASONS = ['new_device', 'new_ip', 'stale'] as const;

export const CompanyAccessSchema = z.object({
  id: z.string(),
  name: z.string(),
  siren: z.string(),
  role: z.enum(['admin', 'user']),
});

/** GET /api/auth/me, and the user part of a successful sign-in. */
export const MeSchema = z.object({
  id: z.string(),
  kind: z.enum(['employer', 'staff']),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  /** e.g. "+33 6 •• •• •• 78", or null when no number is on file. */
  maskedPhone: z.string().nullable(),
  staffRole: z.enum(['manager', 'admin']).nullable(),
  isThirdParty: z.boolean(),
  thirdPartyFirm: z.string().nullable(),
  secondFactor: z.enum(['sms', 'totp']),
  companies: z.array(CompanyAccessSchema),
  lastSignInAt: z.string().nullable(),
});
export type Me = z.infer<typeof MeSchema>;

export const SignInResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('signed_in'), user: MeSchema }),
  z.object({
    status: z.literal('second_factor_required'),
    /** 'sms': the security screen (« Envoyer le code » then « Continuer »); 'totp': an app code. */
    method: z.enum(['sms', 'totp']),
    /** The number on file, masked; null when the account has none (« indiquer » a number). */
    maskedPhone: z.string().nullable(),
    reasons: z.array(z.enum(SECOND_FACTOR_REASONS)),
  }),
]);
export type SignInResult = z.infer<typeof SignInResultSchema>;

export const OneTimeCodeSchema = z
  .string({ error: 'Saisissez le code reçu' })
  .trim()
  .regex(/^\d{6}$/, { error: 'Le code comporte 6 chiffres' });

/** POST /api/auth/second-factor/verify — a 6-digit SMS or app code, or a TOTP recovery code. */
export const VerifyCodeRequestSchema = z.object({
  code: z
    .string({ error: 'Saisissez le code reçu' })
    .trim()
    .min(6, { error: 'Le code comporte 6 chiffres' })
    .max(20, { error: 'Ce code est trop long' }),
});

/**
 * A new password, checked against the policy (the server checks again, with the user's names).
 * The strength estimate applies once `domain/password` (zxcvbn-ts and its dictionaries) is loaded:
 * on the server before the first request that chooses a password is validated
 * (plugins/password-policy.ts), and in the browser by the password forms' meter after the form is
 * shown; before, the length rule only. So no page that imports a schema carries the dictionaries.
 */
export const NewPasswordSchema = z
  .string({ error: PASSWORD_REQUIRED })
  .superRefine((value, ctx) => {
    const error = newPasswordError(value);
    if (error) ctx.addIssue({ code: 'custom', message: error });
  });

/** GET /api/auth/terms/current */
export const TermsSchema = z.object({
  id: z.string(),
  version: z.string(),
  title: z.string(),
  contentMarkdown: z.string(),
  publishedAt: z.string(),
});
export type Terms = z.infer<typeof TermsSchema>;

/** GET /api/captcha/challenge answers an ALTCHA challenge; forms send the widget's payload. */
export const CaptchaPayloadSchema = z
  .string({ error: 'Cochez « Je ne suis pas un robot »' })
  .min(1, { error: 'Cochez « Je ne suis pas un robot »' })
  .max(10_000);

/** POST /api/auth/email/confirm, /api/auth/password/reset/check — the token from the link. */
export const LinkTokenRequestSchema = z.object({ token: z.string().min(10).max(200) });
export const LinkCheckResultSchema = z.object({ email: z.string() });

/** POST /api/auth/email/resend-confirmation — same answer whether the address exists or not. */
export const EmailOnlyRequestSchema = z.object({ email: EmailSchema });

/** POST /api/auth/password/forgot — same answer whether the address exists or not. */
export const ForgotPasswordRequestSchema = z.object({
  email: EmailSchema,
  captcha: CaptchaPayloadSchema,
  space: z.enum(AUTH_SPACES).default('employer'),
});

/** POST /api/auth/password/reset */
export const ResetPasswordRequestSchema = z.object({
  token: z.string().min(10).max(200),
  password: NewPasswordSchema,
});

/** GET /api/auth/sessions, DELETE /api/auth/sessions/:sessionId */
export const SessionInfoSchema = z.object({
  id: z.string(),
  current: z.boolean(),
  /** e.g. « Chrome sur Windows ». */
  browser: z.string(),
  ip: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
});
export const SessionListSchema = z.object({ sessions: z.array(SessionInfoSchema) });
export type SessionInfo = z.infer<typeof SessionInfoSchema>;

/** POST /api/auth/totp/setup (re-authentication by password) */
export const PasswordConfirmRequestSchema = z.object({
  password: z
    .string({ error: 'Saisissez votre mot de passe' })
    .min(1, { error: 'Saisissez votre mot de passe' })
    .max(128),
});
export const TotpSetupResultSchema = z.object({
  /** Base32 secret, for manual entry. */
  secret: z.string(),
  otpauthUrl: z.string(),
  /** A data: URL of the QR code (PNG). */
  qrCodeDataUrl: z.string(),
});
/** POST /api/auth/totp/enable */
export const TotpEnableRequestSchema = z.object({ code: OneTimeCodeSchema });
export const TotpEnableResultSchema = z.object({ recoveryCodes: z.array(z.string()) });
/** POST /api/auth/totp/disable — back to SMS codes. Body: PasswordConfirmRequestSchema. */

export const AUTH_ERROR_CODES = [
  'invalid_credentials', // « Adresse e-mail ou mot de passe incorrect. » (never says which)
  'too_many_attempts', // throttled; the message says when to retry
  'email_not_confirmed',
  'second_factor_pending', // no sign-in attempt waiting for a code
  'phone_required', // the account has no number: send one with the request
  'phone_on_file', // a number on file cannot be replaced from the security screen
  'resend_too_soon',
  'code_invalid',
  'code_expired', // expired, used, or dead after 3 wrong tries: ask for a new one
  'captcha_required', // too many failures for this account: send a solved captcha with the password
  'captcha_invalid',
  'activation_mismatch', // the SIRET and identifier do not match (never says which)
  'activation_admin_exists', // the company already has an active administrator
  'activation_ticket_invalid',
  'email_taken',
  'password_weak',
  'terms_outdated',
  'link_invalid',
  'link_expired',
  'link_used',
  'unauthenticated',
  'forbidden',
] as const;
export type AuthErrorCode = (typeof AUTH_ERROR_CODES)[number];
