import { z } from 'zod';
import { EmailSchema, SiretSchema } from '../validators/zod';
import { MobilePhoneSchema } from '../validators/zod-phone';
import { CaptchaPayloadSchema, NewPasswordSchema } from './auth';

// « Activer mon espace » (SPEC §3.1), apart from schemas/auth.ts: the phone schema comes with it.

/** Step 1 — POST /api/auth/activation/identify (« Identification »). */
export const ActivationIdentifyRequestSchema = z.object({
  siret: SiretSchema,
  companyIdentifier: z
    .string({ error: 'Ce champ est obligatoire' })
    .trim()
    .min(1, { error: 'Ce champ est obligatoire' })
    .max(40)
    .transform((v) => v.toUpperCase().replace(/\s+/g, '')),
  captcha: CaptchaPayloadSchema,
});
export const ActivationIdentifyResultSchema = z.object({
  /** Proves step 1 for 30 minutes; sent back at the last step. */
  ticket: z.string(),
  establishmentName: z.string(),
  companyName: z.string(),
});

/** Step 2 — « Création de compte RH » (checked by the form, sent at step 3). */
export const ActivationAccountSchema = z.object({
  lastName: z
    .string({ error: 'Ce champ est obligatoire' })
    .trim()
    .min(1, { error: 'Ce champ est obligatoire' })
    .max(80),
  firstName: z
    .string({ error: 'Ce champ est obligatoire' })
    .trim()
    .min(1, { error: 'Ce champ est obligatoire' })
    .max(80),
  email: EmailSchema,
  mobilePhone: MobilePhoneSchema,
});

/** Step 3 — POST /api/auth/activation/complete (« Mot de passe » and the terms). */
export const ActivationCompleteRequestSchema = ActivationAccountSchema.extend({
  ticket: z.string().min(1),
  password: NewPasswordSchema,
  termsVersionId: z.string().min(1),
  acceptTerms: z.literal(true, {
    error: 'Vous devez accepter les conditions générales d’utilisation',
  }),
});
export const ActivationCompleteResultSchema = z.object({
  /** The address the confirmation link was sent to. */
  email: z.string(),
});
