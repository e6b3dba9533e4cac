import { sql, type Expression, type SqlBool } from 'kysely';
import { normalizeName } from '@affilia/shared/validators/normalize';
import { searchWords } from '@affilia/shared/validators/search';

/**
 * The `search_name` column of members and affiliation requests: "LAST FIRST", upper-case,
 * without accents (« Lefèvre », « Hélène » → "LEFEVRE HELENE"). Search it with
 * `nameSearchCondition`, never by hand.
 */
export function toSearchName(lastName: string, firstName: string): string {
  return normalizeName(`${lastName} ${firstName}`);
}

/**
 * Where a name normalised by `normalizeName` starts a word: at its start, or after one of the
 * characters that separate the words of a name (space, hyphen, apostrophe).
 */
const WORD_STARTS = ['', '% ', '%-', "%'"];

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The search rule of every list (@affilia/shared/validators/search: each word of the query begins
 * a word of the name, in any order, accents and case ignored) on a `search_name` column, in SQL
 * that both databases run alike. Null for an empty query (no condition); a query of punctuation
 * only finds nothing, as `matchesSearch` says.
 */
export function nameSearchCondition(column: string, query: string): Expression<SqlBool> | null {
  const words = searchWords(query);
  if (words.length === 0) return query.trim() === '' ? null : sql<SqlBool>`1 = 0`;
  const ref = sql.ref(column);
  return sql<SqlBool>`(${sql.join(
    words.map(
      (word) =>
        sql`(${sql.join(
          WORD_STARTS.map(
            (start) => sql`${ref} like ${`${start}${escapeLike(word)}%`} escape '\\'`,
          ),
          sql` or `,
        )})`,
    ),
    sql` and `,
  )})`;
}
