import { describe, expect, it } from 'vitest';
import { formatSiret } from './format-siret';
import { checkChosenFile } from '../../components/import-file-check';

describe('formatSiret', () => {
  it('groups a SIRET as on the letters, and leaves anything else as it is', () => {
    expect(formatSiret('35600000000048')).toBe('356 000 000 00048');
    expect(formatSiret('3,56E+13')).toBe('3,56E+13');
    expect(formatSiret('')).toBe('');
  });
});

describe('checkChosenFile', () => {
  it('accepts .csv and .xlsx files up to 2 MB', () => {
    expect(checkChosenFile({ name: 'Etablissements.XLSX', size: 10_000 })).toBeNull();
    expect(checkChosenFile({ name: 'export.csv', size: 2 * 1024 * 1024 })).toBeNull();
  });

  it('explains what to do with any other file', () => {
    expect(checkChosenFile({ name: 'ancien.xls', size: 10 })).toMatch(/\.xlsx\) ou CSV/);
    expect(checkChosenFile({ name: 'programme.exe', size: 10 })).toBe(
      'Choisissez un fichier Excel (.xlsx) ou CSV (.csv)',
    );
    expect(checkChosenFile({ name: 'vide.csv', size: 0 })).toBe('Ce fichier est vide');
    expect(checkChosenFile({ name: 'gros.csv', size: 3 * 1024 * 1024 })).toMatch(/2 Mo au plus/);
  });
});
