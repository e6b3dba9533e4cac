/**
 * What the employer space's spreadsheet imports share, without zod (the web pages that send a
 * file keep zod out of their first load): « Ajouter plusieurs établissements (fichier) » and
 * « Radier par fichier ». The server reads the file's type from its bytes whatever its name.
 */

/** What the file input accepts: .csv and .xlsx. */
export const SPREADSHEET_ACCEPT =
  '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The largest file an employer may send to an import, in bytes. */
export const EMPLOYER_IMPORT_MAX_BYTES = 2 * 1024 * 1024;
