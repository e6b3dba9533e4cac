import { normalizeName } from '@affilia/shared/validators/normalize';

/**
 * The `search_name` column of members and affiliation requests: "LAST FIRST", upper-case,
 * without accents (« Lefèvre », « Hélène » → "LEFEVRE HELENE"). Normalise a user's query with
 * `normalizeName` from @affilia/shared before comparing with it.
 */
export function toSearchName(lastName: string, firstName: string): string {
  return normalizeName(`${lastName} ${firstName}`);
}
