import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { readZip, writeZip, xlsxBomb } from '../../../test/zip';
import { maxUnzippedBytes, readTableInThread } from './table';
import { checkInflatedSizes, checkZipDirectory, declaredUnzippedSize } from './zip-guard';

async function workbook(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Établissements');
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? err.code : String(err);
  }
  return undefined;
}

async function asyncCodeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (err) {
    return err instanceof AppError ? err.code : String(err);
  }
  return undefined;
}

const LIMIT = maxUnzippedBytes(5000);

describe('the ZIP guard of every .xlsx (issue 14 #2)', () => {
  it('lets a real workbook through, its declared sizes checked against the real ones', async () => {
    const bytes = await workbook([
      ['SIRET', 'Code identifiant'],
      ['73282932000074', 'VAL-001'],
    ]);
    const entries = checkZipDirectory(bytes, LIMIT);
    expect(entries.map((e) => e.name)).toContain('xl/worksheets/sheet1.xml');
    await expect(checkInflatedSizes(bytes, entries, LIMIT)).resolves.toBeUndefined();
  });

  it('refuses a bomb from its central directory alone: no byte inflated', async () => {
    const bomb = await xlsxBomb(await workbook([['SIRET']]), 64);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(declaredUnzippedSize(bomb)).toBeGreaterThan(64 * 1024 * 1024);
    // 64 MB is within the back office's limit for 200,000 rows, but inflates ~300 times.
    expect(maxUnzippedBytes(200_000)).toBeGreaterThan(64 * 1024 * 1024);
    expect(codeOf(() => checkZipDirectory(bomb, maxUnzippedBytes(200_000)))).toBe(
      'import_file_unzipped_too_large',
    );
  });

  it('refuses what is too large for the import even at a plausible ratio', async () => {
    // Hexadecimal noise compresses about 2 times: no bomb, but 4 MB where 2 MB are allowed.
    const noise = Buffer.from(
      Array.from({ length: (4 * 1024 * 1024) / 8 }, (_, i) =>
        ((i * 2654435761) >>> 0).toString(16).padStart(8, '0'),
      ).join(''),
    );
    const base = readZip(await workbook([['SIRET']]));
    const big = await writeZip(
      base.map((e) => (e.name === 'xl/worksheets/sheet1.xml' ? { name: e.name, data: noise } : e)),
    );
    expect(codeOf(() => checkZipDirectory(big, 2 * 1024 * 1024))).toBe(
      'import_file_unzipped_too_large',
    );
    expect(codeOf(() => checkZipDirectory(big, 8 * 1024 * 1024))).toBeUndefined();
    // The limits of the imports: room for their most rows.
    expect(maxUnzippedBytes(5000)).toBe(32 * 1024 * 1024 + 5000 * 2048);
  });

  it('finds a size that the headers understate, while inflating, and stops there', async () => {
    const liar = await xlsxBomb(await workbook([['SIRET']]), 64, { declaredSize: 512 * 1024 });
    const entries = checkZipDirectory(liar, LIMIT);
    expect(await asyncCodeOf(checkInflatedSizes(liar, entries, LIMIT))).toBe(
      'import_file_unzipped_too_large',
    );
    expect(await asyncCodeOf(readTableInThread(liar, { maxRows: 5000 }))).toBe(
      'import_file_unzipped_too_large',
    );
  });

  it('refuses a damaged ZIP as unreadable', async () => {
    expect(
      codeOf(() => checkZipDirectory(Buffer.from('PK\x03\x04 pas un zip', 'latin1'), LIMIT)),
    ).toBe('import_file_unreadable');
  });
});

describe('the streaming xlsx reader', () => {
  it('reads the named sheet, skips hidden sheets and blank rows, stops past the most rows', async () => {
    const wb = new ExcelJS.Workbook();
    const hidden = wb.addWorksheet('Etablissements', { state: 'hidden' });
    hidden.addRow(['caché']);
    const first = wb.addWorksheet('Notes');
    first.addRow(['SIRET', 'Code identifiant']);
    first.addRow([]);
    first.addRow(['73282932000074', 'VAL-001']);
    first.addRow([73282932000017, new Date(Date.UTC(2024, 0, 31))]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const { kind, table } = await readTableInThread(bytes, {
      sheetKeys: ['etablissements'],
      maxRows: 2,
    });
    expect(kind).toBe('xlsx');
    expect(table).toEqual([
      {
        line: 1,
        cells: [
          { kind: 'text', text: 'SIRET' },
          { kind: 'text', text: 'Code identifiant' },
        ],
      },
      {
        line: 3,
        cells: [
          { kind: 'text', text: '73282932000074' },
          { kind: 'text', text: 'VAL-001' },
        ],
      },
      {
        line: 4,
        cells: [
          { kind: 'number', value: 73282932000017 },
          { kind: 'text', text: '2024-01-31' },
        ],
      },
    ]);
    expect(await asyncCodeOf(readTableInThread(bytes, { maxRows: 1 }))).toBe(
      'import_too_many_rows',
    );
  });
});
