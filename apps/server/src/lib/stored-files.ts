/**
 * The `stored_files` row of a file saved in the storage (lib/storage.ts): what it is (name and
 * type as sent for download), its size and digest, and what owns it. Every module records its
 * files here, in the transaction of what owns them.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { newId } from './ids';
import type { Readable } from 'node:stream';
import { notFound } from './errors';
import type { FileStorage, SavedFile } from './storage';

export interface StoredFileRow {
  saved: SavedFile;
  /** The name the file is downloaded under (with the extension of its type). */
  name: string;
  mimeType: string;
  /** What owns it: 'message', 'enrolment', 'bia', 'document', 'branding', an import report… */
  ownerKind: string;
  ownerId: string | null;
  /** ISO instant. */
  at: string;
  /** An id chosen by the caller (a report's id in its address); a new one otherwise. */
  id?: string;
}

/** Inserts the row and gives its id. */
export async function recordStoredFile(db: Kysely<Database>, file: StoredFileRow): Promise<string> {
  const id = file.id ?? newId();
  await db
    .insertInto('stored_files')
    .values({
      id,
      storage_key: file.saved.storageKey,
      original_name: file.name,
      mime_type: file.mimeType,
      size: file.saved.size,
      sha256: file.saved.sha256,
      owner_kind: file.ownerKind,
      owner_id: file.ownerId,
      created_at: file.at,
    })
    .execute();
  return id;
}

/** A stored file as a query reads it for download. */
export interface StoredFileRef {
  storage_key: string;
  original_name: string;
  mime_type: string;
}

/**
 * The download of a stored file the caller found (lib/download.ts `sendDownload` sends it): its
 * stream, name and type; a 404 with `missing` when the caller found none (another record's file,
 * outside the perimeter).
 */
export async function openStoredFile(
  storage: Pick<FileStorage, 'openRead'>,
  file: StoredFileRef | undefined,
  missing = 'Ce fichier est introuvable.',
): Promise<{ bytes: Readable; fileName: string; mimeType: string }> {
  if (!file) throw notFound(missing);
  return {
    bytes: await storage.openRead(file.storage_key),
    fileName: file.original_name,
    mimeType: file.mime_type,
  };
}
