/**
 * The back office's « Contenus du portail » (SPEC §6): the insurer's branding, the versions of
 * the terms of use and « Conseils et astuces ». Used by the back-office forms and by the API.
 */
import { AA_CONTRAST, contrastWithWhite } from '../domain/colors';
import { z } from 'zod';
import { EmailSchema } from '../validators/zod';
import { TermsSchema } from './auth';

const REQUIRED = 'Ce champ est obligatoire';

/** A trimmed text of `max` characters at most, required. */
function text(max: number) {
  return z
    .string({ error: REQUIRED })
    .trim()
    .min(1, { error: REQUIRED })
    .max(max, { error: `${max} caractères au plus` });
}

/** An optional trimmed text: an empty value becomes null. */
function optionalText(max: number) {
  return z
    .string()
    .trim()
    .max(max, { error: `${max} caractères au plus` })
    .nullish()
    .transform((v) => (v ? v : null));
}

// ---------------------------------------------------------------------------------------------
// Branding

/** WCAG AA for normal text: white text on a button, coloured links on white. */
export const MIN_BRAND_CONTRAST = AA_CONTRAST;
export { contrastWithWhite };

export const PrimaryColorSchema = z
  .string({ error: REQUIRED })
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, { error: 'Saisissez une couleur au format #RRGGBB (ex. #1D4F91)' })
  .refine((hex) => contrastWithWhite(hex) >= MIN_BRAND_CONTRAST, {
    error:
      'Couleur trop claire : le texte blanc des boutons et les liens sur fond blanc seraient peu lisibles (contraste 4,5:1 au moins). Choisissez une couleur plus foncée.',
  })
  .transform((hex) => hex.toLowerCase());

/** PUT /api/backoffice/content/branding. */
export const BrandingUpdateSchema = z.object({
  brandName: text(80),
  primaryColor: PrimaryColorSchema,
  supportPhone: text(40),
  supportHours: text(120),
  supportEmail: z
    .union([z.literal(''), z.null(), EmailSchema])
    .optional()
    .transform((v) => (v ? v : null)),
  postalAddress: optionalText(300),
});
export type BrandingUpdateInput = z.input<typeof BrandingUpdateSchema>;
export type BrandingUpdate = z.output<typeof BrandingUpdateSchema>;

/** The logo: PNG or JPEG (an SVG could hold a script), checked from the bytes, 500 kB at most. */
export const LOGO_MAX_BYTES = 500 * 1024;
export const LOGO_MIME_TYPES = ['image/png', 'image/jpeg'] as const;

export const BrandingSettingsSchema = z.object({
  brandName: z.string(),
  primaryColor: z.string(),
  supportPhone: z.string(),
  supportHours: z.string(),
  supportEmail: z.string().nullable(),
  postalAddress: z.string().nullable(),
  logo: z
    .object({
      url: z.string(),
      fileName: z.string(),
      mimeType: z.string(),
      size: z.number(),
    })
    .nullable(),
  updatedAt: z.string().nullable(),
});
export type BrandingSettings = z.infer<typeof BrandingSettingsSchema>;

// ---------------------------------------------------------------------------------------------
// Terms of use

export const TermsDraftSchema = z.object({
  version: text(40),
  title: text(200),
  contentMarkdown: text(100_000),
});
export type TermsDraftInput = z.input<typeof TermsDraftSchema>;

export const TermsVersionSchema = z.object({
  id: z.string(),
  version: z.string(),
  title: z.string(),
  contentMarkdown: z.string(),
  createdAt: z.string(),
  /** Null while a draft. */
  publishedAt: z.string().nullable(),
  /** The version in force (the latest published). */
  current: z.boolean(),
  acceptances: z.number(),
});
export type TermsVersion = z.infer<typeof TermsVersionSchema>;

export const TermsVersionsSchema = z.object({ versions: z.array(TermsVersionSchema) });
export type TermsVersions = z.infer<typeof TermsVersionsSchema>;

/** GET /api/auth/terms/pending: the version the signed-in user must accept, if any. */
export const PendingTermsSchema = z.object({ terms: TermsSchema.nullable() });
export type PendingTerms = z.infer<typeof PendingTermsSchema>;

/** POST /api/auth/terms/accept. */
export const AcceptTermsRequestSchema = z.object({
  termsVersionId: z.string({ error: REQUIRED }).min(1, { error: REQUIRED }).max(64),
});

// ---------------------------------------------------------------------------------------------
// « Conseils et astuces »

export const TipInputSchema = z.object({
  title: text(120),
  body: text(2_000),
  position: z.coerce
    .number({ error: 'Saisissez un nombre' })
    .int({ error: 'Saisissez un nombre entier' })
    .min(0, { error: 'Saisissez un nombre positif' })
    .max(10_000, { error: '10 000 au plus' })
    .optional(),
  published: z.boolean().default(false),
});
export type TipInput = z.input<typeof TipInputSchema>;

export const TipPatchSchema = z.object({
  title: text(120).optional(),
  body: text(2_000).optional(),
  position: z.coerce
    .number({ error: 'Saisissez un nombre' })
    .int({ error: 'Saisissez un nombre entier' })
    .min(0, { error: 'Saisissez un nombre positif' })
    .max(10_000, { error: '10 000 au plus' })
    .optional(),
  published: z.boolean().optional(),
});
export type TipPatch = z.input<typeof TipPatchSchema>;

export const TipSchema = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  position: z.number(),
  published: z.boolean(),
  updatedAt: z.string(),
});
export type Tip = z.infer<typeof TipSchema>;

export const TipsSchema = z.object({ tips: z.array(TipSchema) });

export const ContentIdParamsSchema = z.object({ id: z.string().min(1).max(64) });
