import { DEFAULT_BRANDING, type Branding } from '@affilia/shared/schemas/branding';
import type { AppContext } from '../../lib/context';
import { findBrandingSettings, findLogoFile } from './settings.repository';

/** The insurer's branding: the settings row, completed by configuration and defaults. */
export async function getBranding(ctx: Pick<AppContext, 'db' | 'config'>): Promise<Branding> {
  const row = await findBrandingSettings(ctx.db);
  const env = ctx.config.branding;
  return {
    brandName: row?.brand_name ?? env.name ?? DEFAULT_BRANDING.brandName,
    primaryColor: row?.primary_color ?? env.primaryColor ?? DEFAULT_BRANDING.primaryColor,
    // The file id in the address: a new logo is a new address, never an old cached image.
    logoUrl: row?.logo_file_id ? `/api/branding/logo?v=${logoVersion(row.logo_file_id)}` : null,
    supportPhone: row?.support_phone ?? env.supportPhone ?? DEFAULT_BRANDING.supportPhone,
    supportHours: row?.support_hours ?? env.supportHours ?? DEFAULT_BRANDING.supportHours,
    ccnName: row?.ccn_name ?? DEFAULT_BRANDING.ccnName,
  };
}

/** The logo's version in its address (`?v=`): a new logo is a new address. */
export function logoVersion(fileId: string): string {
  return fileId.slice(0, 12);
}

/** The stored logo file, if the insurer uploaded one. */
export async function getLogo(
  ctx: Pick<AppContext, 'db' | 'storage'>,
): Promise<{ id: string; bytes: Buffer; mimeType: string } | null> {
  const file = await findLogoFile(ctx.db);
  if (!file) return null;
  return {
    id: file.id,
    bytes: await ctx.storage.read(file.storage_key),
    mimeType: file.mime_type,
  };
}
