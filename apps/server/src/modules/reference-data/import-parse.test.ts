import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { computeNirKey } from '@affilia/shared/validators/nir';
import { readTable } from '../establishments/import-file';
import { maskNir, parseOptions, parseTable, SHEET_KEYS } from './import-parse';

const NIR13 = '2850675123456';
const NIR = NIR13 + computeNirKey(NIR13);

async function xlsx(rows: unknown[][], sheets = ['Instructions', 'Assurés']) {
  const wb = new ExcelJS.Workbook();
  for (const name of sheets) {
    const sheet = wb.addWorksheet(name);
    if (name !== 'Instructions') for (const r of rows) sheet.addRow(r);
    else sheet.addRow(['Lisez-moi']);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('reference-data import: reading the rows', () => {
  it('reads members from an xlsx: loose headers, the named sheet, numbers and dates as Excel keeps them', async () => {
    const bytes = await xlsx([
      [
        'N° de sécurité sociale',
        'NOM',
        'prénom',
        'Date de naissance',
        'Siret',
        'Statut',
        'N° contrat',
        'Option',
        'Date d’effet',
        'Date de fin',
      ],
      // A NIR typed as a number, a date cell, an Excel serial date, a SIRET as a number.
      [
        Number(NIR),
        'Lefèvre',
        'Hélène',
        new Date(Date.UTC(1985, 5, 12)),
        73282932000074,
        'cadre',
        'C/1',
        'opt1',
        45292,
        '',
      ],
      // A NIR turned into scientific notation (then the row's other errors are not reached).
      [
        '2,85067E+14',
        'A',
        'B',
        '31/02/1985',
        '73282932000074',
        'Stagiaire',
        'C/1',
        '',
        '01/01/2024',
        '',
      ],
      ['', '', '', '', '', '', '', '', '', ''],
      [
        NIR,
        'Durand',
        'Léa',
        '12/06/1985',
        '73282932000074',
        'Non cadre',
        'C/1',
        '',
        '01/01/2024',
        '01/01/2023',
      ],
    ]);
    const { kind, table } = await readTable(bytes, { sheetKeys: SHEET_KEYS.members });
    expect(kind).toBe('xlsx');
    const rows = parseTable('members', table);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({
      line: 2,
      ok: true,
      key: maskNir(NIR13),
      label: 'LEFÈVRE Hélène',
      data: {
        nir: NIR13,
        birthDate: '1985-06-12',
        siret: '73282932000074',
        professionalStatus: 'cadre',
        contractNumber: 'C/1',
        option: 'opt1',
        effectiveDate: '2024-01-01',
        endDate: null,
        warning: null,
      },
    });
    expect(rows[1]).toMatchObject({ line: 3, ok: false, key: '2,850…' });
    expect(rows[1]?.ok === false && rows[1].message).toMatch(/notation scientifique/);
    expect(rows[2]).toMatchObject({
      line: 5,
      ok: false,
      message: 'La date de fin précède la date d’effet',
    });
  });

  it('gives a postal code typed as a number its leading zero back, with a notice', () => {
    const text = (t: string) => ({ kind: 'text' as const, text: t });
    const num = (value: number) => ({ kind: 'number' as const, value });
    const header = ['SIRET', 'Nom', 'Code postal', 'Identifiant établissement'].map(text);
    const row = (
      line: number,
      postalCode: { kind: 'text'; text: string } | { kind: 'number'; value: number },
    ) => ({
      line,
      cells: [text('73282932000074'), text('Agence de Nice'), postalCode, text(`ETB-${line}`)],
    });
    const rows = parseTable('establishments', [
      { line: 1, cells: header },
      row(2, num(6000)),
      row(3, text('6000')),
      row(4, num(75001)),
      row(5, num(600)),
      row(6, text('6OOO')),
    ]);
    const notice =
      'code postal 6000 lu comme 06000 : le zéro du début, perdu par le tableur, a été rétabli';
    expect(rows[0]).toMatchObject({ ok: true, data: { postalCode: '06000', warning: notice } });
    // The same SIRET: reported as a duplicate, but read all the same.
    expect(rows.slice(1).map((r) => (r.ok ? r.data.postalCode : r.message))).toEqual([
      'Cette ligne figure déjà à la ligne 2 du fichier',
      'Cette ligne figure déjà à la ligne 2 du fichier',
      'Code postal : 5 chiffres',
      'Code postal : 5 chiffres',
    ]);
    const single = (cell: Parameters<typeof row>[1]) =>
      parseTable('establishments', [{ line: 1, cells: header }, row(2, cell)])[0];
    expect(single(text('6000'))).toMatchObject({
      ok: true,
      data: { postalCode: '06000', warning: notice },
    });
    expect(single(num(75001))).toMatchObject({
      ok: true,
      data: { postalCode: '75001', warning: null },
    });
  });

  it('names the missing columns', () => {
    const header = ['SIREN', 'Nom'].map((text) => ({ kind: 'text' as const, text }));
    expect(() => parseTable('companies', [{ line: 1, cells: header }])).toThrow(
      'La colonne « Identifiant entreprise » est introuvable',
    );
  });

  it('reads the options of a contract', () => {
    expect(parseOptions('Base obligatoire | Option 1 facultative | sur=Surcomplémentaire')).toEqual(
      {
        ok: true,
        value: [
          { code: 'base', label: 'Base obligatoire', mandatory: true },
          { code: 'opt1', label: 'Option 1 facultative', mandatory: false },
          { code: 'sur', label: 'Surcomplémentaire', mandatory: false },
        ],
      },
    );
    expect(parseOptions('')).toEqual({
      ok: true,
      value: [{ code: 'base', label: 'Base obligatoire', mandatory: true }],
    });
    expect(parseOptions('Option 1 | Option 1').ok).toBe(false);
  });
});
