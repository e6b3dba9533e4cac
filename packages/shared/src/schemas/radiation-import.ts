import { z } from 'zod';
import { RADIATION_IMPORT_OUTCOMES } from '../domain/radiation-import';

// ---------------------------------------------------------------------------------------------
// « Radier par fichier » (issue 18): several departures from one .csv or .xlsx file, each valid
// row a radiation made by the same rules as the form (POST /api/radiations), a row-by-row report.
// Employer routes, permission `affiliations.manage`, limited to the caller's perimeter.
//
// - GET  /api/radiations/import/template.xlsx   the Excel template (text columns, a help sheet)
// - POST /api/radiations/import   multipart, field `file` (.csv or .xlsx) → RadiationImportReport
// ---------------------------------------------------------------------------------------------

// The limits, paths, columns and outcomes (without zod): `domain/radiation-import.ts`.

export const RadiationImportRowSchema = z.object({
  /** The line of the CSV file or the row of the sheet (the header is line 1). */
  line: z.number().int(),
  /** « Nom Prénom » as the file gives it (the member's name on file once found). */
  name: z.string(),
  outcome: z.enum(RADIATION_IMPORT_OUTCOMES),
  /** The radiation created. */
  radiationId: z.string().nullable(),
  /** Why the row was refused: one French reason per field, the field named by its column. */
  reasons: z.array(z.object({ field: z.string().nullable(), message: z.string() })),
});
export type RadiationImportRow = z.infer<typeof RadiationImportRowSchema>;

export const RadiationImportSummarySchema = z.object({
  /** Rows read (blank lines not counted). */
  total: z.number().int(),
  created: z.number().int(),
  refused: z.number().int(),
});
export type RadiationImportSummary = z.infer<typeof RadiationImportSummarySchema>;

/** POST /api/radiations/import: every row of the file, in its order. */
export const RadiationImportReportSchema = z.object({
  fileName: z.string(),
  summary: RadiationImportSummarySchema,
  rows: z.array(RadiationImportRowSchema),
});
export type RadiationImportReport = z.infer<typeof RadiationImportReportSchema>;

/** Stable error codes (error.code of the API's error body) of the import. */
export const RADIATION_IMPORT_ERROR_CODES = [
  'import_file_missing', // no file in the request
  'import_too_many_files', // more than one file in the request
  'import_file_too_large', // 413: more than RADIATION_IMPORT_MAX_BYTES
  'import_file_type', // neither a .csv nor a .xlsx file (checked from the bytes)
  'import_file_unreadable', // a .xlsx that cannot be opened, a CSV that cannot be read
  'import_file_unzipped_too_large', // 413: a ZIP bomb, refused before it is read
  'import_busy', // 503: the server is already reading many files
  'import_empty', // no row
  'import_columns_missing', // a required column (NIR, Nom, Prénom, Date de fin, Motif) not found
  'import_too_many_rows', // more than RADIATION_IMPORT_MAX_ROWS rows
] as const;
