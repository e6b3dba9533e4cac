import { z } from 'zod';
import { CompanyRefSchema } from './fields';
import { EMPLOYER_IMPORT_MAX_BYTES, SPREADSHEET_ACCEPT } from '../domain/spreadsheet-import';
import { SiretSchema } from '../validators/zod';

// ---------------------------------------------------------------------------------------------
// « Établissements suivis » of « Mon profil » (SPEC §4.4): the establishments of the user's
// perimeter, and how to add to it (one by one, or from a file). Routes under /api/establishments,
// for employer users (administrators and users alike).
//
// - GET  /api/establishments                              → EstablishmentList
// - POST /api/establishments  (AddEstablishmentRequest)   → 201 AddEstablishmentResult
// - GET  /api/establishments/import-template.xlsx          the Excel template (attachment)
// - POST /api/establishments/import   multipart, field `file` (.csv or .xlsx) → ImportReport
// - GET  /api/establishments/import/:reportId/report.csv   the report of an import (attachment,
//   UTF-8 with BOM, `;`), only for the user who imported the file
// ---------------------------------------------------------------------------------------------

/** The most rows a file may hold, blank lines not counted. */
export const IMPORT_MAX_ROWS = 5000;
/** The largest file accepted, in bytes. */
export const IMPORT_MAX_BYTES = EMPLOYER_IMPORT_MAX_BYTES;
/** What the file input accepts. */
export const IMPORT_ACCEPT = SPREADSHEET_ACCEPT;

/**
 * The establishment identifier as compared with the insurer's data: case and spaces (including
 * the non-breaking ones pasted from a PDF) are not significant.
 */
export function normalizeEstablishmentIdentifier(input: string): string {
  return input.replace(/[\s\u200B\uFEFF]+/g, '').toUpperCase();
}

/** « Code identifiant » as typed: required, at most 40 characters, normalised. */
export const EstablishmentIdentifierSchema = z
  .string({ error: 'Ce champ est obligatoire' })
  .trim()
  .min(1, { error: 'Saisissez le code identifiant' })
  .max(40, { error: '40 caractères au plus' })
  .transform(normalizeEstablishmentIdentifier);

/** POST /api/establishments — « Ajouter un établissement au périmètre suivi ». */
export const AddEstablishmentRequestSchema = z.object({
  siret: SiretSchema,
  identifier: EstablishmentIdentifierSchema,
});
export type AddEstablishmentRequest = z.input<typeof AddEstablishmentRequestSchema>;

/**
 * One establishment of the perimeter. The insurer's identifier is never sent back: it is the
 * proof asked to add an establishment.
 */
export const PerimeterEstablishmentSchema = z.object({
  id: z.string(),
  /** 14 digits. */
  siret: z.string(),
  name: z.string(),
  addressLine1: z.string().nullable(),
  addressLine2: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  company: CompanyRefSchema,
});
export type PerimeterEstablishment = z.infer<typeof PerimeterEstablishmentSchema>;

/** GET /api/establishments: sorted by company name, then establishment name. */
export const EstablishmentListSchema = z.object({
  establishments: z.array(PerimeterEstablishmentSchema),
});
export type EstablishmentList = z.infer<typeof EstablishmentListSchema>;

export const AddEstablishmentResultSchema = z.object({
  establishment: PerimeterEstablishmentSchema,
  /** 'admin' when the user had no role on the company and became its administrator. */
  roleGranted: z.enum(['admin']).nullable(),
});
export type AddEstablishmentResult = z.infer<typeof AddEstablishmentResultSchema>;

// Import from a file ---------------------------------------------------------------------------

/**
 * The result of one row of the file. `added` and `already_followed` are successes; the others
 * are errors, and nothing of an error row is applied.
 */
export const IMPORT_ROW_STATUSES = [
  'added',
  'already_followed',
  'invalid_siret',
  'unknown_identifier',
  'refused',
  'duplicate',
  'invalid_row',
] as const;
export type ImportRowStatus = (typeof IMPORT_ROW_STATUSES)[number];
export const IMPORT_ROW_STATUS_LABELS: Record<ImportRowStatus, string> = {
  added: 'Ajouté',
  already_followed: 'Déjà suivi',
  invalid_siret: 'SIRET invalide',
  unknown_identifier: 'Identifiant inconnu',
  refused: 'Refusé',
  duplicate: 'Doublon',
  invalid_row: 'Ligne incomplète',
};

export function isImportRowError(status: ImportRowStatus): boolean {
  return status !== 'added' && status !== 'already_followed';
}

export const ImportRowSchema = z.object({
  /** The line of the CSV file or the row of the sheet (the header is line 1). */
  line: z.number().int(),
  /** The SIRET: its 14 digits when valid, else as read from the file. */
  siret: z.string(),
  /** The code identifiant as read from the file (trimmed). */
  identifier: z.string(),
  status: z.enum(IMPORT_ROW_STATUSES),
  /** A French explanation for the user. */
  message: z.string(),
});
export type ImportRow = z.infer<typeof ImportRowSchema>;

export const ImportSummarySchema = z.object({
  /** Rows read (blank lines not counted). */
  total: z.number().int(),
  added: z.number().int(),
  alreadyFollowed: z.number().int(),
  /** Every other row: nothing of them was applied. */
  errors: z.number().int(),
});
export type ImportSummary = z.infer<typeof ImportSummarySchema>;

/** POST /api/establishments/import */
export const ImportReportSchema = z.object({
  /** For GET /api/establishments/import/:reportId/report.csv. */
  reportId: z.string(),
  fileName: z.string(),
  summary: ImportSummarySchema,
  rows: z.array(ImportRowSchema),
});
export type ImportReport = z.infer<typeof ImportReportSchema>;

export const ImportReportParamsSchema = z.object({ reportId: z.string().min(1).max(64) });

/** The path of the CSV report of an import. */
export function importReportCsvPath(reportId: string): string {
  return `/api/establishments/import/${encodeURIComponent(reportId)}/report.csv`;
}

export const IMPORT_TEMPLATE_PATH = '/api/establishments/import-template.xlsx';

/** Stable error codes (error.code of the API's error body) of these routes. */
export const ESTABLISHMENT_ERROR_CODES = [
  'establishment_not_found', // no establishment with this SIRET and this identifier (which is wrong is not said)
  'establishment_already_followed', // 409: already in the perimeter
  'establishment_company_has_admin', // 409: no role on the company, which has an active administrator
  'too_many_attempts', // 429: too many unknown SIRET/identifier pairs lately (one by one: 20 an hour; in files: 200 a day, and a file that would exceed it is not applied at all)
  'import_file_missing', // no file in the request
  'import_file_too_large', // 413: more than IMPORT_MAX_BYTES
  'import_file_type', // neither a .csv nor a .xlsx file (checked from the bytes)
  'import_file_unreadable', // a .xlsx that cannot be opened, a CSV that cannot be read
  'import_file_unzipped_too_large', // 413: a .xlsx too large once unzipped for its rows, or a ZIP bomb (refused before it is read)
  'import_busy', // 503: the server is already reading many files; retry in a minute
  'import_empty', // no row to import
  'import_columns_missing', // the SIRET and « Code identifiant » columns were not found
  'import_too_many_rows', // more than IMPORT_MAX_ROWS rows
] as const;
export type EstablishmentErrorCode = (typeof ESTABLISHMENT_ERROR_CODES)[number];
