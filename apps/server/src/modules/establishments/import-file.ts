/**
 * Reading a file of establishments to add to the perimeter (SPEC §4.4), without the database:
 * the bytes in, the rows out, each either ready to be looked up or already in error.
 *
 * Files come from French Excel and LibreOffice, and from people who typed them by hand:
 * - the type is decided from the bytes, never from the name: a .xlsx is a ZIP (`PK\3\4`), a CSV
 *   is text (no NUL byte, no control character); .xls, .ods and anything else are refused with a
 *   message that says what to do;
 * - CSV: `;`, `,` or tab separators (detected on the header line), UTF-8 with or without BOM,
 *   Windows-1252 (what French Excel writes for « CSV (séparateur : point-virgule) »), UTF-16
 *   with BOM (« Texte Unicode »), quoted fields, blank lines;
 * - xlsx: numbers, text, rich text, formulas (their cached result), hyperlinks;
 * - headers matched loosely (« SIRET », « Code identifiant », « Identifiant », « ID Assureur »…,
 *   whatever the case and accents); a file without a header row is read as SIRET then identifier;
 * - SIRETs with spaces (also non-breaking), dots or dashes; `="…"` and a leading apostrophe
 *   (Excel's ways of keeping text) are removed; a SIRET turned into scientific notation
 *   (`3,56E+13`) is a row error, never a wrong number.
 */
import type ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import {
  IMPORT_MAX_ROWS,
  normalizeEstablishmentIdentifier,
  type ImportRowStatus,
} from '@affilia/shared/schemas/establishments';
import type { ParseResult } from '@affilia/shared/validators/result';
import { parseSiret } from '@affilia/shared/validators/siret';
import { badRequest } from '../../lib/errors';

/** A cell as read: the text of a CSV field or a text cell, or the number of a numeric cell. */
export type Cell = { kind: 'text'; text: string } | { kind: 'number'; value: number };

export interface TableRow {
  /** 1-based line of the CSV file (where the record starts) or row of the sheet. */
  line: number;
  cells: Cell[];
}

/** A data row of the file, before any check. */
export interface RawRow {
  line: number;
  siret: Cell | null;
  identifier: Cell | null;
}

/** A row after the checks that need no database. */
export type PreparedRow =
  | {
      line: number;
      /** The 14 digits. */
      siret: string;
      /** As read (trimmed), for the report. */
      identifier: string;
      /** As compared with the insurer's data. */
      identifierKey: string;
      status: null;
    }
  | {
      line: number;
      siret: string;
      identifier: string;
      status: Extract<ImportRowStatus, 'invalid_siret' | 'duplicate' | 'invalid_row'>;
      message: string;
    };

export type FileKind = 'csv' | 'xlsx';

export const SCIENTIFIC_NOTATION_MESSAGE =
  'SIRET transformé par Excel en notation scientifique : formatez la colonne en texte et saisissez-le à nouveau';
export const LEADING_ZERO_LOST_MESSAGE =
  'SIRET enregistré comme un nombre : le zéro du début a été perdu. Formatez la colonne en texte et saisissez-le à nouveau';
/** Larger than any real sheet of 5,000 rows once unzipped; a guard against ZIP bombs. */
const MAX_UNZIPPED_BYTES = 60 * 1024 * 1024;
const IDENTIFIER_MAX_LENGTH = 40;

const unreadable = (message: string) => badRequest('import_file_unreadable', message);
const wrongType = (message: string) => badRequest('import_file_type', message);
const SAVE_AS =
  'Enregistrez votre fichier au format Excel (.xlsx) ou CSV (.csv), par exemple à partir du modèle.';

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

export function readCsvTable(text: string): TableRow[] {
  const delimiter = detectDelimiter(firstNonBlankLine(text));
  let records: string[][];
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
  let line = 1;
  return records.map((record) => {
    const row = { line, cells: record.map((t) => ({ kind: 'text' as const, text: t })) };
    // A quoted field may span several lines.
    line += 1 + record.reduce((n, field) => n + (field.match(/\r\n|\n|\r/g)?.length ?? 0), 0);
    return row;
  });
}

// ---------------------------------------------------------------------------------------------
// xlsx

/**
 * The total size of a ZIP's entries once unzipped, as its central directory declares it; null
 * when the directory cannot be read.
 */
export function declaredUnzippedSize(bytes: Buffer): number | null {
  const minEocd = 22;
  if (bytes.length < minEocd) return null;
  let eocd = -1;
  for (let i = bytes.length - minEocd; i >= Math.max(0, bytes.length - minEocd - 65_535); i -= 1) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = bytes.readUInt16LE(eocd + 10);
  let offset = bytes.readUInt32LE(eocd + 16);
  let total = 0;
  for (let n = 0; n < entries; n += 1) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== 0x02014b50) return null;
    const size = bytes.readUInt32LE(offset + 24);
    // ZIP64 sizes (0xFFFFFFFF) are far beyond what a sheet of 5,000 rows needs.
    if (size === 0xffffffff) return Number.POSITIVE_INFINITY;
    total += size;
    offset +=
      46 +
      bytes.readUInt16LE(offset + 28) +
      bytes.readUInt16LE(offset + 30) +
      bytes.readUInt16LE(offset + 32);
  }
  return total;
}

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

/** How a sheet is chosen and bounded (the defaults: the establishments import's). */
export interface XlsxTableOptions {
  /** The sheet to read, by its matchKey() name; else the first sheet with rows. */
  sheetKeys?: readonly string[];
  /** A guard against ZIP bombs, larger than any real sheet of the import. */
  maxUnzippedBytes?: number;
  /** What to do when the file is larger than that once unzipped. */
  tooLargeMessage?: string;
}

/** The rows of the sheet « Établissements » (or the first one), blank rows left out. */
export async function readXlsxTable(
  bytes: Buffer,
  opts: XlsxTableOptions = {},
): Promise<TableRow[]> {
  const unzipped = declaredUnzippedSize(bytes);
  if (unzipped === null) throw unreadable(`Ce fichier Excel est endommagé. ${SAVE_AS}`);
  if (unzipped > (opts.maxUnzippedBytes ?? MAX_UNZIPPED_BYTES)) {
    throw unreadable(
      opts.tooLargeMessage ??
        'Ce fichier Excel est trop volumineux une fois décompressé : gardez seulement les colonnes SIRET et Code identifiant.',
    );
  }
  // Loaded on first use: exceljs weighs about 30 MB of memory.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    throw unreadable(`Ce fichier Excel ne peut pas être ouvert. ${SAVE_AS}`);
  }
  const sheets = workbook.worksheets.filter(
    (s) => s.state !== 'hidden' && s.state !== 'veryHidden',
  );
  const sheetKeys = opts.sheetKeys ?? ['etablissements'];
  const sheet =
    sheets.find((s) => sheetKeys.includes(matchKey(s.name))) ??
    sheets.find((s) => s.actualRowCount > 0) ??
    sheets[0];
  if (!sheet) throw badRequest('import_empty', 'Le fichier ne contient aucune feuille.');
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = [];
    const width = Math.min(row.cellCount, 50);
    for (let col = 1; col <= width; col += 1) {
      cells.push(toCell(row.getCell(col).value) ?? { kind: 'text', text: '' });
    }
    rows.push({ line: rowNumber, cells });
  });
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Columns and rows

/** A header or sheet name reduced to its letters and digits, lower case, without accents. */
export function matchKey(input: string): string {
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

const IDENTIFIER_HEADERS = new Set([
  'codeidentifiant',
  'identifiant',
  'idassureur',
  'codeidentifiantetablissement',
  'identifiantetablissement',
  'codeetablissement',
  'idetablissement',
]);

export function cellText(cell: Cell | undefined | null): string {
  if (!cell) return '';
  return cell.kind === 'text' ? cell.text : String(cell.value);
}

export function isBlank(cell: Cell | undefined | null): boolean {
  return cellText(cell).trim() === '';
}

/** The columns of the SIRET and of the identifier in a header row, or null. */
export function findColumns(header: Cell[]): { siret: number; identifier: number } | null {
  const keys = header.map((c) => matchKey(cellText(c)));
  let siret = keys.indexOf('siret');
  if (siret < 0) siret = keys.findIndex((k) => k.includes('siret'));
  let identifier = keys.findIndex((k) => IDENTIFIER_HEADERS.has(k));
  if (identifier < 0) {
    identifier = keys.findIndex(
      (k, i) =>
        i !== siret &&
        (k.includes('idassureur') || (k.includes('identifiant') && !k.includes('entreprise'))),
    );
  }
  if (siret < 0 || identifier < 0 || siret === identifier) return null;
  return { siret, identifier };
}

/** True when a cell looks like a SIRET (a first row of data rather than a header). */
function looksLikeSiret(cell: Cell | undefined): boolean {
  if (!cell) return false;
  if (cell.kind === 'number') return cell.value >= 1e8;
  const digits = cell.text.replace(/[\s.\-'"=]/g, '');
  return /^\d{9,}$/.test(digits) || /^\d+(?:[.,]\d*)?E[+-]?\d+$/i.test(digits);
}

/**
 * The data rows of a table: after the header row (the first non-blank one), the rows whose SIRET
 * or identifier is not blank. Throws when the columns are not found, when there is no row or
 * more than `maxRows`.
 */
export function extractRows(table: TableRow[], maxRows = IMPORT_MAX_ROWS): RawRow[] {
  const first = table.findIndex((r) => r.cells.some((c) => !isBlank(c)));
  if (first < 0) throw badRequest('import_empty', 'Le fichier ne contient aucune ligne.');
  const headerRow = table[first] as TableRow;
  let columns = findColumns(headerRow.cells);
  let start = first + 1;
  if (!columns) {
    if (!looksLikeSiret(headerRow.cells[0])) {
      throw badRequest(
        'import_columns_missing',
        'Les colonnes « SIRET » et « Code identifiant » sont introuvables sur la première ligne du fichier. Utilisez le modèle à télécharger.',
      );
    }
    // No header: the first column is the SIRET, the second the identifier.
    columns = { siret: 0, identifier: 1 };
    start = first;
  }
  const rows: RawRow[] = [];
  for (let i = start; i < table.length; i += 1) {
    const row = table[i] as TableRow;
    const siret = row.cells[columns.siret] ?? null;
    const identifier = row.cells[columns.identifier] ?? null;
    if (isBlank(siret) && isBlank(identifier)) continue;
    rows.push({ line: row.line, siret, identifier });
    if (rows.length > maxRows) {
      throw badRequest(
        'import_too_many_rows',
        `Le fichier contient plus de ${maxRows.toLocaleString('fr-FR')} lignes : découpez-le en plusieurs fichiers de ${maxRows.toLocaleString('fr-FR')} lignes au plus.`,
      );
    }
  }
  if (rows.length === 0) {
    throw badRequest('import_empty', 'Le fichier ne contient aucun établissement à ajouter.');
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Checks of each row

/** What a user sees of a cell in the report. */
export function displayText(cell: Cell | null): string {
  if (!cell) return '';
  if (cell.kind === 'text') return cell.text.trim();
  return Number.isInteger(cell.value) && Math.abs(cell.value) < 1e21
    ? BigInt(cell.value).toString()
    : String(cell.value);
}

/** Removes Excel's ways of keeping a number as text: `="…"` and a leading apostrophe. */
export function unwrapText(text: string): string {
  const trimmed = text.trim();
  const formula = /^="(.*)"$/.exec(trimmed);
  if (formula) return (formula[1] as string).trim();
  return trimmed.replace(/^'/, '');
}

const SCIENTIFIC = /^[+-]?\d+(?:[.,]\d*)?E[+-]?\d+$/i;

/** A number of fixed length that a spreadsheet may have turned into a number (SIRET, SIREN…). */
export interface DigitsCellSpec {
  /** Its length in digits. */
  length: number;
  /** The checks of the text (shape, checksum): the canonical value or a French message. */
  parse: (text: string) => ParseResult;
  /** For a number cell that is not `length` digits long. */
  wrongLengthMessage: string;
  scientificNotationMessage: string;
  /** For a value one digit short: the number lost its leading zero (a row error)… */
  leadingZeroLostMessage: string;
  /**
   * …unless the zero may safely be put back (a postal code, never an identifier): then the value
   * is read with it, and this notice (`read` as found, `restored` as kept) goes with the row.
   */
  restoredLeadingZeroNotice?: (read: string, restored: string) => string;
}

/** A fixed-length number read from a cell, with the notice of a leading zero put back. */
export type DigitsCellResult =
  { ok: true; value: string; notice?: string } | { ok: false; error: string };

/** The value of a cell holding a fixed-length number, or the French reason why it is not one. */
export function checkDigitsCell(cell: Cell, spec: DigitsCellSpec): DigitsCellResult {
  const restore = (digits: string): DigitsCellResult => {
    if (!spec.restoredLeadingZeroNotice) return { ok: false, error: spec.leadingZeroLostMessage };
    const parsed = spec.parse(`0${digits}`);
    return parsed.ok
      ? { ...parsed, notice: spec.restoredLeadingZeroNotice(digits, parsed.value) }
      : parsed;
  };
  if (cell.kind === 'number') {
    const v = cell.value;
    if (!Number.isSafeInteger(v) || v < 0) return { ok: false, error: spec.wrongLengthMessage };
    const digits = String(v);
    if (digits.length === spec.length - 1) return restore(digits);
    if (digits.length !== spec.length) return { ok: false, error: spec.wrongLengthMessage };
    return spec.parse(digits);
  }
  const text = unwrapText(cell.text);
  if (SCIENTIFIC.test(text.replace(/\s/g, ''))) {
    return { ok: false, error: spec.scientificNotationMessage };
  }
  // Digits typed as text lose the zero too when a spreadsheet saved the number as CSV.
  if (spec.restoredLeadingZeroNotice && /^\d+$/.test(text) && text.length === spec.length - 1) {
    return restore(text);
  }
  return spec.parse(text);
}

const SIRET_CELL: DigitsCellSpec = {
  length: 14,
  parse: parseSiret,
  wrongLengthMessage: 'Le SIRET doit comporter 14 chiffres',
  scientificNotationMessage: SCIENTIFIC_NOTATION_MESSAGE,
  leadingZeroLostMessage: LEADING_ZERO_LOST_MESSAGE,
};

/** The SIRET of a cell, or the French reason why it is not one. */
export function checkSiretCell(
  cell: Cell,
): { ok: true; siret: string } | { ok: false; error: string } {
  const checked = checkDigitsCell(cell, SIRET_CELL);
  return checked.ok ? { ok: true, siret: checked.value } : checked;
}

/**
 * The checks that need no database: missing cells, invalid SIRETs, the same SIRET twice in
 * the file (the first one is kept).
 */
export function prepareRows(rows: RawRow[]): PreparedRow[] {
  const firstLineOf = new Map<string, number>();
  return rows.map((row): PreparedRow => {
    const siretText = displayText(row.siret);
    const identifier = unwrapText(displayText(row.identifier));
    const base = { line: row.line, siret: siretText, identifier };
    if (!row.siret || siretText === '') {
      return { ...base, status: 'invalid_row', message: 'SIRET manquant' };
    }
    const checked = checkSiretCell(row.siret);
    if (!checked.ok) return { ...base, status: 'invalid_siret', message: checked.error };
    const withSiret = { ...base, siret: checked.siret };
    if (identifier === '') {
      return { ...withSiret, status: 'invalid_row', message: 'Code identifiant manquant' };
    }
    if (identifier.length > IDENTIFIER_MAX_LENGTH) {
      return {
        ...withSiret,
        status: 'invalid_row',
        message: `Code identifiant trop long (${IDENTIFIER_MAX_LENGTH} caractères au plus)`,
      };
    }
    const firstLine = firstLineOf.get(checked.siret);
    if (firstLine !== undefined) {
      return {
        ...withSiret,
        status: 'duplicate',
        message: `Ce SIRET figure déjà à la ligne ${firstLine} du fichier`,
      };
    }
    firstLineOf.set(checked.siret, row.line);
    return {
      ...withSiret,
      identifierKey: normalizeEstablishmentIdentifier(identifier),
      status: null,
    };
  });
}

/** The table of a file's bytes: its type decided from the bytes, then read as CSV or xlsx. */
export async function readTable(
  bytes: Buffer,
  opts: XlsxTableOptions = {},
): Promise<{ kind: FileKind; table: TableRow[] }> {
  const kind = detectFileKind(bytes);
  const table =
    kind === 'xlsx' ? await readXlsxTable(bytes, opts) : readCsvTable(decodeText(bytes));
  return { kind, table };
}

/** From the bytes of an uploaded file to its rows, checked as far as possible without data. */
export async function readImportFile(
  bytes: Buffer,
  maxRows = IMPORT_MAX_ROWS,
): Promise<{ kind: FileKind; rows: PreparedRow[] }> {
  const { kind, table } = await readTable(bytes);
  return { kind, rows: prepareRows(extractRows(table, maxRows)) };
}
