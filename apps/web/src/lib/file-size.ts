/** A file's size as a person reads it, everywhere a file is listed or chosen. */

const DECIMAL = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const WHOLE = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });

/** « 512 octets », « 48 Ko », « 1,2 Mo » (1 Ko = 1 024 octets); an empty string when unknown. */
export function formatFileSize(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${WHOLE.format(bytes)} octet${bytes > 1 ? 's' : ''}`;
  const kb = bytes / 1024;
  if (kb < 1024) return `${WHOLE.format(Math.max(1, Math.round(kb)))} Ko`;
  const mb = kb / 1024;
  if (mb < 1024) return `${DECIMAL.format(mb)} Mo`;
  return `${DECIMAL.format(mb / 1024)} Go`;
}
