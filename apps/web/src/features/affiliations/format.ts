import type { AffiliationRow } from '@affilia/shared/schemas/affiliations';

const PARIS_DAY = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});

/**
 * « 07/02/2025 »: a calendar date (« 2025-02-07 ») as it is, an instant as its day in Paris; an
 * empty string when missing or unreadable.
 */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (day) return `${day[3]}/${day[2]}/${day[1]}`;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : PARIS_DAY.format(date);
}

/** « Prénom Nom », as in the guide's column. */
export function employeeName(row: Pick<AffiliationRow, 'firstName' | 'lastName'>): string {
  return `${row.firstName} ${row.lastName}`.trim();
}

/** « Aucune relance », « 1 relance, dernière le 07/02/2025 », « 3 relances, dernière le … ». */
export function reminderSummary(
  row: Pick<AffiliationRow, 'reminderCount' | 'lastReminderAt'>,
): string {
  if (row.reminderCount === 0) return 'Aucune relance';
  const noun = row.reminderCount > 1 ? 'relances' : 'relance';
  const last = formatDate(row.lastReminderAt);
  return last
    ? `${row.reminderCount} ${noun}, dernière le ${last}`
    : `${row.reminderCount} ${noun}`;
}

/**
 * Why « Envoi d'un email de relance » is not offered now, or null when it is: one a day, only by
 * email, only while the request is sent or started.
 */
export function reminderBlocker(
  row: Pick<AffiliationRow, 'canRemind' | 'nextReminderAt' | 'mode' | 'status'>,
): string | null {
  if (row.canRemind && !row.nextReminderAt) return null;
  if (row.canRemind && row.nextReminderAt) {
    const next = formatDate(row.nextReminderAt);
    return next
      ? `Une relance par jour au plus : prochaine relance possible le ${next}.`
      : 'Une relance par jour au plus.';
  }
  if (row.mode === 'mail') return 'Demande en mode Courrier : pas de relance par e-mail.';
  return 'Relance possible uniquement tant que la demande est envoyée ou démarrée.';
}

/** « 732 829 320 », « 356 000 000 00048 »: one formatter, in the shared package. */
export { formatSiren, formatSiret } from '@affilia/shared/validators/siret';
