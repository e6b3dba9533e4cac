import { describe, expect, it } from 'vitest';
import { parseTable } from './import-parse';

const text = (t: string) => ({ kind: 'text' as const, text: t });
const HEADER = [
  'NIR',
  'Nom',
  'Prénom',
  'Date de naissance',
  'SIRET',
  'Statut professionnel',
  'Numéro de contrat',
  'Date d’effet',
].map(text);

function member(line: number, nir: string, birthDate: string, effectiveDate = '01/01/2024') {
  return {
    line,
    cells: [
      nir,
      'Lefèvre',
      'Hélène',
      birthDate,
      '73282932000074',
      'Cadre',
      'C/1',
      effectiveDate,
    ].map(text),
  };
}

describe('reference-data import: birth dates (issue 14 #9)', () => {
  it('refuses a member born in the future (with a later effective date) or in 1885', () => {
    const rows = parseTable('members', [
      { line: 1, cells: HEADER },
      member(2, '2270575123456', '14/05/2027', '01/06/2027'),
      member(3, '1850675123456', '12/06/1885'),
      member(4, '1850675123457', '12/06/1985'),
    ]);
    expect(rows.map((r) => (r.ok ? 'ok' : r.message))).toEqual([
      'La date de naissance ne peut pas être dans le futur',
      'Cette date de naissance donnerait plus de 120 ans : vérifiez l’année',
      'ok',
    ]);
  });
});
