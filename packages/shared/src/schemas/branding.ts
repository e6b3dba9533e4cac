import { z } from 'zod';

/** The insurer's public branding, shown on every page (GET /api/branding). */
export const BrandingSchema = z.object({
  brandName: z.string(),
  primaryColor: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  logoUrl: z.string().nullable(),
  supportPhone: z.string(),
  supportHours: z.string(),
  ccnName: z.string(),
});
export type Branding = z.infer<typeof BrandingSchema>;

// The defaults live apart from zod, so that every page's first load can read them cheaply.
export { DEFAULT_BRANDING } from '../domain/branding';
