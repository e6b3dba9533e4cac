/**
 * A proof sent by a person (the BIA's attachments, a dispense's proofs and signed request): not
 * empty, truly a PDF, a JPEG or a PNG (by its bytes, not its name), stored under a clean name.
 * The size limit applies while reading the upload (lib/upload.ts). One set of rules and errors
 * for every proof of the portal.
 */
import { ATTACHMENT_MAX_BYTES } from '@affilia/shared/schemas/enrolment';
import { AppError, badRequest } from './errors';
import { JPEG, PDF, PNG, detectFileType, fileNameFor } from './file-types';
import type { FileStorage, SavedFile } from './storage';

const MB = ATTACHMENT_MAX_BYTES / 1024 / 1024;

/** 413 `attachment_too_large`: a proof above ATTACHMENT_MAX_BYTES (read with that limit). */
export const proofTooLarge = (field = 'file') =>
  new AppError(
    'attachment_too_large',
    413,
    `Le fichier dépasse ${MB} Mo : réduisez-le ou scannez-le en plus basse résolution.`,
    { [field]: `Fichier trop volumineux (${MB} Mo au plus)` },
  );

export interface CheckedFile {
  saved: SavedFile;
  originalName: string;
  mimeType: string;
}

/**
 * Checks the bytes and saves them in the storage; the caller records the `stored_files` row in
 * its transaction and removes `saved.storageKey` if the transaction fails. `field`: where the
 * error shows in the form.
 */
export async function storeCheckedProof(
  storage: Pick<FileStorage, 'save'>,
  input: { bytes: Buffer; fileName: string | undefined; field?: string },
): Promise<CheckedFile> {
  const field = input.field ?? 'file';
  if (input.bytes.length === 0) {
    throw badRequest('attachment_empty', 'Le fichier est vide : choisissez un autre fichier.', {
      [field]: 'Le fichier est vide',
    });
  }
  const mimeType = detectFileType(input.bytes, input.fileName, [PDF, JPEG, PNG]);
  if (!mimeType) {
    throw new AppError(
      'attachment_type_refused',
      415,
      'Ce fichier n’est ni un PDF, ni une image JPEG ou PNG : choisissez un autre fichier.',
      { [field]: 'Formats acceptés : PDF, JPEG, PNG' },
    );
  }
  const originalName = fileNameFor(input.fileName, mimeType);
  const saved = await storage.save(input.bytes, { originalName, mimeType });
  return { saved, originalName, mimeType };
}
