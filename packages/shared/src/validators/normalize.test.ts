import { describe, expect, it } from 'vitest';
import { normalizeDigits, normalizeName } from './normalize';

describe('normalizeDigits', () => {
  it('removes spaces of every kind, tabs, dots and dashes', () => {
    expect(normalizeDigits(' 732 829 320 00074 ')).toBe('73282932000074');
    expect(normalizeDigits('732\u00a0829\u202f320\t000-74.')).toBe('73282932000074');
    expect(normalizeDigits('1 84 12 2A 123')).toBe('184122A123');
    expect(normalizeDigits('')).toBe('');
  });
});

describe('normalizeName', () => {
  it('upper-cases without accents and collapses spaces', () => {
    expect(normalizeName('  Éloïse   d’Arçy ')).toBe("ELOISE D'ARCY");
    expect(normalizeName('Jean-François Lœuvre')).toBe('JEAN-FRANCOIS LOEUVRE');
    expect(normalizeName('Ægir\tBØRRE')).toBe('AEGIR BØRRE');
  });
});
