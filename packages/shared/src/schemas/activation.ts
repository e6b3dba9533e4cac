import { z } from 'zod';
import { MobilePhoneSchema } from '../validators/zod-phone';
import { activationAccountSchemas } from './activation-steps';

// « Activer mon espace » (SPEC §3.1), apart from schemas/auth.ts: the phone schema comes with it.
// The steps are written in schemas/activation-steps.ts, which the activation page imports.

export { ActivationIdentifyRequestSchema } from './activation-steps';
export const ActivationIdentifyResultSchema = z.object({
  /** Proves step 1 for 30 minutes; sent back at the last step. */
  ticket: z.string(),
  establishmentName: z.string(),
  companyName: z.string(),
});

export const { ActivationAccountSchema, ActivationCompleteRequestSchema } =
  activationAccountSchemas(MobilePhoneSchema);
export const ActivationCompleteResultSchema = z.object({
  /** The address the confirmation link was sent to. */
  email: z.string(),
});
