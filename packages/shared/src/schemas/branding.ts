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

export const DEFAULT_BRANDING: Branding = {
  brandName: 'Mutuelle Horizon Prévoyance',
  primaryColor: '#1d4f91',
  logoUrl: null,
  supportPhone: '01 23 45 67 89',
  supportHours: 'du lundi au vendredi de 8h30 à 17h00',
  ccnName: 'Immobilier',
};
