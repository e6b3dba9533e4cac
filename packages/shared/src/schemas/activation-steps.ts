import { z } from 'zod';
import type { MobilePhoneSchema } from '../validators/zod-phone';
import { EmailSchema, SiretSchema } from '../validators/zod';
import { CaptchaPayloadSchema, NewPasswordSchema } from './auth';

// « Activer mon espace » (SPEC §3.1)'s steps, without the mobile number's check: the API's
// schemas (schemas/activation.ts) give them libphonenumber's (validators/zod-phone.ts), the
// activation page its own, loaded when the number is typed (apps/web/src/lib/mobile-phone.ts) —
// the same rule.

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

/** Steps 2 and 3, given the mobile number's schema. */
export function activationAccountSchemas(mobilePhone: typeof MobilePhoneSchema) {
  /** Step 2 — « Création de compte RH » (checked by the form, sent at step 3). */
  const ActivationAccountSchema = z.object({
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
    mobilePhone,
  });

  /** Step 3 — POST /api/auth/activation/complete (« Mot de passe » and the terms). */
  const ActivationCompleteRequestSchema = ActivationAccountSchema.extend({
    ticket: z.string().min(1),
    password: NewPasswordSchema,
    termsVersionId: z.string().min(1),
    acceptTerms: z.literal(true, {
      error: 'Vous devez accepter les conditions générales d’utilisation',
    }),
  });

  return { ActivationAccountSchema, ActivationCompleteRequestSchema };
}
