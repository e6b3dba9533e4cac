import { describe, expect, it } from 'vitest';
import { listName, ofName } from './person-name';

describe('listName', () => {
  it('names a person « Nom Prénom » in lists', () => {
    expect(listName({ lastName: 'Lefèvre', firstName: 'Élodie' })).toBe('Lefèvre Élodie');
    expect(listName({ lastName: 'Martin', firstName: '' })).toBe('Martin');
  });
});

describe('ofName', () => {
  it('elides before a vowel, accented or not', () => {
    expect(ofName('Élodie Martin')).toBe('d’Élodie Martin');
    expect(ofName('Eugénie Marchand')).toBe('d’Eugénie Marchand');
    expect(ofName('Thomas Lefèvre')).toBe('de Thomas Lefèvre');
  });
});
