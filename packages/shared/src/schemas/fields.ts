/**
 * The fields every schema builds its forms and lists from: a required text, an optional one, a
 * person's name, and a list's page (its number, its size among the offered ones, its answer). One
 * wording for each check: the French messages of the rest come from validators/zod-errors.
 */
import { z } from 'zod';
import '../validators/zod-errors';

export const REQUIRED = 'Ce champ est obligatoire';

/** A required text, trimmed: `empty` is the error of an empty field. */
export const requiredText = (max: number, empty = REQUIRED) =>
  z
    .string({ error: REQUIRED })
    .trim()
    .min(1, { error: empty })
    .max(max, { error: `${max} caractères au plus` });

/** The id of a record the body names (an establishment, a member…). */
export const requiredId = z.string({ error: REQUIRED }).trim().min(1, { error: REQUIRED }).max(64);

/** A last or first name of a person (80 characters at most). */
export const requiredName = requiredText(80);

/** An optional text filter or field; an empty one is no value. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `${max} caractères au plus` })
    .transform((v) => v || undefined)
    .optional();

/** The page asked of a list (1 when not given). */
export const pageNumber = z.coerce.number().int().min(1).max(100_000).default(1);

/** The size of a list's page, one of the sizes the page offers. */
export const pageSizeOf = (sizes: readonly number[], fallback: number) =>
  z.coerce
    .number()
    .int()
    .refine((n) => sizes.includes(n), {
      error: `Taille de page : ${sizes.slice(0, -1).join(', ')} ou ${sizes[sizes.length - 1]}`,
    })
    .default(fallback);

/** A page of a list as the API answers it: its rows and where they stand in the whole. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });

/** A company as a list or a detail names it. */
export const CompanyRefSchema = z.object({ id: z.string(), name: z.string(), siren: z.string() });

/** An establishment as a list or a detail names it. */
export const EstablishmentRefSchema = z.object({
  id: z.string(),
  name: z.string(),
  siret: z.string(),
});
