import { z } from 'zod';
import { MobilePhoneSchema } from '../validators/zod-phone';

// Apart from schemas/auth.ts, with the phone schema: the sign-in page loads the second factor's
// form (and libphonenumber) only once the password is accepted.

/** POST /api/auth/second-factor/send — `mobilePhone` only when no number is on file. */
export const SendCodeRequestSchema = z.object({
  mobilePhone: MobilePhoneSchema.optional(),
});
export const SendCodeResultSchema = z.object({
  maskedPhone: z.string(),
  /** ISO instant from which « Renvoyer le code » is allowed. */
  resendAvailableAt: z.string(),
  /** ISO instant when the code expires (5 minutes). */
  expiresAt: z.string(),
});
export type SendCodeResult = z.infer<typeof SendCodeResultSchema>;
