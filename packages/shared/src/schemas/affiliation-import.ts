import { z } from 'zod';
import { AFFILIATION_MODES } from '../domain/enums';
import { AFFILIATION_IMPORT_OUTCOMES } from '../domain/affiliation-import';

// ---------------------------------------------------------------------------------------------
// « Pré-affilier par fichier » (issue 20): several pré-affiliations from one .csv or .xlsx file,
// each valid row a request made by the same rules as the wizard (PreAffiliationSchema, then
// POST /api/affiliations' checks), in mode « E-mail » when the row gives an e-mail, « Courrier »
// otherwise; a row-by-row report. Employer routes, permission `affiliations.manage`, limited to
// the caller's perimeter.
//
// - GET  /api/affiliations/import/template.xlsx        the Excel template (text columns, help)
// - POST /api/affiliations/import                      multipart, field `file` → report
// - GET  /api/affiliations/import/:batchId/bia.pdf     the « Courrier » requests' pre-filled BIAs
// ---------------------------------------------------------------------------------------------

// The limits, paths, columns and outcomes (without zod): `domain/affiliation-import.ts`.

export const AffiliationImportRowSchema = z.object({
  /** The line of the CSV file or the row of the sheet (the header is line 1). */
  line: z.number().int(),
  /** « Nom Prénom » as the file gives it. */
  name: z.string(),
  outcome: z.enum(AFFILIATION_IMPORT_OUTCOMES),
  /** The request created. */
  requestId: z.string().nullable(),
  /** Its mode: « E-mail » (the employee gets their link) or « Courrier » (the BIA to print). */
  mode: z.enum(AFFILIATION_MODES).nullable(),
  /** Why the row was refused: one French reason per field, the field named by its column. */
  reasons: z.array(z.object({ field: z.string().nullable(), message: z.string() })),
});
export type AffiliationImportRow = z.infer<typeof AffiliationImportRowSchema>;

export const AffiliationImportSummarySchema = z.object({
  /** Rows read (blank lines not counted). */
  total: z.number().int(),
  created: z.number().int(),
  refused: z.number().int(),
  /** Of the created: in mode « E-mail », in mode « Courrier ». */
  byEmail: z.number().int(),
  byMail: z.number().int(),
});
export type AffiliationImportSummary = z.infer<typeof AffiliationImportSummarySchema>;

/** POST /api/affiliations/import: every row of the file, in its order. */
export const AffiliationImportReportSchema = z.object({
  fileName: z.string(),
  /** The file's requests share it; the BIAs to print: `affiliationImportBiaPath(batchId)`. */
  batchId: z.string(),
  summary: AffiliationImportSummarySchema,
  rows: z.array(AffiliationImportRowSchema),
});
export type AffiliationImportReport = z.infer<typeof AffiliationImportReportSchema>;

/** Stable error codes (error.code of the API's error body) of the import. */
export const AFFILIATION_IMPORT_ERROR_CODES = [
  'import_file_missing', // no file in the request
  'import_too_many_files', // more than one file in the request
  'import_file_too_large', // 413: more than AFFILIATION_IMPORT_MAX_BYTES
  'import_file_type', // neither a .csv nor a .xlsx file (checked from the bytes)
  'import_file_unreadable', // a .xlsx that cannot be opened, a CSV that cannot be read
  'import_file_unzipped_too_large', // 413: a ZIP bomb, refused before it is read
  'import_busy', // 503: the server is already reading many files
  'import_empty', // no row
  'import_columns_missing', // a required column not found
  'import_too_many_rows', // more than AFFILIATION_IMPORT_MAX_ROWS rows
  'too_many_attempts', // 429: too many files imported in an hour
  'no_mail_requests', // 404 on the BIA PDF: no « Courrier » request of this file in the perimeter
] as const;
