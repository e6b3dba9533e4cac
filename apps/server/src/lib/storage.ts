/**
 * Files on disk, outside the web root (config.fileStorageDir, default data/files).
 *
 * A file is stored under a generated name, "YYYY/MM/<uuid>[.ext]" (the extension of its type,
 * `extensionOf` in file-types.ts, never from the user's file name), so that nothing a user typed ever
 * reaches a path. Keys are checked against that exact shape before any file-system access:
 * "../", absolute paths and anything else are refused. The original name and type are metadata
 * for the `stored_files` table, kept by the caller.
 *
 * Writes are atomic (temporary file, then rename), so a reader never sees half a file.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { extensionOf } from './file-types';
import { newId } from './ids';

export interface SavedFile {
  storageKey: string;
  size: number;
  sha256: string;
}

export interface FileStorage {
  /** The absolute folder holding the files. */
  readonly rootDir: string;
  save(bytes: Buffer, meta: { originalName: string; mimeType: string }): Promise<SavedFile>;
  /**
   * Stores a file written elsewhere on disk (a large report written as it goes): moved in, or
   * copied when on another file system; it is gone from `filePath` afterwards.
   */
  saveFile(filePath: string, meta: { originalName: string; mimeType: string }): Promise<SavedFile>;
  /** The bytes of a stored file. Rejects with a StorageKeyError or an ENOENT error. */
  read(storageKey: string): Promise<Buffer>;
  /** A stream of a stored file (for large downloads). Throws a StorageKeyError on a bad key. */
  createReadStream(storageKey: string): fs.ReadStream;
  /** Deletes a stored file; a missing file is not an error. */
  remove(storageKey: string): Promise<void>;
}

export class StorageKeyError extends Error {
  override name = 'StorageKeyError';
}

const KEY_SHAPE =
  /^\d{4}\/(0[1-9]|1[0-2])\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(\.[a-z0-9]{1,5})?$/;

export function isValidStorageKey(storageKey: string): boolean {
  return KEY_SHAPE.test(storageKey);
}

export function createFileStorage(rootDir: string): FileStorage {
  const root = path.resolve(rootDir);

  function pathOf(storageKey: string): string {
    if (typeof storageKey !== 'string' || !KEY_SHAPE.test(storageKey)) {
      throw new StorageKeyError('Invalid storage key');
    }
    const full = path.resolve(root, ...storageKey.split('/'));
    // Belt and braces: the shape above already excludes any way out of the root.
    if (!full.startsWith(root + path.sep)) throw new StorageKeyError('Invalid storage key');
    return full;
  }

  async function newKey(mimeType: string): Promise<{ storageKey: string; full: string }> {
    const now = new Date();
    const year = String(now.getUTCFullYear());
    const month = String(now.getUTCMonth() + 1).padStart(2, '0');
    const ext = extensionOf(mimeType);
    const storageKey = `${year}/${month}/${newId()}${ext ? `.${ext}` : ''}`;
    const full = pathOf(storageKey);
    await fsp.mkdir(path.dirname(full), { recursive: true, mode: 0o700 });
    return { storageKey, full };
  }

  return {
    rootDir: root,

    async saveFile(filePath, meta) {
      const { storageKey, full } = await newKey(meta.mimeType);
      const hash = crypto.createHash('sha256');
      let size = 0;
      for await (const chunk of fs.createReadStream(filePath)) {
        hash.update(chunk as Buffer);
        size += (chunk as Buffer).length;
      }
      await fsp.chmod(filePath, 0o600);
      try {
        await fsp.rename(filePath, full);
      } catch (err) {
        if ((err as { code?: string }).code !== 'EXDEV') throw err;
        // Another file system: copied beside, then renamed, so that no reader sees half a file.
        const tmp = `${full}.${crypto.randomBytes(6).toString('hex')}.tmp`;
        try {
          await fsp.copyFile(filePath, tmp, fs.constants.COPYFILE_EXCL);
          await fsp.rename(tmp, full);
        } catch (copyErr) {
          await fsp.rm(tmp, { force: true });
          throw copyErr;
        }
        await fsp.rm(filePath, { force: true });
      }
      return { storageKey, size, sha256: hash.digest('hex') };
    },

    async save(bytes, meta) {
      const { storageKey, full } = await newKey(meta.mimeType);
      const tmp = `${full}.${crypto.randomBytes(6).toString('hex')}.tmp`;
      try {
        await fsp.writeFile(tmp, bytes, { mode: 0o600, flag: 'wx' });
        await fsp.rename(tmp, full);
      } catch (err) {
        await fsp.rm(tmp, { force: true });
        throw err;
      }
      return {
        storageKey,
        size: bytes.length,
        sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
      };
    },

    async read(storageKey) {
      return await fsp.readFile(pathOf(storageKey));
    },

    createReadStream(storageKey) {
      return fs.createReadStream(pathOf(storageKey));
    },

    async remove(storageKey) {
      await fsp.rm(pathOf(storageKey), { force: true });
    },
  };
}
