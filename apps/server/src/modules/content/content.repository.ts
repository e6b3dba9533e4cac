/**
 * The portal's content — the insurer's settings and logo, the terms of use's versions, « Conseils
 * et astuces »: their reads and writes (content.service.ts decides what the back office may do
 * with them and audits it).
 */
import type { Kysely, Updateable } from 'kysely';
import type { Database } from '../../db/schema';

type Db = Kysely<Database>;

// Branding -----------------------------------------------------------------------------------

/** The one row of `insurer_settings`. */
export const SETTINGS_ID = 'default';

/** What the back office edits that the public branding does not give, with the logo's file. */
export function findBrandingRow(db: Db) {
  return db
    .selectFrom('insurer_settings')
    .leftJoin('stored_files', 'stored_files.id', 'insurer_settings.logo_file_id')
    .select([
      'insurer_settings.support_email',
      'insurer_settings.postal_address',
      'insurer_settings.updated_at',
      'stored_files.original_name',
      'stored_files.mime_type',
      'stored_files.size',
    ])
    .executeTakeFirst();
}

/** Creates the settings row if it does not exist yet (an empty database). */
export async function insertSettingsRow(
  db: Db,
  row: {
    brandName: string;
    primaryColor: string;
    supportPhone: string;
    supportHours: string;
    ccnName: string;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto('insurer_settings')
    .values({
      id: SETTINGS_ID,
      brand_name: row.brandName,
      logo_file_id: null,
      primary_color: row.primaryColor,
      support_phone: row.supportPhone,
      support_hours: row.supportHours,
      support_email: null,
      postal_address: null,
      ccn_name: row.ccnName,
      idcc: '',
      created_at: row.at,
      updated_at: row.at,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

export async function saveBranding(
  db: Db,
  b: {
    brandName: string;
    primaryColor: string;
    supportPhone: string;
    supportHours: string;
    supportEmail: string | null;
    postalAddress: string | null;
  },
  at: string,
): Promise<void> {
  await db
    .updateTable('insurer_settings')
    .set({
      brand_name: b.brandName,
      primary_color: b.primaryColor,
      support_phone: b.supportPhone,
      support_hours: b.supportHours,
      support_email: b.supportEmail,
      postal_address: b.postalAddress,
      updated_at: at,
    })
    .where('id', '=', SETTINGS_ID)
    .execute();
}

/** The logo's stored file, if there is one. */
export function findLogoFile(db: Db) {
  return db
    .selectFrom('insurer_settings')
    .innerJoin('stored_files', 'stored_files.id', 'insurer_settings.logo_file_id')
    .select(['stored_files.id', 'stored_files.storage_key'])
    .executeTakeFirst();
}

export async function setLogo(db: Db, fileId: string | null, at: string): Promise<void> {
  await db
    .updateTable('insurer_settings')
    .set({ logo_file_id: fileId, updated_at: at })
    .where('id', '=', SETTINGS_ID)
    .execute();
}

export async function deleteStoredFileRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('stored_files').where('id', '=', id).execute();
}

// Terms of use -------------------------------------------------------------------------------

/** Every version with its number of acceptances. */
export function findTermsVersions(db: Db) {
  return db
    .selectFrom('terms_versions as v')
    .select((eb) => [
      'v.id',
      'v.version',
      'v.title',
      'v.content_markdown',
      'v.created_at',
      'v.published_at',
      eb
        .selectFrom('terms_acceptances as a')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('a.terms_version_id', '=', 'v.id')
        .as('acceptances'),
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
