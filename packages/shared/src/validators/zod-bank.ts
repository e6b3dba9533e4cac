/** The IBAN and BIC schemas, apart from validators/zod.ts (ibantools: the enrolment form only). */
import { parseBic, parseIban } from './bank';
import { parsedString } from './zod';

export const IbanSchema = parsedString(parseIban);
export const BicSchema = parsedString(parseBic);
