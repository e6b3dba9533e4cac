/**
 * Reading a spreadsheet's bytes into a table of cells, for every import of the server (the
 * employer's establishments, the back office's reference data and its command line). No row
 * meaning here: the modules find their columns and check their rows (establishments/import-file.ts,
 * reference-data/import-parse.ts).
 *
 * - the type is decided from the bytes, never from the name: a .xlsx is a ZIP (`PK\3\4`), a CSV
 *   is text (no NUL byte, no control character); .xls, .ods and anything else are refused with a
 *   message that says what to do;
 * - CSV: `;`, `,` or tab separators (detected on the header line), UTF-8 with or without BOM,
 *   Windows-1252 (what French Excel writes for « CSV (séparateur : point-virgule) »), UTF-16
 *   with BOM (« Texte Unicode »), quoted fields, blank lines;
 * - xlsx: read as a stream (exceljs' parsers, xlsx-sheets.ts) after the ZIP guard (zip-guard.ts): numbers,
 *   text, rich text, formulas (their cached result), hyperlinks, dates; the sheet named as asked,
 *   else the first visible sheet with rows.
 *
 * This runs in a worker thread (read-table.ts): never call readTableInThread on the server's
 * main thread.
 */
import fs from 'node:fs';
import { pipeline, Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { parse as parseCsvStream } from 'csv-parse';
import { parse as parseCsv } from 'csv-parse/sync';
import { AppError, badRequest } from '../errors';
import { xlsxSheets } from './xlsx-sheets';
import { checkInflatedSizes, checkZipDirectory, damagedXlsx, readZipDirectory } from './zip-guard';

/** A cell as read: the text of a CSV field or a text cell, or the number of a numeric cell. */
export type Cell = { kind: 'text'; text: string } | { kind: 'number'; value: number };

export interface TableRow {
  /** 1-based line of the CSV file (where the record starts) or row of the sheet. */
  line: number;
  cells: Cell[];
}

export type FileKind = 'csv' | 'xlsx';

/** What a table may hold: the import's most rows, and what the file may weigh once unzipped. */
export interface TableLimits {
  /** The sheet to read, by its matchKey() name; else the first visible sheet with rows. */
  sheetKeys?: readonly string[];
  /** The most data rows (blank rows not counted, the header row apart). */
  maxRows: number;
}

/** Room for the widest real rows (about 400 bytes a row in a sheet of the member import). */
const UNZIPPED_BYTES_PER_ROW = 2048;
const UNZIPPED_BYTES_BASE = 32 * 1024 * 1024;
/** The most columns read in a row. */
const MAX_COLUMNS = 50;

/** What an .xlsx may weigh once unzipped for an import of `maxRows` rows. */
export function maxUnzippedBytes(maxRows: number): number {
  return UNZIPPED_BYTES_BASE + maxRows * UNZIPPED_BYTES_PER_ROW;
}

const unreadable = (message: string) => badRequest('import_file_unreadable', message);
const wrongType = (message: string) => badRequest('import_file_type', message);
const SAVE_AS =
  'Enregistrez votre fichier au format Excel (.xlsx) ou CSV (.csv), par exemple à partir du modèle.';

export const tooManyRows = (maxRows: number) =>
  badRequest(
    'import_too_many_rows',
    `Le fichier contient plus de ${maxRows.toLocaleString('fr-FR')} lignes : découpez-le en plusieurs fichiers de ${maxRows.toLocaleString('fr-FR')} lignes au plus.`,
  );

// ---------------------------------------------------------------------------------------------
// Type and encoding

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const UTF8_BOM = [0xef, 0xbb, 0xbf];
const UTF16LE_BOM = [0xff, 0xfe];
const UTF16BE_BOM = [0xfe, 0xff];

/** 'xlsx' or 'csv' from the bytes; throws for any other kind of file. */
export function detectFileKind(bytes: Uint8Array): FileKind {
  if (bytes.length === 0) throw badRequest('import_empty', 'Le fichier est vide.');
  if (startsWith(bytes, ZIP)) {
    // An OpenDocument file stores its type, uncompressed, as its first entry.
    const head = Buffer.from(bytes.subarray(0, 200)).toString('latin1');
    if (head.includes('application/vnd.oasis.opendocument')) {
      throw wrongType(`Le format OpenDocument (.ods) n’est pas accepté. ${SAVE_AS}`);
    }
    return 'xlsx';
  }
  if (startsWith(bytes, OLE)) {
    throw wrongType(`Le format Excel 97-2003 (.xls) n’est pas accepté. ${SAVE_AS}`);
  }
  if (startsWith(bytes, UTF16LE_BOM) || startsWith(bytes, UTF16BE_BOM)) return 'csv';
  if (bytes.includes(0)) {
    throw wrongType(`Ce fichier n’est ni un fichier CSV ni un fichier Excel. ${SAVE_AS}`);
  }
  return 'csv';
}

/** Windows-1252's characters for the bytes 0x80–0x9F (undefined bytes stay as they are). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/**
 * Windows-1252, as French Excel writes « CSV (séparateur : point-virgule) ». Node's TextDecoder
 * reads this label as Latin-1 (0x80–0x9F become control characters): those 32 bytes are mapped
 * here.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder('windows-1252')
    .decode(bytes)
    .replace(/[\u0080-\u009f]/g, (ch) => CP1252_HIGH[ch.charCodeAt(0) - 0x80] ?? ch);
}

/**
 * The text of a CSV file: UTF-16 with BOM, UTF-8 (with or without BOM), else Windows-1252.
 * Throws when the result is not text (control characters).
 */
export function decodeText(bytes: Uint8Array): string {
  let text: string;
  if (startsWith(bytes, UTF16LE_BOM)) {
    text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  } else if (startsWith(bytes, UTF16BE_BOM)) {
    text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  } else {
    const body = startsWith(bytes, UTF8_BOM) ? bytes.subarray(3) : bytes;
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    } catch {
      text = decodeWindows1252(body);
    }
  }
  // An old DOS end-of-file mark is harmless; any other control character means binary data.
  // eslint-disable-next-line no-control-regex
  text = text.replace(/\u001a+$/, '');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) {
    throw wrongType(`Ce fichier n’est ni un fichier CSV ni un fichier Excel. ${SAVE_AS}`);
  }
  return text;
}

// ---------------------------------------------------------------------------------------------
// CSV

/** The separator of a header line: the most frequent of `;`, `,` and tab outside quotes. */
export function detectDelimiter(headerLine: string): ';' | ',' | '\t' {
  const counts = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === ';' || ch === ',' || ch === '\t')) counts[ch] += 1;
  }
  if (counts['\t'] > counts[';'] && counts['\t'] > counts[',']) return '\t';
  return counts[','] > counts[';'] ? ',' : ';';
}

function firstNonBlankLine(text: string): string {
  for (const line of text.split(/\r\n|\n|\r/)) {
    if (line.trim() !== '') return line;
  }
  return '';
}

/** The records of a CSV file, each with the line where it starts; `skipBlank`: blank ones left out. */
export function readCsvTable(text: string, opts: { skipBlank?: boolean } = {}): TableRow[] {
  const delimiter = detectDelimiter(firstNonBlankLine(text));
  let records: (string[] | undefined)[];
  try {
    // Empty lines are kept (as one empty field) so that each record's line can be counted.
    records = parseCsv(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    });
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw unreadable(
      `Le fichier CSV est mal formé${line ? ` vers la ligne ${line}` : ''} (un guillemet n’est peut-être pas refermé). ${SAVE_AS}`,
    );
  }
  const rows: TableRow[] = [];
  let line = 1;
  for (let i = 0; i < records.length; i += 1) {
    const record = records[i] as string[];
    // Each record is let go once read: the table never holds the file twice.
    records[i] = undefined;
    const start = line;
    // A quoted field may span several lines.
    line += 1 + record.reduce((n, field) => n + (field.match(/\r\n|\n|\r/g)?.length ?? 0), 0);
    if (opts.skipBlank && record.every((field) => field.trim() === '')) continue;
    rows.push({ line: start, cells: record.map((t) => ({ kind: 'text' as const, text: t })) });
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// xlsx

function toCell(value: ExcelJS.CellValue): Cell | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return { kind: 'number', value };
  if (typeof value === 'string') return { kind: 'text', text: value };
  if (typeof value === 'boolean') return { kind: 'text', text: value ? 'VRAI' : 'FAUX' };
  if (value instanceof Date) return { kind: 'text', text: value.toISOString().slice(0, 10) };
  if ('richText' in value) {
    return { kind: 'text', text: value.richText.map((part) => part.text).join('') };
  }
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    if (result === undefined || result === null) return null;
    if (typeof result === 'number') return { kind: 'number', value: result };
    if (typeof result === 'string') return { kind: 'text', text: result };
    if (result instanceof Date) return { kind: 'text', text: result.toISOString().slice(0, 10) };
    if (typeof result === 'object' && 'error' in result) {
      return { kind: 'text', text: String(result.error) };
    }
    return typeof result === 'boolean' ? { kind: 'text', text: result ? 'VRAI' : 'FAUX' } : null;
  }
  if ('hyperlink' in value && 'text' in value) {
    const text = value.text as unknown;
    if (typeof text === 'string') return { kind: 'text', text };
    if (text && typeof text === 'object' && 'richText' in text) {
      return {
        kind: 'text',
        text: (text as ExcelJS.CellRichTextValue).richText.map((p) => p.text).join(''),
      };
    }
    return null;
  }
  if ('error' in value) return { kind: 'text', text: String(value.error) };
  return null;
}

function isHidden(sheet: { state?: string }): boolean {
  return sheet.state === 'hidden' || sheet.state === 'veryHidden';
}

/** The cells of a sheet's row (at most MAX_COLUMNS), or null when every cell is blank. */
function rowOfSheet(row: ExcelJS.Row): TableRow | null {
  const cells: Cell[] = [];
  const width = Math.min(row.cellCount, MAX_COLUMNS);
  for (let col = 1; col <= width; col += 1) {
    cells.push(toCell(row.getCell(col).value) ?? { kind: 'text', text: '' });
  }
  return cells.some((c) => !isBlank(c)) ? { line: row.number, cells } : null;
}

/**
 * The sheet to read (its position among the workbook's sheets, 1-based; 0 when no sheet has
 * rows) and its count of non-blank rows: the sheet named as asked, else the first visible sheet
 * with rows. Passes the ZIP guard first; throws past `maxRows` + the header.
 */
export async function scanXlsx(
  bytes: Buffer,
  limits: TableLimits,
): Promise<{ sheet: number; rows: number }> {
  const maxBytes = maxUnzippedBytes(limits.maxRows);
  const entries = checkZipDirectory(bytes, maxBytes);
  await checkInflatedSizes(bytes, entries, maxBytes);
  const sheetKeys = limits.sheetKeys ?? [];
  let sheets = 0;
  let fallback: { sheet: number; rows: number } | null = null;
  try {
    for await (const sheet of xlsxSheets(bytes, entries)) {
      sheets += 1;
      if (isHidden(sheet)) continue;
      const wanted = sheetKeys.includes(matchKey(sheet.name ?? ''));
      if (!wanted && fallback) continue;
      let rows = 0;
      for await (const row of sheet) {
        if (!rowOfSheet(row)) continue;
        rows += 1;
        if (rows > limits.maxRows + 1) throw tooManyRows(limits.maxRows);
      }
      if (wanted) return { sheet: sheets, rows };
      if (rows > 0) fallback = { sheet: sheets, rows };
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw unreadable(`Ce fichier Excel ne peut pas être ouvert. ${SAVE_AS}`);
  }
  if (sheets === 0) throw badRequest('import_empty', 'Le fichier ne contient aucune feuille.');
  return fallback ?? { sheet: 0, rows: 0 };
}

/** The non-blank rows of the sheet found by scanXlsx(), one at a time. */
export async function* xlsxRows(bytes: Buffer, sheetNumber: number): AsyncGenerator<TableRow> {
  if (sheetNumber === 0) return;
  const entries = readZipDirectory(bytes);
  if (!entries) throw damagedXlsx();
  let sheets = 0;
  try {
    for await (const sheet of xlsxSheets(bytes, entries)) {
      sheets += 1;
      if (sheets !== sheetNumber) continue;
      for await (const row of sheet) {
        const read = rowOfSheet(row);
        if (read) yield read;
      }
      return;
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw unreadable(`Ce fichier Excel ne peut pas être ouvert. ${SAVE_AS}`);
  }
}

/**
 * The non-blank rows of the sheet named as asked (else the first visible sheet with rows), read
 * as a stream once the ZIP guard has passed. Throws past `maxRows` + the header.
 */
export async function readXlsxTable(bytes: Buffer, limits: TableLimits): Promise<TableRow[]> {
  const { sheet } = await scanXlsx(bytes, limits);
  const rows: TableRow[] = [];
  for await (const row of xlsxRows(bytes, sheet)) rows.push(row);
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Cells

/** A header or sheet name reduced to its letters and digits, lower case, without accents. */
export function matchKey(input: string): string {
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export function cellText(cell: Cell | undefined | null): string {
  if (!cell) return '';
  return cell.kind === 'text' ? cell.text : String(cell.value);
}

export function isBlank(cell: Cell | undefined | null): boolean {
  return cellText(cell).trim() === '';
}

// ---------------------------------------------------------------------------------------------
// CSV as a stream

/** What a table is read from: bytes in memory, or a file (read as a stream). */
export type TableSource = { bytes: Buffer } | { path: string };

export type CsvEncoding = 'utf-16le' | 'utf-16be' | 'utf-8' | 'windows-1252';

/** Bytes read at a time: csv-parse turns a whole chunk into records at once (16,000 blank rows at most). */
const CHUNK_BYTES = 64 * 1024;

async function* byteChunks(source: TableSource): AsyncGenerator<Buffer> {
  if ('bytes' in source) {
    for (let i = 0; i < source.bytes.length; i += CHUNK_BYTES) {
      yield source.bytes.subarray(i, i + CHUNK_BYTES);
    }
    return;
  }
  for await (const chunk of fs.createReadStream(source.path, { highWaterMark: CHUNK_BYTES })) {
    yield chunk as Buffer;
  }
}

/** The first bytes of a source (its type and byte-order mark). */
export async function headOf(source: TableSource, length = 4096): Promise<Buffer> {
  if ('bytes' in source) return source.bytes.subarray(0, length);
  const handle = await fs.promises.open(source.path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The encoding a CSV file's first bytes announce (UTF-8 until proven otherwise). */
function announcedEncoding(head: Uint8Array): { encoding: CsvEncoding; bom: number } {
  if (startsWith(head, UTF16LE_BOM)) return { encoding: 'utf-16le', bom: 2 };
  if (startsWith(head, UTF16BE_BOM)) return { encoding: 'utf-16be', bom: 2 };
  return { encoding: 'utf-8', bom: startsWith(head, UTF8_BOM) ? 3 : 0 };
}

const notText = () =>
  wrongType(`Ce fichier n’est ni un fichier CSV ni un fichier Excel. ${SAVE_AS}`);

/**
 * The text of a CSV source, chunk by chunk, as decodeText() reads it whole: a UTF-8 decoder that
 * throws on invalid bytes (the caller then reads the file again as Windows-1252), control
 * characters refused, an old DOS end-of-file mark at the very end let go.
 */
async function* textChunks(source: TableSource, encoding: CsvEncoding): AsyncGenerator<string> {
  const { bom } = announcedEncoding(await headOf(source, 4));
  const skip = encoding === 'windows-1252' ? 0 : bom;
  const decoder =
    encoding === 'windows-1252'
      ? null
      : new TextDecoder(encoding, { fatal: encoding === 'utf-8', ignoreBOM: true });
  let endMark = false;
  let first = true;
  const checked = (text: string): string => {
    // eslint-disable-next-line no-control-regex
    if (endMark && /[^\u001a]/.test(text)) throw notText();
    // eslint-disable-next-line no-control-regex
    const kept = text.replace(/\u001a+$/, '');
    if (kept.length < text.length) endMark = true;
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(kept)) throw notText();
    return kept;
  };
  for await (let chunk of byteChunks(source)) {
    if (first) {
      chunk = chunk.subarray(skip);
      first = false;
    }
    const text = decoder ? decoder.decode(chunk, { stream: true }) : decodeWindows1252(chunk);
    const kept = checked(text);
    if (kept) yield kept;
  }
  if (decoder) {
    const kept = checked(decoder.decode());
    if (kept) yield kept;
  }
}

const isInvalidUtf8 = (err: unknown) =>
  (err as { code?: string }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA';

/**
 * The records of a CSV source, each with the line where it starts (blank ones left out): the
 * separator detected on the first non-blank line, csv-parse as a stream, so that only a chunk of
 * the file is in memory at a time.
 */
export async function* csvRows(
  source: TableSource,
  encoding: CsvEncoding,
): AsyncGenerator<TableRow> {
  const text = textChunks(source, encoding);
  // Enough text to hold the first non-blank line whole.
  let head = '';
  for (;;) {
    const lines = head.split(/\r\n|\n|\r/);
    if (lines.slice(0, -1).some((l) => l.trim() !== '')) break;
    const next = await text.next();
    if (next.done) break;
    head += next.value;
  }
  const delimiter = detectDelimiter(firstNonBlankLine(head));
  async function* all() {
    if (head) yield head;
    yield* text;
  }
  const parser = parseCsvStream({
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
  });
  const records = pipeline(Readable.from(all()), parser, () => undefined);
  let line = 1;
  try {
    for await (const record of records as AsyncIterable<string[]>) {
      const start = line;
      // A quoted field may span several lines.
      line += 1 + record.reduce((n, field) => n + (field.match(/\r\n|\n|\r/g)?.length ?? 0), 0);
      if (record.every((field) => field.trim() === '')) continue;
      yield { line: start, cells: record.map((t) => ({ kind: 'text' as const, text: t })) };
    }
  } catch (err) {
    if (err instanceof AppError || isInvalidUtf8(err)) throw err;
    const at = (err as { lines?: number }).lines;
    throw unreadable(
      `Le fichier CSV est mal formé${at ? ` vers la ligne ${at}` : ''} (un guillemet n’est peut-être pas refermé). ${SAVE_AS}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// The table

/** What the first reading of a file found: how to read it again, and how many rows it has. */
export type TableScan =
  | { kind: 'csv'; encoding: CsvEncoding; rows: number }
  | { kind: 'xlsx'; sheet: number; rows: number };

/**
 * The first reading of a file, rows counted and let go: its type from the bytes, an .xlsx behind
 * the ZIP guard, a CSV's encoding (UTF-8, else Windows-1252); every file-level error is thrown
 * here (type, unreadable, malformed, too many rows), before any row is used. `rows` counts the
 * non-blank rows, the header included. Runs in the worker thread.
 */
export async function scanTable(source: TableSource, limits: TableLimits): Promise<TableScan> {
  const kind = detectFileKind(await headOf(source));
  if (kind === 'xlsx') {
    const bytes = 'bytes' in source ? source.bytes : await fs.promises.readFile(source.path);
    return { kind, ...(await scanXlsx(bytes, limits)) };
  }
  let { encoding } = announcedEncoding(await headOf(source, 4));
  for (;;) {
    try {
      let rows = 0;
      for await (const row of csvRows(source, encoding)) {
        void row;
        rows += 1;
        if (rows > limits.maxRows + 1) throw tooManyRows(limits.maxRows);
      }
      return { kind, encoding, rows };
    } catch (err) {
      if (encoding !== 'utf-8' || !isInvalidUtf8(err)) throw err;
      encoding = 'windows-1252';
    }
  }
}

/** The non-blank rows of a scanned file, one at a time (the second reading). */
export async function* tableRows(source: TableSource, scan: TableScan): AsyncGenerator<TableRow> {
  if (scan.kind === 'csv') {
    yield* csvRows(source, scan.encoding);
    return;
  }
  const bytes = 'bytes' in source ? source.bytes : await fs.promises.readFile(source.path);
  yield* xlsxRows(bytes, scan.sheet);
}

/**
 * The non-blank rows of a file's bytes (each with its line in the file), its type decided from the
 * bytes. Throws `import_too_many_rows` past `maxRows` data rows. Runs in the worker thread.
 */
export async function readTableInThread(
  bytes: Buffer,
  limits: TableLimits,
): Promise<{ kind: FileKind; table: TableRow[] }> {
  const source = { bytes };
  const scan = await scanTable(source, limits);
  const table: TableRow[] = [];
  for await (const row of tableRows(source, scan)) table.push(row);
  return { kind: scan.kind, table };
}
