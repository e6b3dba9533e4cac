/**
 * Writing CSV for French Excel, for every file the server gives (import reports, the members and
 * audit exports): `;` between fields, CRLF after each line, a field quoted when it holds `;`, `"`
 * or a line break — csv-stringify, the sibling of the csv-parse that reads the imports. A field
 * starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe: the
 * files echo what users typed, and a spreadsheet would run it as a formula (OWASP « CSV
 * injection »). The caller adds the UTF-8 BOM once, at the start of the file (`CSV_BOM`).
 */
import { stringify } from 'csv-stringify/sync';

/** What makes Excel read a CSV as UTF-8. */
export const CSV_BOM = '\uFEFF';

function neutralised(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The lines of `records`, each ended by CRLF. */
export function csvLines(records: readonly (readonly string[])[]): string {
  if (records.length === 0) return '';
  return stringify(
    records.map((fields) => fields.map(neutralised)),
    { delimiter: ';', record_delimiter: '\r\n', quoted_match: /[\r\n]/ },
  );
}
