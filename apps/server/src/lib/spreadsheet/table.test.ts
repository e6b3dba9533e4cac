import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { openTable } from './read-table';
import { scanTable, tableRows, type TableRow, type TableSource } from './table';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'affilia-table-'));
const file = (name: string, bytes: Buffer) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, bytes);
  return p;
};

async function read(source: TableSource, maxRows = 1_000_000) {
  const scan = await scanTable(source, { maxRows });
  const rows: TableRow[] = [];
  for await (const row of tableRows(source, scan)) rows.push(row);
  return { scan, rows };
}

const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => 'no error',
    (err: unknown) => (err instanceof AppError ? err.code : String(err)),
  );

describe('reading a CSV as a stream (issue 15)', () => {
  it('counts, then reads, a file of several chunks from its path: a character across two chunks, lines of quoted fields', async () => {
    // 64 kB chunks: « é » (2 bytes in UTF-8) lands on the boundary of the first one.
    const pad = 'x'.repeat(64 * 1024 - 'a;b\n'.length - 1);
    const text = `a;b\n${pad}é;1\n\n"deux\nlignes";2\n`;
    const p = file('chunks.csv', Buffer.from(text, 'utf8'));
    const { scan, rows } = await read({ path: p });
    expect(scan).toEqual({ kind: 'csv', encoding: 'utf-8', rows: 3 });
    expect(rows.map((r) => r.line)).toEqual([1, 2, 4]);
    expect(rows[1]?.cells[0]).toEqual({ kind: 'text', text: `${pad}é` });
    expect(rows[2]?.cells[0]).toEqual({ kind: 'text', text: 'deux\nlignes' });
  });

  it('reads Windows-1252 when a byte past the first chunk is not UTF-8, and as decodeText does: BOM, DOS end mark', async () => {
    const pad = 'y'.repeat(2 * 1024 * 1024);
    const p = file(
      'cp1252.csv',
      Buffer.from(`nom;ville\n${pad};1\nD\xe9sir\x96;2\n\x1a`, 'latin1'),
    );
    const { scan, rows } = await read({ path: p });
    expect(scan).toMatchObject({ encoding: 'windows-1252', rows: 3 });
    expect(rows[2]?.cells[0]).toEqual({ kind: 'text', text: 'Désir–' });
    const bom = await read({ bytes: Buffer.from('\uFEFFa,b\r\n1,2\r\n', 'utf8') });
    expect(bom.rows.map((r) => r.cells.map((c) => (c.kind === 'text' ? c.text : '')))).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('refuses binary data past the first bytes, a malformed file and too many rows in the first reading', async () => {
    const binary = Buffer.concat([Buffer.from(`a;b\n${'1;2\n'.repeat(5000)}`), Buffer.from([0])]);
    expect(await codeOf(scanTable({ bytes: binary }, { maxRows: 10_000 }))).toBe(
      'import_file_type',
    );
    expect(await codeOf(scanTable({ bytes: Buffer.from('a;b\n"1;2\n') }, { maxRows: 10 }))).toBe(
      'import_file_unreadable',
    );
    expect(
      await codeOf(scanTable({ bytes: Buffer.from('a;b\n1;2\n3;4\n5;6\n') }, { maxRows: 2 })),
    ).toBe('import_too_many_rows');
  });
});

describe('openTable (issue 15)', () => {
  it('counts the rows first, then gives them in batches while the worker reads only a few batches ahead', async () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => `${i};v${i}`);
    const p = file('batches.csv', Buffer.from(`n;v\n${lines.join('\n')}\n`));
    const opened = await openTable({ path: p }, { maxRows: 20_000 });
    try {
      expect(opened.kind).toBe('csv');
      expect(opened.rows).toBe(10_001);
      let count = 0;
      let last: TableRow | undefined;
      for await (const batch of opened.batches()) {
        expect(batch.length).toBeLessThanOrEqual(1000);
        count += batch.length;
        last = batch.at(-1);
      }
      expect(count).toBe(10_001);
      expect(last).toEqual({
        line: 10_001,
        cells: [
          { kind: 'text', text: '9999' },
          { kind: 'text', text: 'v9999' },
        ],
      });
    } finally {
      opened.close();
    }
  });

  it('throws a file-level error before any row is given (a malformed line at the end)', async () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `${i};v${i}`);
    const p = file('late-error.csv', Buffer.from(`n;v\n${lines.join('\n')}\n"x;y\n`));
    expect(await codeOf(openTable({ path: p }, { maxRows: 20_000 }))).toBe(
      'import_file_unreadable',
    );
  });

  it('writes nothing to the temporary folder and passes over sheets it does not need (Excel puts the sheets before the shared strings)', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Lisez-moi').addRow(['Instructions']);
    const sheet = wb.addWorksheet('Assurés');
    sheet.addRow(['NIR', 'Nom']);
    for (let i = 0; i < 50; i += 1)
      sheet.addRow([`28506751234${String(i).padStart(2, '0')}`, `Nom ${i}`]);
    wb.addWorksheet('Autre').addRow(['après']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const tmp = fs.mkdtempSync(path.join(dir, 'tmpdir-'));
    const before = process.env.TMPDIR;
    // exceljs' own reader copied each sheet there, raced the copies' deletion against their
    // opening when a sheet was passed over (ENOENT, CI), and ended early with TMPDIR one folder
    // deeper (TypeError « reading 'sheets' »): 20 turns lost at least once.
    process.env.TMPDIR = tmp;
    try {
      for (let turn = 0; turn < 10; turn += 1) {
        expect((await read({ bytes })).rows).toHaveLength(1);
        const named = await scanTable({ bytes }, { maxRows: 1000, sheetKeys: ['assures'] });
        expect(named).toMatchObject({ sheet: 2, rows: 51 });
        const rows: TableRow[] = [];
        for await (const row of tableRows({ bytes }, named)) rows.push(row);
        expect(rows).toHaveLength(51);
        expect(rows[50]?.cells[1]).toEqual({ kind: 'text', text: 'Nom 49' });
      }
      // In the worker thread too, and when an import stops before the end.
      const opened = await openTable({ bytes }, { maxRows: 1000, sheetKeys: ['assures'] });
      expect(opened.rows).toBe(51);
      opened.close();
      // (tsx, which runs the worker from the sources in tests, keeps its cache there.)
      expect(fs.readdirSync(tmp).filter((name) => !name.startsWith('tsx-'))).toEqual([]);
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
  });

  it('keeps every letter whole where an inflated chunk ends (« é » across two chunks of shared strings)', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Assurés');
    sheet.addRow(['Nom']);
    // Distinct strings, so the shared strings part runs over several 16 kB chunks; the
    // one-character offset of each name moves « é » across every position.
    const names = Array.from({ length: 3000 }, (_, i) => `${'x'.repeat(i % 7)}Hélène-Zoé ${i}`);
    for (const name of names) sheet.addRow([name]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const { rows } = await read({ bytes });
    expect(rows.slice(1).map((r) => (r.cells[0] as { text: string }).text)).toEqual(names);
  });
});
