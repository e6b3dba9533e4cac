/**
 * Input normalisation shared by every validator.
 *
 * People paste numbers from letters, spreadsheets and PDFs: they arrive with spaces (including
 * the non-breaking U+00A0 and narrow non-breaking U+202F that French typography and Excel use),
 * tabs, dots and dashes. Those separators are never significant in a SIRET, NIR, phone number
 * or IBAN, so they are removed before any check.
 */

/** Whitespace of every kind (`\s` covers U+00A0, U+2007, U+2009, U+202F…), dots and dashes. */
const DIGIT_SEPARATORS = /[\s.\-\u2010\u2011\u2012\u2013\u2014\u2212\u200B\uFEFF]/g;

/** Removes spaces (incl. U+00A0 and U+202F), tabs, dots and dashes; trims. */
export function normalizeDigits(input: string): string {
  return input.trim().replace(DIGIT_SEPARATORS, '');
}

/**
 * Search key for a person's name: upper-case, without accents, ligatures expanded, typographic
 * apostrophes made straight, whitespace collapsed. « Éloïse  d’Arçy » → "ELOISE D'ARCY".
 */
export function normalizeName(input: string): string {
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘ʼ`´]/g, "'")
    .replace(/œ/gi, (m) => (m === 'œ' ? 'oe' : 'OE'))
    .replace(/æ/gi, (m) => (m === 'æ' ? 'ae' : 'AE'))
    .toUpperCase()
    .replace(/\s+/g, ' ')
    .trim();
}
