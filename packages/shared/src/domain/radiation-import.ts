/**
 * « Radier par fichier » (issue 18): its limits, paths, columns and outcomes, without zod (the
 * web page's first load); the API's schemas are in `schemas/radiation-import.ts`.
 */
import { EMPLOYER_IMPORT_MAX_BYTES } from './spreadsheet-import';

/** The most rows a file may hold, blank lines and the header not counted. */
export const RADIATION_IMPORT_MAX_ROWS = 1000;
/** The largest file accepted, in bytes. */
export const RADIATION_IMPORT_MAX_BYTES = EMPLOYER_IMPORT_MAX_BYTES;

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
