import type { CSSProperties } from 'react';
import type { Branding } from '../../lib/branding';

/**
 * The thin stripe above each header shows the insurer's colour exactly as configured (it carries
 * no text, so it needs no contrast adjustment, unlike the theme's palette).
 */
export function brandStripeStyle(branding: Branding): CSSProperties {
  return { '--affilia-brand-color': branding.primaryColor } as CSSProperties;
}
