/**
 * The one guard against ZIP bombs for every .xlsx read by the server (the employer's
 * establishments import, the back office's reference-data import and its command line):
 *
 * 1. from the central directory alone, before anything is inflated (a few microseconds): the
 *    total size once unzipped must fit the file's purpose (`maxUnzippedBytes`, from its most
 *    rows), no entry may inflate more than MAX_INFLATE_RATIO times (real sheets: 5 to 15 times;
 *    a bomb: hundreds), ZIP64 is refused (no sheet of the imports needs it);
 * 2. then, in the worker thread that reads the sheet, the real sizes: every entry is inflated
 *    once as a stream, counting its bytes, and stops at its declared size — headers that lie
 *    cannot make the reader inflate more than what step 1 allowed.
 */
import zlib from 'node:zlib';
import { AppError, badRequest } from '../errors';

/** An entry inflating more than this many times its compressed size is a bomb (Apache POI's rule). */
export const MAX_INFLATE_RATIO = 100;
/** Entries smaller than this once unzipped are not held to the ratio (tiny XML parts compress well). */
const RATIO_GRACE_BYTES = 1024 * 1024;

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const SAVE_AS =
  'Enregistrez votre fichier au format Excel (.xlsx) ou CSV (.csv), par exemple à partir du modèle.';

export const damagedXlsx = () =>
  badRequest('import_file_unreadable', `Ce fichier Excel est endommagé. ${SAVE_AS}`);

/** 413: the file would be too large once unzipped (a ZIP bomb, or far more than the import needs). */
export const unzippedTooLarge = (maxUnzippedBytes: number) =>
  new AppError(
    'import_file_unzipped_too_large',
    413,
    `Ce fichier Excel serait trop volumineux une fois décompressé (${Math.round(maxUnzippedBytes / 1024 / 1024)} Mo au plus) : gardez seulement les colonnes utiles, ou enregistrez-le au format CSV.`,
    { file: 'Fichier Excel trop volumineux une fois décompressé' },
  );

/** The entries of a ZIP as its central directory declares them; null when it cannot be read. */
export function readZipDirectory(bytes: Buffer): ZipEntry[] | null {
  const minEocd = 22;
  if (bytes.length < minEocd) return null;
  let eocd = -1;
  for (let i = bytes.length - minEocd; i >= Math.max(0, bytes.length - minEocd - 65_535); i -= 1) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = bytes.readUInt16LE(eocd + 10);
  let offset = bytes.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n += 1) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== 0x02014b50) return null;
    const nameLength = bytes.readUInt16LE(offset + 28);
    entries.push({
      name: bytes.toString('utf8', offset + 46, offset + 46 + nameLength),
      method: bytes.readUInt16LE(offset + 10),
      compressedSize: bytes.readUInt32LE(offset + 20),
      uncompressedSize: bytes.readUInt32LE(offset + 24),
      localHeaderOffset: bytes.readUInt32LE(offset + 42),
    });
    offset += 46 + nameLength + bytes.readUInt16LE(offset + 30) + bytes.readUInt16LE(offset + 32);
  }
  return entries;
}

/**
 * The total size of a ZIP's entries once unzipped, as its central directory declares it; null
 * when the directory cannot be read.
 */
export function declaredUnzippedSize(bytes: Buffer): number | null {
  const entries = readZipDirectory(bytes);
  if (!entries) return null;
  return entries.reduce(
    (total, e) =>
      e.uncompressedSize === 0xffffffff ? Number.POSITIVE_INFINITY : total + e.uncompressedSize,
    0,
  );
}

/** Step 1: throws unless the declared sizes fit; the entries otherwise. */
export function checkZipDirectory(bytes: Buffer, maxUnzippedBytes: number): ZipEntry[] {
  const entries = readZipDirectory(bytes);
  if (!entries) throw damagedXlsx();
  let total = 0;
  for (const e of entries) {
    // ZIP64 sizes are far beyond what any sheet of the imports needs.
    if (e.uncompressedSize === 0xffffffff || e.compressedSize === 0xffffffff) {
      throw unzippedTooLarge(maxUnzippedBytes);
    }
    total += e.uncompressedSize;
    const bomb =
      e.uncompressedSize > RATIO_GRACE_BYTES &&
      e.uncompressedSize > MAX_INFLATE_RATIO * Math.max(1, e.compressedSize);
    if (bomb || total > maxUnzippedBytes) throw unzippedTooLarge(maxUnzippedBytes);
  }
  return entries;
}

/**
 * The bytes of an entry as stored (method 0) or deflated (method 8), after its local header;
 * `import_file_unreadable` when the header is not where the directory says, or another method.
 */
export function entryData(bytes: Buffer, e: ZipEntry): Buffer {
  const local = e.localHeaderOffset;
  if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== 0x04034b50) throw damagedXlsx();
  const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
  if (start + e.compressedSize > bytes.length) throw damagedXlsx();
  if (e.method !== 0 && e.method !== 8) throw damagedXlsx();
  return bytes.subarray(start, start + e.compressedSize);
}

/** Inflates one entry as a stream, keeping nothing; rejects past `limit` bytes. */
function inflatedSize(raw: Buffer, limit: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflater = zlib.createInflateRaw();
    let size = 0;
    inflater.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        inflater.destroy();
        reject(new RangeError('larger than declared'));
      }
    });
    inflater.on('error', reject);
    inflater.on('end', () => resolve(size));
    inflater.end(raw);
  });
}

/**
 * Step 2 (in the worker): the real size of every entry, inflated once as a stream and stopped at
 * its declared size. Throws `import_file_unzipped_too_large` when an entry is larger than
 * declared, `import_file_unreadable` when it cannot be inflated.
 */
export async function checkInflatedSizes(
  bytes: Buffer,
  entries: ZipEntry[],
  maxUnzippedBytes: number,
): Promise<void> {
  for (const e of entries) {
    const data = entryData(bytes, e);
    if (e.method === 0) {
      if (e.compressedSize !== e.uncompressedSize) throw unzippedTooLarge(maxUnzippedBytes);
      continue;
    }
    try {
      await inflatedSize(data, e.uncompressedSize);
    } catch (err) {
      if (err instanceof RangeError) throw unzippedTooLarge(maxUnzippedBytes);
      throw damagedXlsx();
    }
  }
}
