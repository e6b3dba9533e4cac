/**
 * The terms of use's versions and « Conseils et astuces »: their reads and writes
 * (content.service.ts decides what the back office may do with them and audits it).
 */
import type { Kysely, Updateable } from 'kysely';
import type { Database } from '../../db/schema';

type Db = Kysely<Database>;

// Terms of use -------------------------------------------------------------------------------

/** Every version with its number of acceptances. */
export function findTermsVersions(db: Db) {
  return db
    .selectFrom('terms_versions')
    .leftJoin('terms_acceptances', 'terms_acceptances.terms_version_id', 'terms_versions.id')
    .select((eb) => [
      'terms_versions.id',
      'terms_versions.version',
      'terms_versions.title',
      'terms_versions.content_markdown',
      'terms_versions.created_at',
      'terms_versions.published_at',
      eb.fn.count<number>('terms_acceptances.id').as('acceptances'),
    ])
    .groupBy([
      'terms_versions.id',
      'terms_versions.version',
      'terms_versions.title',
      'terms_versions.content_markdown',
      'terms_versions.created_at',
      'terms_versions.published_at',
    ])
    .execute();
}

export async function termsVersionExists(db: Db, version: string): Promise<boolean> {
  const row = await db
    .selectFrom('terms_versions')
    .select('id')
    .where('version', '=', version)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertTermsDraft(
  db: Db,
  draft: { id: string; version: string; title: string; contentMarkdown: string; at: string },
): Promise<void> {
  await db
    .insertInto('terms_versions')
    .values({
      id: draft.id,
      version: draft.version,
      title: draft.title,
      content_markdown: draft.contentMarkdown,
      published_at: null,
      created_at: draft.at,
    })
    .execute();
}

export function findTermsVersionRow(db: Db, id: string) {
  return db
    .selectFrom('terms_versions')
    .select(['id', 'version', 'published_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** When the version in force was published (ISO instant); null when none was. */
export async function latestPublication(db: Db): Promise<string | null> {
  const latest = await db
    .selectFrom('terms_versions')
    .select('published_at')
    .where('published_at', 'is not', null)
    .orderBy('published_at', 'desc')
    .executeTakeFirst();
  return latest?.published_at ?? null;
}

export async function setTermsPublished(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('terms_versions').set({ published_at: at }).where('id', '=', id).execute();
}

// « Conseils et astuces » ----------------------------------------------------------------------

const TIP_COLUMNS = ['id', 'title', 'body', 'position', 'published', 'updated_at'] as const;

/** Every tip, in the order of the home page. */
export function findTips(db: Db) {
  return db
    .selectFrom('tips')
    .select(TIP_COLUMNS)
    .orderBy('position')
    .orderBy('created_at')
    .execute();
}

export function findTip(db: Db, id: string) {
  return db.selectFrom('tips').select(TIP_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** The last tip's position; undefined when there is none. */
export async function lastTipPosition(db: Db): Promise<number | undefined> {
  const last = await db
    .selectFrom('tips')
    .select((eb) => eb.fn.max<number>('position').as('max'))
    .executeTakeFirst();
  return last?.max == null ? undefined : Number(last.max);
}

export async function insertTip(
  db: Db,
  tip: {
    id: string;
    title: string;
    body: string;
    position: number;
    published: boolean;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto('tips')
    .values({
      id: tip.id,
      title: tip.title,
      body: tip.body,
      position: tip.position,
      published: tip.published ? 1 : 0,
      created_at: tip.at,
      updated_at: tip.at,
    })
    .execute();
}

export async function updateTipRow(
  db: Db,
  id: string,
  set: Updateable<Database['tips']>,
): Promise<void> {
  await db.updateTable('tips').set(set).where('id', '=', id).execute();
}

export async function deleteTipRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('tips').where('id', '=', id).execute();
}
