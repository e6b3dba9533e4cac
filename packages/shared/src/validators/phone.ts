/**
 * Mobile phone numbers for the SMS second factor (SPEC §10): French mobiles (06, 07, +33 6/7,
 * 0033 6/7) and international numbers, stored in E.164 ("+33612345678").
 *
 * French numbers are checked by their prefix rather than by libphonenumber's allocated ranges,
 * so that every 06/07 number is accepted (the ranges lag behind new allocations); other
 * countries use libphonenumber's full metadata, which knows whether a number is a mobile.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { NumberType } from 'libphonenumber-js/max';
import type { ParseResult } from './result';

const MOBILE_REQUIRED = 'Saisissez un numéro de téléphone mobile';
const INVALID = 'Ce numéro de téléphone n’est pas valide';

/** Types a foreign number may have; `undefined` when the metadata cannot tell. */
const ACCEPTED_FOREIGN_TYPES = new Set<NumberType>([
  'MOBILE',
  'FIXED_LINE_OR_MOBILE',
  'PERSONAL_NUMBER',
  undefined,
]);

/** Parses a mobile phone number; the value is in E.164 format. */
export function parseMobilePhone(input: string): ParseResult {
  const trimmed = input.trim();
  if (trimmed === '') return { ok: false, error: MOBILE_REQUIRED };
  // libphonenumber extracts a number from surrounding text: refuse letters ourselves.
  if (!/^\+?[\d\s().\-/\u00A0\u202F]+$/.test(trimmed)) return { ok: false, error: INVALID };
  const phone = parsePhoneNumberFromString(trimmed, 'FR');
  if (!phone) return { ok: false, error: INVALID };
  if (phone.countryCallingCode === '33') {
    if (/^[67]\d{8}$/.test(phone.nationalNumber)) return { ok: true, value: phone.number };
    if (/^\d{9}$/.test(phone.nationalNumber)) return { ok: false, error: MOBILE_REQUIRED };
    return { ok: false, error: INVALID };
  }
  if (!phone.isValid()) return { ok: false, error: INVALID };
  if (!ACCEPTED_FOREIGN_TYPES.has(phone.getType())) return { ok: false, error: MOBILE_REQUIRED };
  return { ok: true, value: phone.number };
}

/**
 * Masks a number for display on the security screen, keeping the country code, the first digit
 * and the last two: "+33612345678" → "+33 6 •• •• •• 78".
 */
export function maskPhone(e164: string): string {
  const phone = parsePhoneNumberFromString(e164.trim());
  if (!phone) {
    const digits = e164.replace(/\D/g, '');
    return digits.length <= 4 ? '••••' : `${digits.slice(0, 2)}••••${digits.slice(-2)}`;
  }
  const prefix = `+${phone.countryCallingCode}`;
  const formatted = phone.formatInternational();
  const national = formatted.startsWith(prefix) ? formatted.slice(prefix.length) : formatted;
  const digitCount = national.replace(/\D/g, '').length;
  let seen = 0;
  const masked = national.replace(/\d/g, (d) => {
    seen += 1;
    return seen === 1 || seen > digitCount - 2 ? d : '•';
  });
  return `${prefix}${masked}`;
}
