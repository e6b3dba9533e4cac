import { describe, expect, it } from 'vitest';
import {
  compareIsoDates,
  formatFrenchDate,
  isIsoDate,
  parseFrenchOrIsoDate,
  todayIsoDate,
} from './dates';

describe('isIsoDate', () => {
  it('accepts real dates only', () => {
    expect(isIsoDate('2024-12-31')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2024-02-31')).toBe(false);
    expect(isIsoDate('2024-04-31')).toBe(false);
    expect(isIsoDate('2024-13-01')).toBe(false);
    expect(isIsoDate('2024-00-10')).toBe(false);
    expect(isIsoDate('2024-01-00')).toBe(false);
    expect(isIsoDate('2024-1-01')).toBe(false);
    expect(isIsoDate('31/12/2024')).toBe(false);
    expect(isIsoDate('2024-12-31T00:00:00Z')).toBe(false);
  });
});

describe('parseFrenchOrIsoDate', () => {
  it('accepts French and ISO dates', () => {
    expect(parseFrenchOrIsoDate('31/12/2024')).toEqual({ ok: true, value: '2024-12-31' });
    expect(parseFrenchOrIsoDate('2024-12-31')).toEqual({ ok: true, value: '2024-12-31' });
    expect(parseFrenchOrIsoDate(' 1/2/2024 ')).toEqual({ ok: true, value: '2024-02-01' });
    expect(parseFrenchOrIsoDate('01.02.2024')).toEqual({ ok: true, value: '2024-02-01' });
    expect(parseFrenchOrIsoDate('01-02-2024')).toEqual({ ok: true, value: '2024-02-01' });
    expect(parseFrenchOrIsoDate('29/02/2024')).toEqual({ ok: true, value: '2024-02-29' });
  });

  it('rejects impossible dates and other formats', () => {
    expect(parseFrenchOrIsoDate('31/02/2024')).toEqual({
      ok: false,
      error: 'Cette date n’existe pas',
    });
    expect(parseFrenchOrIsoDate('29/02/2023')).toEqual({
      ok: false,
      error: 'Cette date n’existe pas',
    });
    expect(parseFrenchOrIsoDate('2024-02-30')).toEqual({
      ok: false,
      error: 'Cette date n’existe pas',
    });
    for (const input of ['31/12/24', '12/31/2024x', '2024/12/31', '31/12-2024', 'demain']) {
      expect(parseFrenchOrIsoDate(input)).toMatchObject({ ok: false });
    }
    expect(parseFrenchOrIsoDate('31/12/24')).toEqual({
      ok: false,
      error: 'Saisissez une date au format JJ/MM/AAAA',
    });
    expect(parseFrenchOrIsoDate('')).toEqual({ ok: false, error: 'Saisissez une date' });
  });
});

describe('compareIsoDates', () => {
  it('orders dates', () => {
    expect(compareIsoDates('2024-01-01', '2024-12-31')).toBeLessThan(0);
    expect(compareIsoDates('2024-12-31', '2024-01-01')).toBeGreaterThan(0);
    expect(compareIsoDates('2024-06-15', '2024-06-15')).toBe(0);
    expect(['2024-03-01', '2023-12-31', '2024-02-29'].sort(compareIsoDates)).toEqual([
      '2023-12-31',
      '2024-02-29',
      '2024-03-01',
    ]);
  });
});

describe('todayIsoDate and formatFrenchDate', () => {
  it('uses the French calendar day', () => {
    // 23:30 UTC on 31 December is already 1 January in Paris.
    expect(todayIsoDate(new Date('2024-12-31T23:30:00Z'))).toBe('2025-01-01');
    expect(todayIsoDate(new Date('2024-12-31T23:30:00Z'), 'UTC')).toBe('2024-12-31');
    expect(formatFrenchDate('2024-12-31')).toBe('31/12/2024');
  });
});
