import type { Branding } from '../schemas/branding';

/** The branding shown before (or instead of) the insurer's own: first run, unreadable answer. */
export const DEFAULT_BRANDING: Branding = {
  brandName: 'Mutuelle Horizon Prévoyance',
  primaryColor: '#1d4f91',
  logoUrl: null,
  supportPhone: '01 23 45 67 89',
  supportHours: 'du lundi au vendredi de 8h30 à 17h00',
  ccnName: 'Immobilier',
};
