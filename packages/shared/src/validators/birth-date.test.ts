import { describe, expect, it } from 'vitest';
import {
  MAX_AGE,
  MAX_AGE_AT_HIRE,
  MIN_AGE_AT_HIRE,
  ageAtHireError,
  ageOn,
  birthDateError,
} from './birth-date';

describe('birth dates (issue 14 #9)', () => {
  it('counts whole years, birthdays included, 29 February on 28 February', () => {
    expect(ageOn('1990-05-14', '2026-05-13')).toBe(35);
    expect(ageOn('1990-05-14', '2026-05-14')).toBe(36);
    expect(ageOn('2000-02-29', '2026-02-28')).toBe(25);
    expect(ageOn('2000-02-29', '2026-03-01')).toBe(26);
    expect(ageOn('2027-05-14', '2026-03-02')).toBe(-2);
  });

  it('refuses a birth date in the future, accepts today (a newborn child)', () => {
    expect(birthDateError('2027-05-14', '2026-03-02')).toBe(
      'La date de naissance ne peut pas être dans le futur',
    );
    expect(birthDateError('2026-03-03', '2026-03-02')).not.toBeNull();
    expect(birthDateError('2026-03-02', '2026-03-02')).toBeNull();
    expect(birthDateError('1990-05-14', '2026-03-02')).toBeNull();
  });

  it(`refuses a birth date more than ${MAX_AGE} years ago (1885)`, () => {
    expect(birthDateError('1885-05-14', '2026-03-02')).toBe(
      'Cette date de naissance donnerait plus de 120 ans : vérifiez l’année',
    );
    expect(birthDateError('1905-03-03', '2026-03-02')).toBeNull();
    expect(birthDateError('1905-03-02', '2026-03-02')).not.toBeNull();
  });

  it(`wants an age at hire between ${MIN_AGE_AT_HIRE} and ${MAX_AGE_AT_HIRE}`, () => {
    expect(ageAtHireError('2000-06-15', '2014-06-15')).toBeNull();
    expect(ageAtHireError('2000-06-15', '2014-06-14')).toBe(
      'Le salarié doit avoir au moins 14 ans à son entrée dans l’entreprise (Code du travail, art. L4153-1 et L4153-3) : vérifiez la date de naissance',
    );
    expect(ageAtHireError('2027-05-14', '2027-06-01')).not.toBeNull();
    expect(ageAtHireError('1946-06-15', '2026-06-14')).toBeNull();
    expect(ageAtHireError('1946-06-15', '2027-06-15')).toBe(
      'Le salarié aurait 81 ans à son entrée dans l’entreprise : vérifiez la date de naissance',
    );
  });

  it('says nothing about dates that are not ISO (their own check reports them)', () => {
    expect(birthDateError('31/02/2000', '2026-03-02')).toBeNull();
    expect(ageAtHireError('', '2026-03-02')).toBeNull();
  });
});
