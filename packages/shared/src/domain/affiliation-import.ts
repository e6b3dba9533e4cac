/**
 * « Pré-affilier par fichier » (issue 20): its limits, paths, columns and outcomes, without zod
 * (the web page's first load); the API's schemas are in `schemas/affiliation-import.ts`.
 */
import { EMPLOYER_IMPORT_MAX_BYTES } from './spreadsheet-import';

/** The most rows a file may hold, blank lines and the header not counted. */
export const AFFILIATION_IMPORT_MAX_ROWS = 1000;
/** The largest file accepted, in bytes. */
export const AFFILIATION_IMPORT_MAX_BYTES = EMPLOYER_IMPORT_MAX_BYTES;

export const AFFILIATION_IMPORT_PATH = '/api/affiliations/import';
export const AFFILIATION_IMPORT_TEMPLATE_PATH = '/api/affiliations/import/template.xlsx';
/** The pre-filled BIAs of a file's « Courrier » requests, one PDF to print. */
export const affiliationImportBiaPath = (batchId: string) =>
  `/api/affiliations/import/${encodeURIComponent(batchId)}/bia.pdf`;

/**
 * The columns of the file, in the template's order, with their headings: the report names a
 * refused field by its heading. The same fields as the wizard « Pré-affiliation ».
 */
export const AFFILIATION_IMPORT_COLUMNS = {
  siret: 'SIRET de l’établissement',
  professionalStatus: 'Statut professionnel',
  alreadyAffiliated: 'Déjà affilié',
  lastName: 'Nom',
  firstName: 'Prénom',
  nir: 'NIR',
  birthDate: 'Date de naissance',
  email: 'E-mail',
  hireDate: 'Date d’entrée dans l’entreprise',
  affiliationDate: 'Date d’affiliation',
  employmentContractType: 'Type de contrat de travail',
  employmentStartDate: 'Début du contrat de travail',
  employmentEndDate: 'Fin du contrat de travail',
  positionInCompany: 'Statut au sein de l’entreprise',
} as const;
export type AffiliationImportColumn = keyof typeof AFFILIATION_IMPORT_COLUMNS;

/** A row: a request created (« Envoyée »), or refused with its reasons (nothing of it applied). */
export const AFFILIATION_IMPORT_OUTCOMES = ['created', 'refused'] as const;
export type AffiliationImportOutcome = (typeof AFFILIATION_IMPORT_OUTCOMES)[number];
export const AFFILIATION_IMPORT_OUTCOME_LABELS: Record<AffiliationImportOutcome, string> = {
  created: 'Créée',
  refused: 'Refusée',
};
