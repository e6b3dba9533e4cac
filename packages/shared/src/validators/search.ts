/**
 * How every list of the portal reads its search field (issue 14 #18): « Mes salariés », « Suivi
 * des demandes d'affiliation », « Mes habilitations », « Mes établissements », the documents, and
 * the back office's lists (staff, reference data, members).
 *
 * 1. The query and the text are compared through `normalizeName`: no case, no accents, ligatures
 *    expanded, typographic apostrophes straight (« Lefèvre », « LEFEVRE », « lefevre » are one).
 * 2. The query is cut into words; each word must begin a word of the text, in any order. Words are
 *    separated by anything that is neither a letter nor a digit (spaces, hyphens, apostrophes,
 *    dots, @). « maelle » finds « MARTIN Maëlle », « dup jean » and « jean dup » find « DUPONT
 *    Jean », « arcy » finds « d’Arcy »; « pont » does not find « Dupont ».
 *
 * Lists filtered in memory call `matchesSearch`; the large ones (members, affiliation requests)
 * run the same rule in SQL on their `search_name` column (apps/server/src/db/search-name.ts).
 */
import { normalizeName } from './normalize';

/** What separates words, once normalised. */
const SEPARATORS = /[^\p{L}\p{N}]+/u;
/** The most words of a query that are used (a search field, not a text). */
export const MAX_SEARCH_WORDS = 5;

/** The normalised words of a query: « Jean-Éric  d’Ar » → ["JEAN", "ERIC", "D", "AR"]. */
export function searchWords(query: string): string[] {
  return normalizeName(query).split(SEPARATORS).filter(Boolean).slice(0, MAX_SEARCH_WORDS);
}

/**
 * True when every word of `query` begins a word of one of `texts`. An empty query finds all; a
 * query of punctuation only (« % ») finds nothing.
 */
export function matchesSearch(query: string, ...texts: (string | null | undefined)[]): boolean {
  const words = searchWords(query);
  if (words.length === 0) return query.trim() === '';
  const textWords = texts.flatMap((t) => (t ? normalizeName(t).split(SEPARATORS) : []));
  return words.every((w) => textWords.some((t) => t.startsWith(w)));
}
