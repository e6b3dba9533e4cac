/**
 * The French messages of every zod check that a schema does not word itself (SPEC §9: « every
 * input is validated on the server with a clear error in French »).
 *
 * zod's own messages are English, and its French locale (`z.locales.fr`) is written for
 * developers (« Trop petit : chaîne de caractères doit avoir >=12 caractères »): this map words
 * them for the person who filled the form, in the codebase's style (« 80 caractères au plus »).
 *
 * Installed once, when this module is first imported: `validators/zod.ts` imports it (so every
 * shared schema has it), and the server (`app.ts`) and the web app (`main.tsx`) import it before
 * anything parses. zod keeps one configuration per installed copy, and the monorepo has one copy.
 * A message given by a schema (`{ error: '…' }`) still wins over this map.
 */
import { z } from 'zod';

type Issue = Parameters<NonNullable<z.core.$ZodConfig['customError']>>[0];

const REQUIRED = 'Ce champ est obligatoire';
const INVALID = 'Valeur invalide';
/** Past this many accepted values, the message does not list them. */
const MAX_LISTED_VALUES = 12;

const quote = (value: unknown) => `« ${String(value)} »`;
const plural = (n: number | bigint, singular: string, pluralForm: string) =>
  `${n.toString()} ${Number(n) > 1 ? pluralForm : singular}`;

const TYPE_MESSAGES: Record<string, string> = {
  string: 'Saisissez du texte',
  number: 'Saisissez un nombre',
  nan: 'Saisissez un nombre',
  int: 'Saisissez un nombre entier',
  bigint: 'Saisissez un nombre entier',
  boolean: 'Valeur non reconnue : vrai ou faux attendu',
  date: 'Saisissez une date',
  array: 'Une liste est attendue',
  tuple: 'Une liste est attendue',
  set: 'Une liste est attendue',
  object: 'Un objet est attendu',
  record: 'Un objet est attendu',
  map: 'Un objet est attendu',
  file: 'Joignez un fichier',
};

const FORMAT_MESSAGES: Record<string, string> = {
  email: 'Saisissez une adresse e-mail valide',
  url: 'Saisissez une adresse web valide',
  date: 'Saisissez une date au format AAAA-MM-JJ',
  datetime: 'Saisissez une date et une heure valides',
  time: 'Saisissez une heure valide',
  e164: 'Saisissez un numéro de téléphone au format international',
};
const IDENTIFIER_FORMATS = new Set([
  'uuid',
  'uuidv4',
  'uuidv6',
  'uuidv7',
  'guid',
  'cuid',
  'cuid2',
  'ulid',
  'xid',
  'ksuid',
  'nanoid',
]);

function frenchDate(ms: number | bigint): string {
  return new Date(Number(ms)).toISOString().slice(0, 10).split('-').reverse().join('/');
}

function tooSmall(issue: Extract<Issue, { code: 'too_small' }>): string {
  const n = issue.minimum;
  switch (issue.origin) {
    case 'string':
      if (issue.exact) return plural(n, 'caractère exactement', 'caractères exactement');
      if (Number(n) <= 1) return REQUIRED;
      return plural(n, 'caractère au moins', 'caractères au moins');
    case 'array':
    case 'set':
      if (issue.exact) return plural(n, 'élément exactement', 'éléments exactement');
      if (Number(n) <= 1) return 'Choisissez au moins un élément';
      return plural(n, 'élément au moins', 'éléments au moins');
    case 'date':
      return issue.inclusive
        ? `La date doit être le ${frenchDate(n)} ou après`
        : `La date doit être après le ${frenchDate(n)}`;
    case 'file':
      return 'Ce fichier est vide ou trop petit';
    default:
      return issue.inclusive
        ? `La valeur doit être au moins ${n.toString()}`
        : `La valeur doit être supérieure à ${n.toString()}`;
  }
}

function tooBig(issue: Extract<Issue, { code: 'too_big' }>): string {
  const n = issue.maximum;
  switch (issue.origin) {
    case 'string':
      if (issue.exact) return plural(n, 'caractère exactement', 'caractères exactement');
      return plural(n, 'caractère au plus', 'caractères au plus');
    case 'array':
    case 'set':
      if (issue.exact) return plural(n, 'élément exactement', 'éléments exactement');
      return plural(n, 'élément au plus', 'éléments au plus');
    case 'date':
      return issue.inclusive
        ? `La date doit être le ${frenchDate(n)} ou avant`
        : `La date doit être avant le ${frenchDate(n)}`;
    case 'file':
      return 'Ce fichier est trop volumineux';
    default:
      return issue.inclusive
        ? `La valeur doit être au plus ${n.toString()}`
        : `La valeur doit être inférieure à ${n.toString()}`;
  }
}

function invalidFormat(issue: Extract<Issue, { code: 'invalid_format' }>): string {
  const known = FORMAT_MESSAGES[issue.format];
  if (known) return known;
  if (IDENTIFIER_FORMATS.has(issue.format)) return 'Identifiant invalide';
  if (issue.format === 'starts_with' && typeof issue.prefix === 'string')
    return `Le texte doit commencer par ${quote(issue.prefix)}`;
  if (issue.format === 'ends_with' && typeof issue.suffix === 'string')
    return `Le texte doit se terminer par ${quote(issue.suffix)}`;
  if (issue.format === 'includes' && typeof issue.includes === 'string')
    return `Le texte doit contenir ${quote(issue.includes)}`;
  return 'Format invalide';
}

/** The French message of a zod issue (exported for tests and for code that words issues itself). */
export function frenchZodMessage(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || (issue.input === null && issue.expected !== 'null'))
        return REQUIRED;
      return TYPE_MESSAGES[issue.expected] ?? INVALID;
    case 'invalid_value': {
      const values = issue.values;
      if (values.length === 1) return `Valeur non reconnue : ${quote(values[0])} attendu`;
      if (values.length > MAX_LISTED_VALUES)
        return 'Valeur non reconnue : choisissez une valeur de la liste';
      return `Valeur non reconnue : choisissez parmi ${values.map(quote).join(', ')}`;
    }
    case 'too_small':
      return tooSmall(issue);
    case 'too_big':
      return tooBig(issue);
    case 'invalid_format':
      return invalidFormat(issue);
    case 'not_multiple_of':
      return `La valeur doit être un multiple de ${issue.divisor}`;
    case 'unrecognized_keys':
      return issue.keys.length > 1
        ? `Champs non reconnus : ${issue.keys.join(', ')}`
        : `Champ non reconnu : ${issue.keys.join(', ')}`;
    default:
      // invalid_union, invalid_key, invalid_element, a custom check without its own message
      return INVALID;
  }
}

z.config({
  customError: frenchZodMessage,
  // In a browser zod compiles no code: the portal's Content-Security-Policy has no
  // 'unsafe-eval', and zod's own test for it (`new Function("")`) is reported as a violation
  // (Lighthouse, best practices). The server keeps the faster compiled parsers.
  jitless: 'document' in globalThis,
});
