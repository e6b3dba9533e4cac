/**
 * Where every stored file lives (attachments, enrolment proofs, documents and their versions,
 * logos, generated PDFs, import reports): one interface, two adapters chosen by configuration
 * (`FILE_STORAGE`): a folder on disk outside the web root (`FILE_STORAGE_DIR`, the default) or an
 * S3-compatible bucket (`s3-storage.ts`, loaded only when chosen), which several instances share.
 *
 * A file is stored under a generated name, "YYYY/MM/<uuid>[.ext]" (the extension of its type,
 * `extensionOf` in file-types.ts, never from the user's file name), so that nothing a user typed ever
 * reaches a path. Keys are checked against that exact shape before any access: "../", absolute
 * paths and anything else are refused. The original name and type are metadata for the
 * `stored_files` table, kept by the caller. A missing file is an error whose `code` is ENOENT,
 * whatever the adapter.
 *
 * Writes are atomic (a temporary file then a rename; an object appears whole in S3), so a reader
 * never sees half a file.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { Config } from '../config';
import { extensionOf } from './file-types';
import { newId } from './ids';

export interface SavedFile {
  storageKey: string;
  size: number;
  sha256: string;
}

export interface FileStorage {
  /** Where the files are, for the logs: a folder or a bucket. */
  readonly location: string;
  save(bytes: Buffer, meta: { originalName: string; mimeType: string }): Promise<SavedFile>;
  /**
   * Stores a file written elsewhere on disk (a large report written as it goes): moved in, or
   * copied when on another file system; it is gone from `filePath` afterwards.
   */
  saveFile(filePath: string, meta: { originalName: string; mimeType: string }): Promise<SavedFile>;
  /** The bytes of a stored file. Rejects with a StorageKeyError or an ENOENT error. */
  read(storageKey: string): Promise<Buffer>;
  /**
   * A stream of a stored file, once it is found (downloads, copies: never the whole file in
   * memory). Rejects with a StorageKeyError on a bad key, an ENOENT error when it is missing.
   */
  openRead(storageKey: string): Promise<Readable>;
  /** Deletes a stored file; a missing file is not an error. */
  remove(storageKey: string): Promise<void>;
  /** Whether a file is stored under this key. */
  has(storageKey: string): Promise<boolean>;
  /** Stores a stream under a key this storage or another one generated (a migration). */
  put(storageKey: string, source: Readable, mimeType: string): Promise<void>;
  /** Every stored file's key (the temporary files of a write in progress left out). */
  keys(): AsyncIterable<string>;
}

export interface LocalFileStorage extends FileStorage {
  /** The absolute folder holding the files. */
  readonly rootDir: string;
}

export class StorageKeyError extends Error {
  override name = 'StorageKeyError';
}

const KEY_SHAPE =
  /^\d{4}\/(0[1-9]|1[0-2])\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(\.[a-z0-9]{1,5})?$/;

export function isValidStorageKey(storageKey: string): boolean {
  return KEY_SHAPE.test(storageKey);
}

/** Refuses a key this code did not generate, before any access. */
export function checkStorageKey(storageKey: string): void {
  if (typeof storageKey !== 'string' || !KEY_SHAPE.test(storageKey)) {
    throw new StorageKeyError('Invalid storage key');
  }
}

/** A new file's key: its month, a random name and the extension of its type. */
export function newStorageKey(mimeType: string, now = new Date()): string {
  const year = String(now.getUTCFullYear());
  const month = String(now.getUTCMonth() + 1).padStart(2, '0');
  const ext = extensionOf(mimeType);
  return `${year}/${month}/${newId()}${ext ? `.${ext}` : ''}`;
}

/** The error of a file that is not there, the same for every adapter. */
export function missingFile(storageKey: string): Error {
  return Object.assign(new Error(`No stored file ${storageKey}`), { code: 'ENOENT' });
}

/** The size and SHA-256 of a file on disk, read as a stream. */
export async function sha256OfFile(filePath: string): Promise<{ size: number; sha256: string }> {
  const hash = crypto.createHash('sha256');
  let size = 0;
  for await (const chunk of fs.createReadStream(filePath)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { size, sha256: hash.digest('hex') };
}

/** What `save` answers for these bytes stored under `storageKey`. */
export function savedBytes(storageKey: string, bytes: Buffer): SavedFile {
  return {
    storageKey,
    size: bytes.length,
    sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
  };
}

/**
 * Writes `full` atomically: `write` fills a temporary file beside it, renamed over it once
 * complete; the temporary file is removed when anything fails.
 */
async function writeBeside(full: string, write: (tmp: string) => Promise<unknown>): Promise<void> {
  const tmp = `${full}.${crypto.randomBytes(6).toString('hex')}.tmp`;
  try {
    await write(tmp);
    await fsp.rename(tmp, full);
  } catch (err) {
    await fsp.rm(tmp, { force: true });
    throw err;
  }
}

/** The storage the configuration names; the S3 client is loaded only when it is chosen. */
export async function createStorage(config: Config): Promise<FileStorage> {
  if (!config.s3) return createFileStorage(config.fileStorageDir);
  const { createS3Storage } = await import('./s3-storage');
  return createS3Storage(config.s3);
}

export function createFileStorage(rootDir: string): LocalFileStorage {
  const root = path.resolve(rootDir);

  function pathOf(storageKey: string): string {
    checkStorageKey(storageKey);
    const full = path.resolve(root, ...storageKey.split('/'));
    // Belt and braces: the shape above already excludes any way out of the root.
    if (!full.startsWith(root + path.sep)) throw new StorageKeyError('Invalid storage key');
    return full;
  }

  async function folderFor(storageKey: string): Promise<string> {
    const full = pathOf(storageKey);
    await fsp.mkdir(path.dirname(full), { recursive: true, mode: 0o700 });
    return full;
  }

  async function newKey(mimeType: string): Promise<{ storageKey: string; full: string }> {
    const storageKey = newStorageKey(mimeType);
    return { storageKey, full: await folderFor(storageKey) };
  }

  return {
    rootDir: root,
    location: root,

    async saveFile(filePath, meta) {
      const { storageKey, full } = await newKey(meta.mimeType);
      const { size, sha256 } = await sha256OfFile(filePath);
      await fsp.chmod(filePath, 0o600);
      try {
        await fsp.rename(filePath, full);
      } catch (err) {
        if ((err as { code?: string }).code !== 'EXDEV') throw err;
        // Another file system: copied beside, then renamed, so that no reader sees half a file.
        await writeBeside(full, (tmp) => fsp.copyFile(filePath, tmp, fs.constants.COPYFILE_EXCL));
        await fsp.rm(filePath, { force: true });
      }
      return { storageKey, size, sha256 };
    },

    async save(bytes, meta) {
      const { storageKey, full } = await newKey(meta.mimeType);
      await writeBeside(full, (tmp) => fsp.writeFile(tmp, bytes, { mode: 0o600, flag: 'wx' }));
      return savedBytes(storageKey, bytes);
    },

    async read(storageKey) {
      return await fsp.readFile(pathOf(storageKey));
    },

    async openRead(storageKey) {
      const stream = fs.createReadStream(pathOf(storageKey));
      // Opened (or not found) before anything is sent.
      await once(stream, 'open');
      return stream;
    },

    async remove(storageKey) {
      await fsp.rm(pathOf(storageKey), { force: true });
    },

    async has(storageKey) {
      return fsp.access(pathOf(storageKey)).then(
        () => true,
        () => false,
      );
    },

    async put(storageKey, source) {
      const full = await folderFor(storageKey);
      await writeBeside(full, (tmp) =>
        pipeline(source, fs.createWriteStream(tmp, { mode: 0o600, flags: 'wx' })),
      );
    },

    async *keys() {
      if (!fs.existsSync(root)) return;
      for (const entry of await fsp.readdir(root, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile()) continue;
        const key = path.relative(root, path.join(entry.parentPath, entry.name));
        const posix = key.split(path.sep).join('/');
        if (KEY_SHAPE.test(posix)) yield posix;
      }
    },
  };
}
