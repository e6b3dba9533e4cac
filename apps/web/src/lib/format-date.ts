/** Dates and times as a French reader expects them, in the browser's time zone. */

const DATE_TIME = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeStyle: 'short' });

/** « 26 nov. 2026, 21:48 »; an empty string for a missing or unreadable date. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return DATE_TIME.format(date);
}

/** Whole seconds from `now` until `target` (ISO), never negative; 0 when unreadable. */
export function secondsUntil(target: string | null | undefined, now: number): number {
  if (!target) return 0;
  const at = Date.parse(target);
  if (Number.isNaN(at)) return 0;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** « 45 s », « 1 min 05 s ». */
export function formatDelay(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return `${minutes} min ${String(rest).padStart(2, '0')} s`;
}
