import { describe, expect, it } from 'vitest';
import { matchesSearch, searchWords } from './search';

describe('one search rule for every list (issue 14 #18)', () => {
  it('cuts the query into normalised words', () => {
    expect(searchWords('  Jean-Éric   d’Ar ')).toEqual(['JEAN', 'ERIC', 'D', 'AR']);
    expect(searchWords('')).toEqual([]);
    expect(searchWords('a b c d e f g')).toHaveLength(5);
  });

  it('ignores accents and case, and finds a first name as well as a last name', () => {
    expect(matchesSearch('Maelle', 'MARTIN', 'Maëlle')).toBe(true);
    expect(matchesSearch('maëlle', 'Martin', 'Maelle')).toBe(true);
    expect(matchesSearch('lefevre', 'Lefèvre', 'Hélène')).toBe(true);
    expect(matchesSearch('LEFÈVRE hél', 'Lefèvre', 'Hélène')).toBe(true);
    expect(matchesSearch('hel lef', 'Lefèvre', 'Hélène')).toBe(true);
    expect(matchesSearch('arcy', 'd’Arcy', 'Éloïse')).toBe(true);
    expect(matchesSearch('pierre', 'Dupont', 'Jean-Pierre')).toBe(true);
    expect(matchesSearch('Lœuvre', 'LOEUVRE', 'Jean')).toBe(true);
  });

  it('matches the start of words only, every word', () => {
    expect(matchesSearch('pont', 'Dupont', 'Jean')).toBe(false);
    expect(matchesSearch('dupont marc', 'Dupont', 'Jean')).toBe(false);
    expect(matchesSearch('', 'Dupont')).toBe(true);
    expect(matchesSearch(' % ', 'Dupont')).toBe(false);
    expect(matchesSearch('x', null, undefined)).toBe(false);
  });

  it('reads emails and other texts by their words', () => {
    expect(matchesSearch('lefevre', 'helene.lefevre@example.fr')).toBe(true);
    expect(matchesSearch('example', 'helene.lefevre@example.fr')).toBe(true);
    expect(matchesSearch('immobiliere rhone', 'Immobilière du Rhône')).toBe(true);
  });
});
