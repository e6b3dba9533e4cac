/**
 * Calendar dates as ISO strings ("YYYY-MM-DD"), the form the API and the database use.
 * No time zone is involved: a date of birth or an effective date is a calendar day.
 */
import type { ParseResult } from './result';

function isRealDate(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= daysInMonth;
}

/** True for an existing calendar date written "YYYY-MM-DD". */
export function isIsoDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  return m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * Parses a French date ("31/12/2024", also "31-12-2024", "31.12.2024", "1/2/2024") or an ISO
 * date ("2024-12-31"); the value is ISO. Impossible dates (31/02) are refused.
 */
export function parseFrenchOrIsoDate(input: string): ParseResult {
  const v = input.trim();
  if (v === '') return { ok: false, error: 'Saisissez une date' };
  let parts: [number, number, number] | null = null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  const french = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/.exec(v);
  if (iso) parts = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (french) parts = [Number(french[4]), Number(french[3]), Number(french[1])];
  if (!parts) return { ok: false, error: 'Saisissez une date au format JJ/MM/AAAA' };
  const [year, month, day] = parts;
  if (!isRealDate(year, month, day)) return { ok: false, error: 'Cette date n’existe pas' };
  return {
    ok: true,
    value: `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
  };
}

/** Compares two ISO dates: negative when a < b, 0 when equal, positive when a > b. */
export function compareIsoDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Today's date in ISO form, in the given time zone (France by default). */
export function todayIsoDate(now: Date = new Date(), timeZone = 'Europe/Paris'): string {
  let format = isoDateFormats.get(timeZone);
  if (!format) {
    // The Swedish locale formats dates as YYYY-MM-DD. Built once per time zone: creating an
    // Intl.DateTimeFormat costs a fraction of a millisecond, on every request otherwise.
    format = new Intl.DateTimeFormat('sv-SE', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    isoDateFormats.set(timeZone, format);
  }
  return format.format(now);
}
const isoDateFormats = new Map<string, Intl.DateTimeFormat>();

/** "2024-12-31" → "31/12/2024". */
export function formatFrenchDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : isoDate;
}
