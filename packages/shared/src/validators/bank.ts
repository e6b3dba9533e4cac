/**
 * Bank details for reimbursements: IBAN (ISO 13616) and BIC (ISO 9362), via `ibantools`.
 * The canonical values are upper-case without spaces.
 */
import {
  ValidationErrorsBIC,
  ValidationErrorsIBAN,
  electronicFormatIBAN,
  friendlyFormatIBAN,
  getCountrySpecifications,
  validateBIC,
  validateIBAN,
} from 'ibantools';
import type { ParseResult } from './result';
import { normalizeDigits } from './normalize';

function compactIban(input: string): string {
  // A pasted "IBAN : FR76 …" keeps its label: drop it.
  return normalizeDigits(input)
    .toUpperCase()
    .replace(/^IBAN:?/, '');
}

/** Parses an IBAN typed by a user; the value is upper-case without spaces. */
export function parseIban(input: string): ParseResult {
  const iban = compactIban(input);
  if (iban === '') return { ok: false, error: 'Saisissez l’IBAN' };
  if (!/^[A-Z0-9]+$/.test(iban)) {
    return { ok: false, error: 'L’IBAN ne doit contenir que des lettres et des chiffres' };
  }
  const { valid, errorCodes } = validateIBAN(iban);
  if (valid) return { ok: true, value: iban };
  if (errorCodes.includes(ValidationErrorsIBAN.NoIBANCountry)) {
    return { ok: false, error: 'Le code pays de l’IBAN n’est pas reconnu' };
  }
  if (errorCodes.includes(ValidationErrorsIBAN.WrongBBANLength)) {
    const chars = getCountrySpecifications()[iban.slice(0, 2)]?.chars;
    return {
      ok: false,
      error: chars
        ? `L’IBAN doit comporter ${chars} caractères pour ce pays`
        : 'L’IBAN n’a pas la longueur attendue',
    };
  }
  return { ok: false, error: 'Cet IBAN n’est pas valide : vérifiez-le sur votre RIB' };
}

/** Parses a BIC (8 or 11 characters); the value is upper-case without spaces. */
export function parseBic(input: string): ParseResult {
  const bic = normalizeDigits(input).toUpperCase();
  if (bic === '') return { ok: false, error: 'Saisissez le BIC' };
  if (bic.length !== 8 && bic.length !== 11) {
    return { ok: false, error: 'Le BIC doit comporter 8 ou 11 caractères' };
  }
  const { valid, errorCodes } = validateBIC(bic);
  if (valid) return { ok: true, value: bic };
  if (
    errorCodes.includes(ValidationErrorsBIC.NoBICCountry) &&
    /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/.test(bic)
  ) {
    return { ok: false, error: 'Le code pays du BIC n’est pas reconnu' };
  }
  return { ok: false, error: 'Ce BIC n’est pas valide' };
}

/** "FR7630006000011234567890189" → "FR76 3000 6000 0112 3456 7890 189". */
export function formatIban(iban: string): string {
  const electronic = electronicFormatIBAN(normalizeDigits(iban)) ?? '';
  return friendlyFormatIBAN(electronic) ?? electronic;
}
