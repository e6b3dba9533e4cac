/**
 * Reads of the insurer's settings row (`insurer_settings`, one row at most) that the public side
 * and the imports need; the back office's edits of it are in content/content.repository.ts.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

type Db = Kysely<Database>;

/** The branding's columns of the settings row, if there is one. */
export function findBrandingSettings(db: Db) {
  return db
    .selectFrom('insurer_settings')
    .select([
      'brand_name',
      'primary_color',
      'logo_file_id',
      'support_phone',
      'support_hours',
      'ccn_name',
    ])
    .executeTakeFirst();
}

/** How people reach the insurer, beyond the branding: its email and postal address, if set. */
export function findInsurerContact(db: Db) {
  return db
    .selectFrom('insurer_settings')
    .select(['support_email', 'postal_address'])
    .executeTakeFirst();
}

/** The stored logo's file, if the insurer uploaded one. */
export function findLogoFile(db: Db) {
  return db
    .selectFrom('insurer_settings')
    .innerJoin('stored_files', 'stored_files.id', 'insurer_settings.logo_file_id')
    .select(['stored_files.id', 'stored_files.storage_key', 'stored_files.mime_type'])
    .executeTakeFirst();
}

/** Whether an imported member may have a temporary NIR (yes when there is no settings row). */
export async function allowsTemporaryNir(db: Db): Promise<boolean> {
  const settings = await db
    .selectFrom('insurer_settings')
    .select('allow_temporary_nir')
    .executeTakeFirst();
  return Number(settings?.allow_temporary_nir ?? 1) === 1;
}
