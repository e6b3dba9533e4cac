import { z } from 'zod';
// French messages for every check these schemas do not word themselves (issue 14 #14).
import '../validators/zod-errors';
import type { ReferenceImportKind } from '../domain/reference-import';
import { REFERENCE_IMPORT_KINDS, REFERENCE_IMPORT_ROW_STATUSES } from '../domain/reference-import';

// ---------------------------------------------------------------------------------------------
// Back office « Importer des données » (SPEC §3): companies, establishments, contracts, members
// and their coverages from a CSV or XLSX file, with a row-by-row report. Staff only.
//
// - POST /api/backoffice/reference-data/imports[?dryRun=1]  multipart: field `kind`, then `file`
//   → ReferenceImportReport (a dry run checks everything and applies nothing)
// - GET  /api/backoffice/reference-data/imports               → ReferenceImportHistory
// - GET  /api/backoffice/reference-data/imports/:id/report.csv  the report (UTF-8 with BOM, `;`)
// - GET  /api/backoffice/reference-data/templates/:kind.xlsx    the Excel template of a kind
// - POST /api/backoffice/reference-data/import-jobs[?dryRun=1]  the same upload, run in the
//   background once the file is checked and counted → 202 { id }
// - GET  /api/backoffice/reference-data/import-jobs/:id  → ReferenceImportJob (rows done / total,
//   then the report), polled by the page
//
// The same import runs from the command line: `npm run cli -- import <file> --kind members`.
// ---------------------------------------------------------------------------------------------

// The kinds, limits, labels and paths (the page's, without zod): domain/reference-import.ts.
export * from '../domain/reference-import';

export const ReferenceImportRowSchema = z.object({
  /** The line of the CSV file or the row of the sheet (the header is line 1). */
  line: z.number().int(),
  /** What identifies the row: SIREN, SIRET, contract number, or the NIR partly masked. */
  key: z.string(),
  /** Its name: company or establishment name, contract label, « NOM Prénom ». */
  label: z.string(),
  status: z.enum(REFERENCE_IMPORT_ROW_STATUSES),
  /** A French explanation (what changed, or why the row was refused). */
  message: z.string(),
});
export type ReferenceImportRow = z.infer<typeof ReferenceImportRowSchema>;

export const ReferenceImportSummarySchema = z.object({
  /** Rows read (blank lines not counted). */
  total: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Rows refused: nothing of them was applied. */
  errors: z.number().int(),
});
export type ReferenceImportSummary = z.infer<typeof ReferenceImportSummarySchema>;

export const ReferenceImportReportSchema = z.object({
  /** For …/imports/:id/report.csv. */
  id: z.string(),
  kind: z.enum(REFERENCE_IMPORT_KINDS),
  fileName: z.string(),
  /** Checked only: nothing was applied. */
  dryRun: z.boolean(),
  summary: ReferenceImportSummarySchema,
  /** Every row, or only the rows in error when the file has more than ROWS_IN_ANSWER rows. */
  rows: z.array(ReferenceImportRowSchema),
  rowsTruncated: z.boolean(),
});
export type ReferenceImportReport = z.infer<typeof ReferenceImportReportSchema>;

export const ReferenceImportHistoryItemSchema = z.object({
  id: z.string(),
  kind: z.enum(REFERENCE_IMPORT_KINDS),
  fileName: z.string(),
  dryRun: z.boolean(),
  /** « back-office » or « ligne de commande ». */
  source: z.enum(['backoffice', 'cli']),
  /** Who imported it (null from the command line). */
  actorName: z.string().nullable(),
  createdAt: z.string(),
  durationMs: z.number().int(),
  summary: ReferenceImportSummarySchema,
});
export type ReferenceImportHistoryItem = z.infer<typeof ReferenceImportHistoryItemSchema>;

export const ReferenceImportHistorySchema = z.object({
  imports: z.array(ReferenceImportHistoryItemSchema),
});
export type ReferenceImportHistory = z.infer<typeof ReferenceImportHistorySchema>;

export const ReferenceImportQuerySchema = z.object({
  dryRun: z
    .enum(['0', '1', 'true', 'false'])
    .optional()
    .transform((v) => v === '1' || v === 'true'),
});

export const ReferenceImportParamsSchema = z.object({ id: z.string().min(1).max(64) });
/** `:file` of the template route: `<kind>.xlsx`. */
export const ReferenceImportTemplateParamsSchema = z.object({
  file: z.enum(
    REFERENCE_IMPORT_KINDS.map((k) => `${k}.xlsx` as const) as [
      `${ReferenceImportKind}.xlsx`,
      ...`${ReferenceImportKind}.xlsx`[],
    ],
  ),
});

export const REFERENCE_IMPORT_JOB_STATUSES = ['running', 'done', 'failed', 'interrupted'] as const;
export type ReferenceImportJobStatus = (typeof REFERENCE_IMPORT_JOB_STATUSES)[number];

export const ReferenceImportJobStartedSchema = z.object({ id: z.string() });

/** An import run in the background: its progress, then its report or why it stopped. */
export const ReferenceImportJobSchema = z.object({
  id: z.string(),
  /** `interrupted`: the server running it stopped (the batches applied before stay applied). */
  status: z.enum(REFERENCE_IMPORT_JOB_STATUSES),
  rowsDone: z.number().int(),
  rowsTotal: z.number().int(),
  report: ReferenceImportReportSchema.nullable(),
  /** Why a failed or interrupted job stopped (French). */
  error: z.string().nullable(),
});
export type ReferenceImportJob = z.infer<typeof ReferenceImportJobSchema>;
