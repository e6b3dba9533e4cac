import { frenchFileName } from './file-name';

// The back office's « Importer des données » (schemas/reference-import.ts, which re-exports this
// module with the API's zod schemas): its kinds, limits, labels and paths, for the import page
// without zod.

export const REFERENCE_IMPORT_KINDS = [
  'companies',
  'establishments',
  'contracts',
  'members',
] as const;
export type ReferenceImportKind = (typeof REFERENCE_IMPORT_KINDS)[number];
export const REFERENCE_IMPORT_KIND_LABELS: Record<ReferenceImportKind, string> = {
  companies: 'Entreprises',
  establishments: 'Établissements',
  contracts: 'Contrats collectifs',
  members: 'Assurés et couvertures',
};

/** « rapport-import-assures-couvertures.csv »: the report's download name, in French. */
export function referenceImportReportName(kind: ReferenceImportKind): string {
  return frenchFileName(`Rapport import ${REFERENCE_IMPORT_KIND_LABELS[kind]}`, 'csv');
}

/** « modele-etablissements.xlsx »: the template's download name, in French. */
export function referenceImportTemplateName(kind: ReferenceImportKind): string {
  return frenchFileName(`Modèle ${REFERENCE_IMPORT_KIND_LABELS[kind]}`, 'xlsx');
}

/** The largest file the back office accepts (the command line has no such limit). */
export const REFERENCE_IMPORT_MAX_BYTES = 20 * 1024 * 1024;
/** The most rows a file may hold, blank lines not counted. */
export const REFERENCE_IMPORT_MAX_ROWS = 200_000;
/** Rows sent back in the answer beyond which only the rows in error are (the CSV has them all). */
export const REFERENCE_IMPORT_ROWS_IN_ANSWER = 5000;
/** What the file input accepts. */
export const REFERENCE_IMPORT_ACCEPT =
  '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const REFERENCE_IMPORT_ROW_STATUSES = ['created', 'updated', 'unchanged', 'error'] as const;
export type ReferenceImportRowStatus = (typeof REFERENCE_IMPORT_ROW_STATUSES)[number];
export const REFERENCE_IMPORT_ROW_STATUS_LABELS: Record<ReferenceImportRowStatus, string> = {
  created: 'Créé',
  updated: 'Mis à jour',
  unchanged: 'Inchangé',
  error: 'Erreur',
};

export const REFERENCE_IMPORTS_PATH = '/api/backoffice/reference-data/imports';
export const REFERENCE_IMPORT_JOBS_PATH = '/api/backoffice/reference-data/import-jobs';

/** The path of the CSV report of an import. */
export function referenceImportReportPath(id: string): string {
  return `${REFERENCE_IMPORTS_PATH}/${encodeURIComponent(id)}/report.csv`;
}

/** The path of the Excel template of a kind. */
export function referenceImportTemplatePath(kind: ReferenceImportKind): string {
  return `/api/backoffice/reference-data/templates/${kind}.xlsx`;
}
