import { EMPLOYER_IMPORT_MAX_BYTES } from '@affilia/shared/domain/spreadsheet-import';

/**
 * The reason a file chosen for an import (.csv or .xlsx) cannot be sent, or null. `maxBytes`:
 * the import's limit (the employer space's by default).
 */
export function checkChosenFile(
  file: Pick<File, 'name' | 'size'>,
  maxBytes: number = EMPLOYER_IMPORT_MAX_BYTES,
): string | null {
  if (!/\.(csv|xlsx)$/i.test(file.name)) {
    return /\.(xls|ods)$/i.test(file.name)
      ? 'Ce format n’est pas accepté : enregistrez le fichier au format Excel (.xlsx) ou CSV (.csv)'
      : 'Choisissez un fichier Excel (.xlsx) ou CSV (.csv)';
  }
  if (file.size === 0) return 'Ce fichier est vide';
  if (file.size > maxBytes) {
    return `Fichier trop volumineux (${maxBytes / 1024 / 1024} Mo au plus) : découpez-le en plusieurs fichiers`;
  }
  return null;
}
