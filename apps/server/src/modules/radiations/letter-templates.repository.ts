import type { Kysely } from 'kysely';
import type { Database, LetterTemplateKind } from '../../db/schema';

type Db = Kysely<Database>;

/** The insurer's text of a letter, if written (otherwise the built-in default applies). */
export function findLetterTemplate(db: Db, kind: LetterTemplateKind) {
  return db
    .selectFrom('letter_templates')
    .select(['kind', 'subject', 'body', 'updated_at'])
    .where('kind', '=', kind)
    .executeTakeFirst();
}

/** Writes the insurer's text of a letter (one row per kind). */
export async function saveLetterTemplate(
  db: Db,
  row: { kind: LetterTemplateKind; subject: string; body: string; updatedBy: string; at: string },
): Promise<void> {
  const values = {
    subject: row.subject,
    body: row.body,
    updated_by: row.updatedBy,
    updated_at: row.at,
  };
  await db
    .insertInto('letter_templates')
    .values({ kind: row.kind, ...values })
    .onConflict((oc) => oc.column('kind').doUpdateSet(values))
    .execute();
}

/** Removes the insurer's text of a letter: the built-in default applies again. */
export async function deleteLetterTemplate(db: Db, kind: LetterTemplateKind): Promise<boolean> {
  const result = await db
    .deleteFrom('letter_templates')
    .where('kind', '=', kind)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
