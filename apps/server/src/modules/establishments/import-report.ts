import {
  IMPORT_ROW_STATUS_LABELS,
  isImportRowError,
  type ImportRow,
  type ImportSummary,
} from '@affilia/shared/schemas/establishments';

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

/**
 * One CSV field for a spreadsheet: quoted when needed, and a leading `=`, `+`, `-`, `@`, tab or
 * carriage return neutralised with an apostrophe (the file echoes what the user's file held, and
 * a spreadsheet would run it as a formula: OWASP "CSV injection").
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
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
  ].map((fields) => fields.map(csvField).join(';'));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
