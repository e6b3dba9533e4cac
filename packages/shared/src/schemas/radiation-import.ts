import { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// « Radier par fichier » (issue 18): several departures from one .csv or .xlsx file, each valid
// row a radiation made by the same rules as the form (POST /api/radiations), a row-by-row report.
// Employer routes, permission `affiliations.manage`, limited to the caller's perimeter.
//
// - GET  /api/radiations/import/template.xlsx   the Excel template (text columns, a help sheet)
// - POST /api/radiations/import   multipart, field `file` (.csv or .xlsx) → RadiationImportReport
// ---------------------------------------------------------------------------------------------

/** The most rows a file may hold, blank lines and the header not counted. */
export const RADIATION_IMPORT_MAX_ROWS = 1000;
/** The largest file accepted, in bytes. */
export const RADIATION_IMPORT_MAX_BYTES = 2 * 1024 * 1024;

export const RADIATION_IMPORT_PATH = '/api/radiations/import';
export const RADIATION_IMPORT_TEMPLATE_PATH = '/api/radiations/import/template.xlsx';

/**
 * The columns of the file, in the template's order, with their headings: the report names a
 * refused field by its heading.
 */
export const RADIATION_IMPORT_COLUMNS = {
  nir: 'NIR',
  lastName: 'Nom',
  firstName: 'Prénom',
  contractEndDate: 'Date de fin du contrat',
  motif: 'Motif',
  unemploymentRights: 'Droits au chômage',
  employmentStartDate: 'Début du dernier contrat',
  contactEmail: 'E-mail',
  contactAddress: 'Adresse postale',
  comment: 'Commentaire',
} as const;
export type RadiationImportColumn = keyof typeof RADIATION_IMPORT_COLUMNS;

/** A row: a radiation created, or refused with its reasons (nothing of it applied). */
export const RADIATION_IMPORT_OUTCOMES = ['created', 'refused'] as const;
export type RadiationImportOutcome = (typeof RADIATION_IMPORT_OUTCOMES)[number];
export const RADIATION_IMPORT_OUTCOME_LABELS: Record<RadiationImportOutcome, string> = {
  created: 'Créée',
  refused: 'Refusée',
};

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
