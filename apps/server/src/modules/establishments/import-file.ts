/**
 * Reading a file of establishments to add to the perimeter (SPEC §4.4), without the database:
 * the bytes in, the rows out, each either ready to be looked up or already in error.
 *
 * The file's table is read by the server's spreadsheet reader (lib/spreadsheet: type from the
 * bytes, CSV encodings and separators, .xlsx behind the ZIP guard, in a worker thread). Here:
 * - headers matched loosely (« SIRET », « Code identifiant », « Identifiant », « ID Assureur »…,
 *   whatever the case and accents); a file without a header row is read as SIRET then identifier;
 * - SIRETs with spaces (also non-breaking), dots or dashes; `="…"` and a leading apostrophe
 *   (Excel's ways of keeping text) are removed; a SIRET turned into scientific notation
 *   (`3,56E+13`) is a row error, never a wrong number.
 */
import {
  IMPORT_MAX_ROWS,
  normalizeEstablishmentIdentifier,
  type ImportRowStatus,
} from '@affilia/shared/schemas/establishments';
import type { ParseResult } from '@affilia/shared/validators/result';
import { parseSiret } from '@affilia/shared/validators/siret';
import { badRequest } from '../../lib/errors';
import { readTable as readTableInWorker } from '../../lib/spreadsheet/read-table';
import {
  cellText,
  isBlank,
  matchKey,
  type Cell,
  type FileKind,
  type TableRow,
} from '../../lib/spreadsheet/table';

// The reader's pieces that the imports' row checks use (reference-data/import-parse.ts too).
export { cellText, isBlank, matchKey, type Cell, type FileKind, type TableRow };
export {
  decodeText,
  decodeWindows1252,
  detectDelimiter,
  detectFileKind,
  readCsvTable,
} from '../../lib/spreadsheet/table';
export { declaredUnzippedSize } from '../../lib/spreadsheet/zip-guard';

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

export const SCIENTIFIC_NOTATION_MESSAGE =
  'SIRET transformé par Excel en notation scientifique : formatez la colonne en texte et saisissez-le à nouveau';
export const LEADING_ZERO_LOST_MESSAGE =
  'SIRET enregistré comme un nombre : le zéro du début a été perdu. Formatez la colonne en texte et saisissez-le à nouveau';
const IDENTIFIER_MAX_LENGTH = 40;

// ---------------------------------------------------------------------------------------------
// Columns and rows

const IDENTIFIER_HEADERS = new Set([
  'codeidentifiant',
  'identifiant',
  'idassureur',
  'codeidentifiantetablissement',
  'identifiantetablissement',
  'codeetablissement',
  'idetablissement',
]);

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
        'Les colonnes « SIRET » et « Code identifiant » sont introuvables sur la première ligne du fichier. Utilisez le modèle à télécharger.',
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

/**
 * The table of a file's bytes (lib/spreadsheet, in a worker thread); by default as this import
 * reads it: the sheet « Établissements » (else the first one with rows), 5,000 rows at most.
 */
export function readTable(
  bytes: Buffer,
  opts: { sheetKeys?: readonly string[]; maxRows?: number } = {},
): Promise<{ kind: FileKind; table: TableRow[] }> {
  return readTableInWorker(bytes, {
    sheetKeys: opts.sheetKeys ?? ['etablissements'],
    maxRows: opts.maxRows ?? IMPORT_MAX_ROWS,
  });
}

/** From the bytes of an uploaded file to its rows, checked as far as possible without data. */
export async function readImportFile(
  bytes: Buffer,
  maxRows = IMPORT_MAX_ROWS,
): Promise<{ kind: FileKind; rows: PreparedRow[] }> {
  const { kind, table } = await readTable(bytes, { maxRows });
  return { kind, rows: prepareRows(extractRows(table, maxRows)) };
}
