import {
  IMPORT_ROW_STATUS_LABELS,
  isImportRowError,
  type ImportRow,
  type ImportSummary,
} from '@affilia/shared/schemas/establishments';
import { CSV_BOM, csvLines } from '../../lib/csv';

/** The counts of a report. */
export function summarize(rows: readonly ImportRow[]): ImportSummary {
  let added = 0;
  let alreadyFollowed = 0;
  for (const r of rows) {
    if (r.status === 'added') added += 1;
    else if (r.status === 'already_followed') alreadyFollowed += 1;
  }
  return {
    total: rows.length,
    added,
    alreadyFollowed,
    errors: rows.filter((r) => isImportRowError(r.status)).length,
  };
}

/** "356 000 000 00048": readable, and kept as text by a spreadsheet (no « 3,56E+13 »). */
function spacedSiret(siret: string): string {
  return /^\d{14}$/.test(siret)
    ? siret.replace(/^(\d{3})(\d{3})(\d{3})(\d{5})$/, '$1 $2 $3 $4')
    : siret;
}

/** The report as a CSV file for French Excel: UTF-8 with BOM, `;`, CRLF. */
export function reportToCsv(rows: readonly ImportRow[]): Buffer {
  const lines = [
    ['Ligne', 'SIRET', 'Code identifiant', 'Résultat', 'Détail'],
    ...rows.map((r) => [
      String(r.line),
      spacedSiret(r.siret),
      r.identifier,
      IMPORT_ROW_STATUS_LABELS[r.status],
      r.message,
    ]),
  ];
  return Buffer.from(CSV_BOM + csvLines(lines), 'utf8');
}
