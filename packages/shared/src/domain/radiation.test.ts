import { describe, expect, it } from 'vitest';
import {
  addMonths,
  computePortability,
  consecutiveSpan,
  evinDeadline,
  evinOffered,
  monthsRoundedUp,
  RADIATION_MOTIFS,
} from './radiation';

describe('the DSN motifs', () => {
  it('have one distinct code each, of three digits', () => {
    const codes = RADIATION_MOTIFS.map((m) => m.dsn);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^\d{3}$/);
  });
});

describe('addMonths', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-03-15', 12, '2027-03-15'],
    ['2026-11-30', 3, '2027-02-28'],
  ])('%s + %i months = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });
});

describe('monthsRoundedUp', () => {
  it.each([
    ['2026-03-01', '2026-03-31', 1],
    ['2026-03-01', '2026-04-03', 2],
    ['2026-01-10', '2026-08-12', 8], // 7 months and 3 days
    ['2026-01-10', '2026-08-09', 7], // exactly 7 months
    ['2026-06-15', '2026-06-15', 1], // one day
    ['2025-01-01', '2026-02-28', 14],
  ])('%s → %s: %i months', (start, end, months) => {
    expect(monthsRoundedUp({ start, end })).toBe(months);
  });
});

describe('consecutiveSpan', () => {
  it('joins contracts that follow each other and stops at a gap', () => {
    expect(
      consecutiveSpan([
        { start: '2024-01-01', end: '2024-03-31' }, // gap before the next one
        { start: '2025-01-01', end: '2025-06-30' },
        { start: '2025-07-01', end: '2025-09-30' },
      ]),
    ).toEqual({ start: '2025-01-01', end: '2025-09-30' });
  });
  it('takes the periods in any order', () => {
    expect(
      consecutiveSpan([
        { start: '2025-07-01', end: '2025-09-30' },
        { start: '2025-01-01', end: '2025-06-30' },
      ]),
    ).toEqual({ start: '2025-01-01', end: '2025-09-30' });
  });
});

describe('computePortability (L911-8)', () => {
  const periods = [{ start: '2026-01-10', end: '2026-08-12' }];
  it('7 months and 3 days → 8 months, from the day after the contract', () => {
    expect(
      computePortability({ motif: 'rupture_conventionnelle', unemploymentRights: true, periods }),
    ).toEqual({ eligible: true, months: 8, start: '2026-08-13', end: '2027-04-12' });
  });
  it('14 months → 12 months', () => {
    const result = computePortability({
      motif: 'licenciement_personnel',
      unemploymentRights: true,
      periods: [{ start: '2025-01-01', end: '2026-02-28' }],
    });
    expect(result).toEqual({ eligible: true, months: 12, start: '2026-03-01', end: '2027-02-28' });
  });
  it('successive CDDs count together', () => {
    const result = computePortability({
      motif: 'fin_cdd',
      unemploymentRights: true,
      periods: [
        { start: '2026-01-01', end: '2026-03-31' },
        { start: '2026-04-01', end: '2026-05-31' },
      ],
    });
    expect(result).toMatchObject({
      eligible: true,
      months: 5,
      start: '2026-06-01',
      end: '2026-10-31',
    });
  });
  it('a contract after a gap counts alone', () => {
    const result = computePortability({
      motif: 'fin_cdd',
      unemploymentRights: true,
      periods: [
        { start: '2026-01-01', end: '2026-03-31' },
        { start: '2026-04-15', end: '2026-05-31' },
      ],
    });
    expect(result).toMatchObject({ eligible: true, months: 2 });
  });
  it('none without unemployment rights (a resignation)', () => {
    expect(computePortability({ motif: 'demission', unemploymentRights: false, periods })).toEqual({
      eligible: false,
      reason: 'no_unemployment_rights',
    });
  });
  it('a legitimate resignation with unemployment rights opens it', () => {
    expect(
      computePortability({ motif: 'demission', unemploymentRights: true, periods }),
    ).toMatchObject({ eligible: true, months: 8 });
  });
  it('none for gross misconduct, even with unemployment rights', () => {
    expect(
      computePortability({ motif: 'licenciement_faute_lourde', unemploymentRights: true, periods }),
    ).toEqual({ eligible: false, reason: 'gross_misconduct' });
  });
  it('a dismissal for serious misconduct (faute grave) keeps it', () => {
    expect(
      computePortability({ motif: 'licenciement_faute_grave', unemploymentRights: true, periods }),
    ).toMatchObject({ eligible: true });
  });
  it('none on death (the survivors’ rules are out of scope)', () => {
    expect(computePortability({ motif: 'deces', unemploymentRights: true, periods })).toEqual({
      eligible: false,
      reason: 'death',
    });
  });
  it('a contract ending on 31 January, 1 month: ends on the last day of February', () => {
    expect(
      computePortability({
        motif: 'fin_cdd',
        unemploymentRights: true,
        periods: [{ start: '2026-01-01', end: '2026-01-31' }],
      }),
    ).toEqual({ eligible: true, months: 1, start: '2026-02-01', end: '2026-02-28' });
  });
});

describe('loi Évin, article 4', () => {
  it('is offered on retirement, unemployment or disability, never on death', () => {
    expect(evinOffered({ motif: 'depart_retraite', unemploymentRights: false })).toBe(true);
    expect(evinOffered({ motif: 'fin_cdd', unemploymentRights: true })).toBe(true);
    expect(evinOffered({ motif: 'demission', unemploymentRights: false })).toBe(false);
    expect(
      evinOffered({ motif: 'demission', unemploymentRights: false, disabilityPension: true }),
    ).toBe(true);
    expect(evinOffered({ motif: 'deces', unemploymentRights: false })).toBe(false);
  });
  it('is asked within 6 months of the contract’s end or of the portability’s end', () => {
    expect(evinDeadline('2026-06-30', null)).toBe('2026-12-30');
    expect(evinDeadline('2026-06-30', '2027-06-30')).toBe('2027-12-30');
  });
});
