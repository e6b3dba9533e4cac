/**
 * zod schemas shared by the web forms and the API, so that both validate the same way.
 *
 * Each schema is a `z.string()` that reports the French error of its parser and overwrites the
 * input with the canonical value (e.g. " 732 829 320 00074 " → "73282932000074"). `overwrite`
 * keeps the type a plain string, so the schemas also describe themselves in JSON Schema/OpenAPI.
 */
import { z } from 'zod';
// The French messages of every check a schema does not word itself, installed once.
import './zod-errors';
import type { ParseResult } from './result';
import type { ParseNirOptions } from './nir';
import { birthDateError } from './birth-date';
import { parseFrenchOrIsoDate } from './dates';
import { parseNir } from './nir';
import { parseSiren, parseSiret } from './siret';

const REQUIRED = 'Ce champ est obligatoire';

function requiredString() {
  return z.string({
    error: (issue) =>
      issue.input === undefined || issue.input === null ? REQUIRED : 'Saisissez du texte',
  });
}

/** A string schema whose value is checked and replaced by `parse`. */
export function parsedString(parse: (input: string) => ParseResult) {
  return requiredString()
    .superRefine((value, ctx) => {
      const result = parse(value);
      if (!result.ok) ctx.addIssue({ code: 'custom', message: result.error });
    })
    .overwrite((value) => {
      const result = parse(value);
      return result.ok ? result.value : value;
    });
}

export const SirenSchema = parsedString(parseSiren);
export const SiretSchema = parsedString(parseSiret);

/** NIR schema; the value is the 13 characters (the key, when given, is checked and dropped). */
export function createNirSchema(options: ParseNirOptions = {}) {
  return parsedString((input) => {
    const result = parseNir(input, options);
    return result.ok ? { ok: true, value: result.value } : result;
  });
}

/** NIR schema accepting temporary numbers. */
export const NirSchema = createNirSchema();
/** Accepts "2024-12-31" or "31/12/2024"; the value is ISO. */
export const IsoDateSchema = parsedString(parseFrenchOrIsoDate);

/**
 * A person's birth date, as `IsoDateSchema`, neither in the future nor more than `MAX_AGE` years
 * ago (validators/birth-date.ts), on the calendar of France today.
 */
export const BirthDateSchema = IsoDateSchema.superRefine((value, ctx) => {
  const error = birthDateError(value);
  if (error) ctx.addIssue({ code: 'custom', message: error });
});

const INVALID_EMAIL = 'Saisissez une adresse e-mail valide';

/** Trimmed and lower-cased email address. */
export const EmailSchema = requiredString()
  .trim()
  .toLowerCase()
  .min(1, { error: 'Saisissez une adresse e-mail', abort: true })
  .max(254, { error: INVALID_EMAIL })
  .check(z.email({ error: INVALID_EMAIL }));
