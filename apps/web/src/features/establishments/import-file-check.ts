import { IMPORT_MAX_BYTES } from '@affilia/shared/schemas/establishments';

const MAX_MB = IMPORT_MAX_BYTES / 1024 / 1024;

/** The reason a chosen file cannot be sent, or null. */
export function checkChosenFile(file: Pick<File, 'name' | 'size'>): string | null {
  if (!/\.(csv|xlsx)$/i.test(file.name)) {
    return /\.(xls|ods)$/i.test(file.name)
      ? 'Ce format n’est pas accepté : enregistrez le fichier au format Excel (.xlsx) ou CSV (.csv)'
      : 'Choisissez un fichier Excel (.xlsx) ou CSV (.csv)';
  }
  if (file.size === 0) return 'Ce fichier est vide';
  if (file.size > IMPORT_MAX_BYTES) {
    return `Fichier trop volumineux (${MAX_MB} Mo au plus) : découpez-le en plusieurs fichiers`;
  }
  return null;
}
