import { parseFrenchOrIsoDate } from '@affilia/shared/validators/dates';

/**
 * A date typed in a date field, as an ISO date, or null while it is not a whole, real date:
 * « 14/05/1990 », « 14-05-1990 », « 14.05.1990 », « 14051990 » or « 1990-05-14 ».
 */
export function parseTypedDate(text: string): string | null {
  const compact = /^(\d{2})(\d{2})(\d{4})$/.exec(text.trim());
  const parsed = parseFrenchOrIsoDate(compact ? `${compact[1]}/${compact[2]}/${compact[3]}` : text);
  return parsed.ok ? parsed.value : null;
}
