import type { z } from 'zod';
import { MobilePhoneSchema } from '../validators/zod-phone';
import { sendPhoneCodeRequestSchema } from './profile';
import { SendCodeResultSchema } from './second-factor';

// « Mon profil »'s new mobile number (schemas/profile.ts), apart: libphonenumber's metadata
// (validators/zod-phone.ts) stays off the profile page's first load.

/** POST /api/profile/phone/send-code — « Envoyer le code ». */
export const SendPhoneCodeRequestSchema = sendPhoneCodeRequestSchema(MobilePhoneSchema);
export type SendPhoneCodeRequest = z.input<typeof SendPhoneCodeRequestSchema>;
export const SendPhoneCodeResultSchema = SendCodeResultSchema;
export type SendPhoneCodeResult = z.infer<typeof SendPhoneCodeResultSchema>;
