import { describe, expect, it } from 'vitest';
import { matchesEstablishment } from './establishment-search';

const e = {
  siret: '73282932000074',
  name: 'Agence de Lyon Presqu’île',
  city: 'Lyon',
  postalCode: '69002',
  company: { name: 'Immobilière du Rhône' },
};

describe('matchesEstablishment (issue 14 #18)', () => {
  it('reads the search field by the rule of every list', () => {
    expect(matchesEstablishment(e, '')).toBe(true);
    expect(matchesEstablishment(e, 'presquile')).toBe(false);
    expect(matchesEstablishment(e, 'presqu ile')).toBe(true);
    expect(matchesEstablishment(e, 'immobiliere lyon')).toBe(true);
    expect(matchesEstablishment(e, 'RHONE')).toBe(true);
    expect(matchesEstablishment(e, 'yon')).toBe(false);
    expect(matchesEstablishment(e, '690')).toBe(true);
  });

  it('finds a SIRET typed with spaces', () => {
    expect(matchesEstablishment(e, '732 829 320')).toBe(true);
    expect(matchesEstablishment(e, '00074')).toBe(true);
  });
});
