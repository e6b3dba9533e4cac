/**
 * SIREN (company, 9 digits) and SIRET (establishment, 14 digits) numbers, SPEC §10.
 *
 * Both carry a Luhn checksum. Exception: the establishments of La Poste (SIREN 356000000) are too
 * many for the Luhn scheme; their SIRETs are valid when the sum of their digits is a multiple of 5
 * (the head office, 356 000 000 00048, passes Luhn and is accepted as such).
 *
 * `isValid*` take the canonical form (digits only); `parse*` take raw user or file input.
 */
import type { ParseResult } from './result';
import { normalizeDigits } from './normalize';

export const LA_POSTE_SIREN = '356000000';

/** True when `digits` (digits only, at least one) passes the Luhn checksum. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  return luhnSum(digits, false) % 10 === 0;
}

/**
 * The digit to append to `partial` so that `partial + digit` passes Luhn.
 * @throws {Error} when `partial` contains anything but digits
 */
export function luhnCheckDigit(partial: string): string {
  if (!/^\d*$/.test(partial)) throw new Error('luhnCheckDigit expects digits only');
  // Once the check digit is appended, the last digit of `partial` sits in a doubled position.
  return String((10 - (luhnSum(partial, true) % 10)) % 10);
}

function luhnSum(digits: string, doubleRightmost: boolean): number {
  let sum = 0;
  let double = doubleRightmost;
  for (let i = digits.length - 1; i >= 0; i -= 1) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum;
}

function digitSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) sum += digits.charCodeAt(i) - 48;
  return sum;
}

/**
 * A SIREN made of zeros only passes Luhn (its sum is 0) but names no company: the number is
 * refused, and so is every SIRET built on it.
 */
const ZERO_SIREN = '000000000';

/** 9 digits with a valid Luhn checksum, not all zeros (canonical form, no spaces). */
export function isValidSiren(v: string): boolean {
  return /^\d{9}$/.test(v) && v !== ZERO_SIREN && luhnValid(v);
}

/**
 * 14 digits with a valid Luhn checksum, or a La Poste SIRET whose digit sum is a multiple of 5;
 * never on the all-zero SIREN.
 */
export function isValidSiret(v: string): boolean {
  if (!/^\d{14}$/.test(v) || v.startsWith(ZERO_SIREN)) return false;
  if (luhnValid(v)) return true;
  return v.startsWith(LA_POSTE_SIREN) && digitSum(v) % 5 === 0;
}

/** The SIREN of a SIRET: its first 9 digits. */
export function sirenOfSiret(siret: string): string {
  return normalizeDigits(siret).slice(0, 9);
}

/** "3,56E+13", "3.56e13", "3,56000000000048E+13": what a spreadsheet makes of a long number. */
const SCIENTIFIC_NOTATION = /^\d+(?:[.,]\d*)?E[+-]?\d+$/i;

function isScientificNotation(input: string): boolean {
  return SCIENTIFIC_NOTATION.test(input.replace(/\s/g, ''));
}

/** Parses a SIRET typed by a user or read from a file; the value is the 14 digits. */
export function parseSiret(input: string): ParseResult {
  if (input.trim() === '') return { ok: false, error: 'Saisissez le numéro de SIRET' };
  if (isScientificNotation(input)) {
    return {
      ok: false,
      error:
        'Ce SIRET a été converti en notation scientifique par le tableur : saisissez-le comme du texte',
    };
  }
  const value = normalizeDigits(input);
  if (!/^\d+$/.test(value)) {
    return { ok: false, error: 'Le SIRET ne doit contenir que des chiffres' };
  }
  if (value.length !== 14) return { ok: false, error: 'Le SIRET doit comporter 14 chiffres' };
  if (!isValidSiret(value)) return { ok: false, error: 'Ce numéro de SIRET n’est pas valide' };
  return { ok: true, value };
}

/** Parses a SIREN typed by a user or read from a file; the value is the 9 digits. */
export function parseSiren(input: string): ParseResult {
  if (input.trim() === '') return { ok: false, error: 'Saisissez le numéro de SIREN' };
  if (isScientificNotation(input)) {
    return {
      ok: false,
      error:
        'Ce SIREN a été converti en notation scientifique par le tableur : saisissez-le comme du texte',
    };
  }
  const value = normalizeDigits(input);
  if (!/^\d+$/.test(value)) {
    return { ok: false, error: 'Le SIREN ne doit contenir que des chiffres' };
  }
  if (value.length !== 9) return { ok: false, error: 'Le SIREN doit comporter 9 chiffres' };
  if (!isValidSiren(value)) return { ok: false, error: 'Ce numéro de SIREN n’est pas valide' };
  return { ok: true, value };
}

/** « 732 829 320 »: a SIREN by threes, as printed on letters; anything else as it is. */
export function formatSiren(siren: string): string {
  return /^\d{9}$/.test(siren) ? siren.replace(/^(\d{3})(\d{3})(\d{3})$/, '$1 $2 $3') : siren;
}

/** « 356 000 000 00048 »: a SIRET as printed on letters (SIREN by threes, then the NIC). */
export function formatSiret(siret: string): string {
  return /^\d{14}$/.test(siret)
    ? siret.replace(/^(\d{3})(\d{3})(\d{3})(\d{5})$/, '$1 $2 $3 $4')
    : siret;
}
