import { formatNir } from '@affilia/shared/validators/nir';

/** « 15/03/2024 » for an ISO calendar date (« 2024-03-15 »); an empty string when missing. */
export function formatIsoDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return '';
  // A full timestamp is read in the browser's time zone; a calendar date as it is.
  if (iso.length > 10) {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? '' : date.toLocaleDateString('fr-FR');
  }
  return `${match[3]}/${match[2]}/${match[1]}`;
}

/** « 1 84 12 75 123 456 78 », as on a Vitale card (a temporary number has no key). */
export function formatNirGrouped(nir: string): string {
  return formatNir(nir);
}

/** « 732 829 320 », « 356 000 000 00048 »: one formatter, in the shared package. */
export { formatSiren, formatSiret } from '@affilia/shared/validators/siret';
