/**
 * French social security number (NIR, « numéro de sécurité sociale »), SPEC §10.
 *
 *   S YY MM DD CCC OOO KK
 *   S   sex: 1 or 2; 3, 4, 7 or 8 for temporary numbers (NIA / NNP)
 *   YY  year of birth
 *   MM  month of birth: 01–12, or 20–42 / 50–99 when unknown
 *   DD  department of birth: 2 digits, or 2A / 2B (Corsica)
 *   CCC commune (or country for births abroad), OOO order number
 *   KK  key = 97 − (number mod 97), where 2A is read as 19 and 2B as 18
 *
 * The canonical value kept by the application is the 13 characters, upper-case, without key.
 */
import { normalizeDigits } from './normalize';

export type NirParseResult =
  | {
      ok: true;
      /** The 13 characters, upper-case, without spaces. */
      value: string;
      /** The 2-digit key, present when the input included it (it has been checked). */
      key?: string;
      /** A temporary number (first character 3, 4, 7 or 8). */
      temporary: boolean;
    }
  | { ok: false; error: string };

export interface ParseNirOptions {
  /** Accept temporary numbers (first character 3, 4, 7 or 8). Default: true. */
  allowTemporary?: boolean;
}

const NIR13_SHAPE = /^\d{5}(?:\d{2}|2A|2B)\d{6}$/;
const TEMPORARY_SEX_CODES = new Set(['3', '4', '7', '8']);
const SEX_CODES = new Set(['1', '2', '3', '4', '7', '8']);

/** Numeric value of a 13-character NIR for the key: 2A is read as 19, 2B as 18. */
function nirNumber(nir13: string): number {
  const dept = nir13.slice(5, 7);
  const substituted = dept === '2A' ? '19' : dept === '2B' ? '18' : dept;
  return Number(nir13.slice(0, 5) + substituted + nir13.slice(7));
}

/**
 * The 2-digit key ("01"…"97") of a 13-character NIR.
 * @throws {Error} when `nir13` is not 13 digits (with 2A/2B allowed in the department)
 */
export function computeNirKey(nir13: string): string {
  const nir = nir13.toUpperCase();
  if (!NIR13_SHAPE.test(nir)) throw new Error('computeNirKey expects a 13-character NIR');
  // 13 digits stay below Number.MAX_SAFE_INTEGER: the modulo is exact.
  return String(97 - (nirNumber(nir) % 97)).padStart(2, '0');
}

function isValidMonth(month: number): boolean {
  return (
    (month >= 1 && month <= 12) || (month >= 20 && month <= 42) || (month >= 50 && month <= 99)
  );
}

/** Parses a NIR typed by a user: 13 characters, or 15 with the key (checked). */
export function parseNir(input: string, opts: ParseNirOptions = {}): NirParseResult {
  const allowTemporary = opts.allowTemporary ?? true;
  const compact = normalizeDigits(input).toUpperCase();
  if (compact === '') return { ok: false, error: 'Saisissez le numéro de sécurité sociale' };
  if (compact.length !== 13 && compact.length !== 15) {
    return {
      ok: false,
      error: 'Le numéro de sécurité sociale doit comporter 13 caractères (ou 15 avec la clé)',
    };
  }
  const nir = compact.slice(0, 13);
  const key = compact.length === 15 ? compact.slice(13) : undefined;
  if (!NIR13_SHAPE.test(nir) || (key !== undefined && !/^\d{2}$/.test(key))) {
    return {
      ok: false,
      error:
        'Le numéro de sécurité sociale ne doit contenir que des chiffres (ou 2A / 2B pour la Corse)',
    };
  }
  const sex = nir.charAt(0);
  if (!SEX_CODES.has(sex)) {
    return {
      ok: false,
      error: allowTemporary
        ? 'Le numéro de sécurité sociale doit commencer par 1 ou 2 (3, 4, 7 ou 8 pour un numéro provisoire)'
        : 'Le numéro de sécurité sociale doit commencer par 1 ou 2',
    };
  }
  const temporary = TEMPORARY_SEX_CODES.has(sex);
  if (temporary && !allowTemporary) {
    return {
      ok: false,
      error: 'Les numéros de sécurité sociale provisoires ne sont pas acceptés',
    };
  }
  if (!isValidMonth(Number(nir.slice(3, 5)))) {
    return {
      ok: false,
      error: 'Le mois de naissance du numéro de sécurité sociale n’est pas valide',
    };
  }
  if (key !== undefined && key !== computeNirKey(nir)) {
    return { ok: false, error: 'La clé du numéro de sécurité sociale ne correspond pas' };
  }
  return key === undefined
    ? { ok: true, value: nir, temporary }
    : { ok: true, value: nir, key, temporary };
}

/**
 * A French warning when the year or month of birth encoded in the NIR disagrees with the birth
 * date (`YYYY-MM-DD`), or null. Month codes 20–42 and 50–99 mean "unknown month": no warning on
 * the month then. A mismatch is a warning the user may confirm, never a block (SPEC §10).
 */
export function nirBirthDateWarning(nir13: string, birthDate: string): string | null {
  const nir = normalizeDigits(nir13).toUpperCase();
  const date = /^(\d{4})-(\d{2})-\d{2}$/.exec(birthDate);
  if (!/^[0-9]\d{4}/.test(nir) || !date) return null;
  const [, year = '', month = ''] = date;
  const yearMismatch = nir.slice(1, 3) !== year.slice(2);
  const nirMonth = Number(nir.slice(3, 5));
  const monthMismatch = nirMonth >= 1 && nirMonth <= 12 && nirMonth !== Number(month);
  if (yearMismatch && monthMismatch) {
    return 'L’année et le mois de naissance du numéro de sécurité sociale ne correspondent pas à la date de naissance';
  }
  if (yearMismatch) {
    return 'L’année de naissance du numéro de sécurité sociale ne correspond pas à la date de naissance';
  }
  if (monthMismatch) {
    return 'Le mois de naissance du numéro de sécurité sociale ne correspond pas à la date de naissance';
  }
  return null;
}

/**
 * Groups a NIR as printed on a Vitale card: "1 84 12 75 123 456 78".
 * A 15-character input is split into number and key when no key is given.
 */
export function formatNir(nir13: string, key?: string): string {
  const compact = normalizeDigits(nir13).toUpperCase();
  const nir = compact.slice(0, 13);
  const k = key ?? (compact.length === 15 ? compact.slice(13) : undefined);
  const groups = [
    nir.slice(0, 1),
    nir.slice(1, 3),
    nir.slice(3, 5),
    nir.slice(5, 7),
    nir.slice(7, 10),
    nir.slice(10, 13),
  ];
  if (k) groups.push(k);
  return groups.filter((g) => g !== '').join(' ');
}
