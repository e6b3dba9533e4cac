/**
 * What makes a birth date plausible, in one place for the pré-affiliation wizard, the employee's
 * form (beneficiaries), the back office and the reference import (issue 14 #9).
 *
 * - A birth date is not in the future (a child may be born today), nor more than `MAX_AGE`
 *   years ago: 1885 is a typing error, not a member.
 * - An employee is at least `MIN_AGE_AT_HIRE` on their hire date. Code du travail, art. L4153-1:
 *   no worker under 16, except apprentices from 15; art. L4153-3: from 14 during school holidays.
 *   14 is therefore the youngest lawful hire.
 * - An employee is at most `MAX_AGE_AT_HIRE` on their hire date: no law sets a maximum, but a hire
 *   at 81 or more is almost always a wrong year (1985 typed 1885 lands far beyond it).
 *
 * Dates are ISO strings ("YYYY-MM-DD"); a value that is not one is left to its own check.
 */
import { isIsoDate, todayIsoDate } from './dates';

export const MIN_AGE_AT_HIRE = 14;
export const MAX_AGE_AT_HIRE = 80;
export const MAX_AGE = 120;

/** Whole years from `birthDate` to `date` (negative when `date` comes first). */
export function ageOn(birthDate: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  // Month and day compared as "MM-DD": a birthday on 29 February counts from 1 March.
  return date.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** Why `birthDate` cannot be a person's birth date on `today`, or null. */
export function birthDateError(birthDate: string, today: string = todayIsoDate()): string | null {
  if (!isIsoDate(birthDate) || !isIsoDate(today)) return null;
  if (birthDate > today) return 'La date de naissance ne peut pas être dans le futur';
  if (ageOn(birthDate, today) > MAX_AGE) {
    return `Cette date de naissance donnerait plus de ${MAX_AGE} ans : vérifiez l’année`;
  }
  return null;
}

/** Why an employee born on `birthDate` cannot be hired on `hireDate`, or null. */
export function ageAtHireError(birthDate: string, hireDate: string): string | null {
  if (!isIsoDate(birthDate) || !isIsoDate(hireDate)) return null;
  const age = ageOn(birthDate, hireDate);
  if (age < MIN_AGE_AT_HIRE) {
    return `Le salarié doit avoir au moins ${MIN_AGE_AT_HIRE} ans à son entrée dans l’entreprise (Code du travail, art. L4153-1 et L4153-3) : vérifiez la date de naissance`;
  }
  if (age > MAX_AGE_AT_HIRE) {
    return `Le salarié aurait ${age} ans à son entrée dans l’entreprise : vérifiez la date de naissance`;
  }
  return null;
}
