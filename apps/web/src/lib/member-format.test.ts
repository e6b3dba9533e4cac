import { describe, expect, it } from 'vitest';
import { formatIsoDate, formatNirGrouped, formatSiren, formatSiret } from './member-format';

describe('member formats', () => {
  it('writes calendar dates the French way', () => {
    expect(formatIsoDate('2024-03-15')).toBe('15/03/2024');
    expect(formatIsoDate(null)).toBe('');
    expect(formatIsoDate('')).toBe('');
    expect(formatIsoDate('demain')).toBe('');
  });

  it('groups a NIR as on a Vitale card', () => {
    expect(formatNirGrouped('184127512345678')).toBe('1 84 12 75 123 456 78');
    expect(formatNirGrouped('2690599350017')).toBe('2 69 05 99 350 017');
    expect(formatNirGrouped('184022A12345678')).toBe('1 84 02 2A 123 456 78');
  });

  it('groups SIREN and SIRET as on the insurer’s letters', () => {
    expect(formatSiren('356000000')).toBe('356 000 000');
    expect(formatSiret('35600000000048')).toBe('356 000 000 00048');
    expect(formatSiret('1234')).toBe('1234');
  });
});
