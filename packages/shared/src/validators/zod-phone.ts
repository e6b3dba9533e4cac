/**
 * The mobile phone schema, apart from validators/zod.ts: libphonenumber's metadata weighs about
 * 45 KB compressed, and only the forms that ask for a number should load it (not the sign-in).
 */
import { parseMobilePhone } from './phone';
import { parsedString } from './zod';

export const MobilePhoneSchema = parsedString(parseMobilePhone);
