import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors';
import {
  checkSiretCell,
  declaredUnzippedSize,
  decodeText,
  detectDelimiter,
  detectFileKind,
  extractRows,
  findColumns,
  LEADING_ZERO_LOST_MESSAGE,
  prepareRows,
  readCsvTable,
  readImportFile,
  SCIENTIFIC_NOTATION_MESSAGE,
  type Cell,
  type TableRow,
} from './import-file';
import { reportToCsv } from './import-report';

const text = (t: string): Cell => ({ kind: 'text', text: t });
const num = (value: number): Cell => ({ kind: 'number', value });

function errorCodeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? err.code : 'not an AppError';
  }
  return undefined;
}

async function asyncErrorOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}

describe('the type of a file, from its bytes', () => {
  it('knows an xlsx (ZIP) and text', () => {
    expect(detectFileKind(Buffer.from('PK\x03\x04rest', 'latin1'))).toBe('xlsx');
    expect(detectFileKind(Buffer.from('SIRET;Code identifiant\r\n'))).toBe('csv');
    expect(detectFileKind(Buffer.from([0xff, 0xfe, 0x53, 0x00]))).toBe('csv');
  });

  it('refuses an executable renamed .csv, an .xls, an .ods and an empty file', () => {
    const exe = Buffer.concat([
      Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'),
      Buffer.alloc(64),
    ]);
    expect(errorCodeOf(() => detectFileKind(exe))).toBe('import_file_type');
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect(errorCodeOf(() => detectFileKind(xls))).toBe('import_file_type');
    const ods = Buffer.from(
      'PK\x03\x04\x14\x00\x00\x08\x00\x00mimetypeapplication/vnd.oasis.opendocument.spreadsheet',
      'latin1',
    );
    expect(errorCodeOf(() => detectFileKind(ods))).toBe('import_file_type');
    expect(errorCodeOf(() => detectFileKind(Buffer.alloc(0)))).toBe('import_empty');
  });
});

describe('the text of a CSV file', () => {
  it('reads UTF-8 with or without BOM, Windows-1252 and UTF-16', () => {
    expect(decodeText(Buffer.from('\uFEFFSIRET;Dénomination', 'utf8'))).toBe('SIRET;Dénomination');
    expect(decodeText(Buffer.from('SIRET;Dénomination', 'utf8'))).toBe('SIRET;Dénomination');
    expect(decodeText(Buffer.from('SIRET;D\xe9nomination \x96 \xa0', 'latin1'))).toBe(
      'SIRET;Dénomination – \u00a0',
    );
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('SIRET\tCode', 'utf16le')]);
    expect(decodeText(utf16)).toBe('SIRET\tCode');
  });

  it('refuses binary content', () => {
    expect(errorCodeOf(() => decodeText(Buffer.from([0x41, 0x02, 0x03, 0x41])))).toBe(
      'import_file_type',
    );
    expect(decodeText(Buffer.from('a;b\r\n\x1a', 'latin1'))).toBe('a;b\r\n');
  });
});

describe('CSV', () => {
  it('detects the separator on the header line', () => {
    expect(detectDelimiter('SIRET;Code identifiant')).toBe(';');
    expect(detectDelimiter('SIRET,Code identifiant')).toBe(',');
    expect(detectDelimiter('SIRET\tCode identifiant')).toBe('\t');
    expect(detectDelimiter('"SIRET, numéro";"Code"')).toBe(';');
    expect(detectDelimiter('SIRET')).toBe(';');
  });

  it('numbers each record by the line where it starts', () => {
    const rows = readCsvTable('SIRET;Code\r\n\r\n1;"a\r\nb"\r\n2;c\r\n');
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 5]);
    expect(rows[2]?.cells).toEqual([text('1'), text('a\r\nb')]);
    expect(readCsvTable('a;b\r1;"x\ry"\r2;c').map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it('explains a CSV it cannot read', () => {
    expect(errorCodeOf(() => readCsvTable('SIRET;Code\n"1;a\n'))).toBe('import_file_unreadable');
  });
});

describe('columns', () => {
  it('finds the SIRET and the identifier whatever the case and accents', () => {
    expect(findColumns([text('SIRET'), text('Code identifiant')])).toEqual({
      siret: 0,
      identifier: 1,
    });
    expect(findColumns([text('Nom'), text('ID ASSUREUR'), text(' siret ')])).toEqual({
      siret: 2,
      identifier: 1,
    });
    expect(
      findColumns([
        text('Identifiant entreprise'),
        text("N° SIRET de l'établissement"),
        text('Code identifiant (ID Assureur)'),
      ]),
    ).toEqual({ siret: 1, identifier: 2 });
    expect(findColumns([text('SIRET'), text('Nom')])).toBeNull();
  });

  it('reads a file without header as SIRET then identifier', () => {
    const table: TableRow[] = [
      { line: 1, cells: [text('73282932000017'), text('VAL-001')] },
      { line: 2, cells: [text('73282932000025'), text('VAL-002')] },
    ];
    expect(extractRows(table).map((r) => r.line)).toEqual([1, 2]);
  });

  it('says when the columns are missing, the file empty or too long', () => {
    expect(errorCodeOf(() => extractRows([{ line: 1, cells: [text('Nom'), text('Ville')] }]))).toBe(
      'import_columns_missing',
    );
    expect(errorCodeOf(() => extractRows([]))).toBe('import_empty');
    expect(
      errorCodeOf(() => extractRows([{ line: 1, cells: [text('SIRET'), text('Identifiant')] }])),
    ).toBe('import_empty');
    const long: TableRow[] = [{ line: 1, cells: [text('SIRET'), text('Identifiant')] }];
    for (let i = 0; i < 4; i += 1) long.push({ line: i + 2, cells: [text('1'), text('x')] });
    expect(errorCodeOf(() => extractRows(long, 3))).toBe('import_too_many_rows');
    expect(extractRows(long, 4)).toHaveLength(4);
  });
});

describe('SIRET cells', () => {
  it('accepts spaces, non-breaking spaces, dots, Excel’s text marks', () => {
    for (const input of [
      '732 829 320 00074',
      '732\u00a0829\u00a0320\u00a000074',
      '732\u202f829\u202f320\u202f00074',
      '732.829.320.00074',
      '="73282932000074"',
      "'73282932000074",
      ' 73282932000074 ',
    ]) {
      expect(checkSiretCell(text(input)), input).toEqual({ ok: true, siret: '73282932000074' });
    }
  });

  it('never turns scientific notation into a number', () => {
    for (const input of ['3,56E+13', '3.5600000000048E+13', '3,56e13', '7,32829E+13']) {
      expect(checkSiretCell(text(input)), input).toEqual({
        ok: false,
        error: SCIENTIFIC_NOTATION_MESSAGE,
      });
    }
  });

  it('takes an exact 14-digit number, not one that lost its leading zero', () => {
    expect(checkSiretCell(num(73282932000074))).toEqual({ ok: true, siret: '73282932000074' });
    expect(checkSiretCell(num(1234567400019))).toEqual({
      ok: false,
      error: LEADING_ZERO_LOST_MESSAGE,
    });
    expect(checkSiretCell(num(7.3282932e13)).ok).toBe(false);
    expect(checkSiretCell(num(1.5))).toEqual({
      ok: false,
      error: 'Le SIRET doit comporter 14 chiffres',
    });
  });

  it('checks the checksum (La Poste included)', () => {
    expect(checkSiretCell(text('73282932000079'))).toEqual({
      ok: false,
      error: 'Ce numéro de SIRET n’est pas valide',
    });
    expect(checkSiretCell(text('35600000009075'))).toEqual({ ok: true, siret: '35600000009075' });
  });
});

describe('rows', () => {
  it('reports missing cells and duplicates, keeps the first occurrence', () => {
    const rows = prepareRows([
      { line: 2, siret: text('73282932000074'), identifier: text(' val-001 ') },
      { line: 3, siret: text('732 829 320 00074'), identifier: text('VAL-001') },
      { line: 4, siret: text('73282932000017'), identifier: null },
      { line: 5, siret: null, identifier: text('VAL-003') },
      { line: 6, siret: text('73282932000025'), identifier: text('x'.repeat(41)) },
    ]);
    expect(rows).toEqual([
      {
        line: 2,
        siret: '73282932000074',
        identifier: 'val-001',
        identifierKey: 'VAL-001',
        status: null,
      },
      {
        line: 3,
        siret: '73282932000074',
        identifier: 'VAL-001',
        status: 'duplicate',
        message: 'Ce SIRET figure déjà à la ligne 2 du fichier',
      },
      {
        line: 4,
        siret: '73282932000017',
        identifier: '',
        status: 'invalid_row',
        message: 'Code identifiant manquant',
      },
      {
        line: 5,
        siret: '',
        identifier: 'VAL-003',
        status: 'invalid_row',
        message: 'SIRET manquant',
      },
      {
        line: 6,
        siret: '73282932000025',
        identifier: 'x'.repeat(41),
        status: 'invalid_row',
        message: 'Code identifiant trop long (40 caractères au plus)',
      },
    ]);
  });
});

describe('xlsx', () => {
  async function workbookBytes(fill: (sheet: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void) {
    const wb = new ExcelJS.Workbook();
    fill(wb.addWorksheet('Feuil1'), wb);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  it('reads numbers, text, rich text, formulas and hyperlinks', async () => {
    const bytes = await workbookBytes((sheet) => {
      sheet.addRow(['SIRET', 'Code identifiant']);
      sheet.addRow([73282932000074, 'VAL-001']);
      sheet.addRow(['732 829 320 00017', { richText: [{ text: 'VAL-' }, { text: '002' }] }]);
      sheet.addRow([{ formula: 'A2', result: '73282932000025' }, 'VAL-003']);
      sheet.addRow([]);
      sheet.addRow([
        { formula: 'A2', result: 73282932000033 },
        { text: 'VAL-004', hyperlink: 'https://exemple.fr' },
      ]);
    });
    const { kind, rows } = await readImportFile(bytes);
    expect(kind).toBe('xlsx');
    expect(rows.map((r) => [r.line, r.siret, r.identifier, r.status])).toEqual([
      [2, '73282932000074', 'VAL-001', null],
      [3, '73282932000017', 'VAL-002', null],
      [4, '73282932000025', 'VAL-003', null],
      [6, '73282932000033', 'VAL-004', null],
    ]);
  });

  it('prefers the sheet « Établissements »', async () => {
    const bytes = await workbookBytes((sheet, wb) => {
      sheet.addRow(['Autre chose']);
      const target = wb.addWorksheet('Etablissements');
      target.addRow(['SIRET', 'Identifiant']);
      target.addRow(['73282932000074', 'VAL-001']);
    });
    expect((await readImportFile(bytes)).rows).toHaveLength(1);
  });

  it('refuses a damaged workbook and a ZIP bomb', async () => {
    const damaged = Buffer.from('PK\x03\x04 not really a zip', 'latin1');
    expect((await asyncErrorOf(readImportFile(damaged))).code).toBe('import_file_unreadable');
    const good = await workbookBytes((sheet) => sheet.addRow(['SIRET', 'Identifiant']));
    expect(declaredUnzippedSize(good)).toBeGreaterThan(0);
    // Declare a huge entry in the central directory.
    const bomb = Buffer.from(good);
    const eocd = bomb.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const cd = bomb.readUInt32LE(eocd + 16);
    bomb.writeUInt32LE(0x7fffffff, cd + 24);
    expect((await asyncErrorOf(readImportFile(bomb))).code).toBe('import_file_unzipped_too_large');
  });
});

describe('the CSV report', () => {
  it('is UTF-8 with BOM, `;`, with SIRETs kept as text and formulas neutralised', () => {
    const csv = reportToCsv([
      {
        line: 2,
        siret: '73282932000074',
        identifier: '=HYPERLINK("x")',
        status: 'added',
        message: 'Ajouté : A; B',
      },
      { line: 3, siret: '3,56E+13', identifier: '-1', status: 'invalid_siret', message: 'x' },
    ]).toString('utf8');
    expect(csv).toBe(
      '\uFEFFLigne;SIRET;Code identifiant;Résultat;Détail\r\n' +
        '2;732 829 320 00074;"\'=HYPERLINK(""x"")";Ajouté;"Ajouté : A; B"\r\n' +
        "3;3,56E+13;'-1;SIRET invalide;x\r\n",
    );
  });
});
