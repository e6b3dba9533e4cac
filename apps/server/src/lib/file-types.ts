/**
 * What a file is, in one place for every upload and download (SPEC §9): the type is decided
 * from the bytes against the caller's allow-list, never from the name or the type the browser
 * claimed, and the extension of the stored file and of the downloaded name follow that type.
 * `poly.html` holding a PDF becomes `poly.pdf`; `a.pdf\0.html` becomes `a.pdf`; an executable
 * renamed `rib.pdf` is refused.
 *
 * - PDF (`%PDF-`), PNG, JPEG: their magic numbers;
 * - DOCX and XLSX: a ZIP holding `[Content_Types].xml` and `word/document.xml` or
 *   `xl/workbook.xml` (entry names are stored uncompressed in the local headers);
 * - CSV: plain text without control characters, only when the name says `.csv` (text has no
 *   magic number).
 */
export const PDF = 'application/pdf';
export const PNG = 'image/png';
export const JPEG = 'image/jpeg';
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV = 'text/csv';
/** The CSV files the application writes (UTF-8 with a BOM, for French Excel: lib/csv.ts). */
export const CSV_UTF8 = 'text/csv; charset=utf-8';

export type FileType =
  typeof PDF | typeof PNG | typeof JPEG | typeof DOCX | typeof XLSX | typeof CSV;

/** Per type: its extensions (the first one is given to files), the name when none is left. */
const TYPES: Record<string, { extensions: readonly string[]; defaultName: string }> = {
  [PDF]: { extensions: ['pdf'], defaultName: 'document' },
  [PNG]: { extensions: ['png'], defaultName: 'image' },
  [JPEG]: { extensions: ['jpg', 'jpeg'], defaultName: 'image' },
  [DOCX]: { extensions: ['docx'], defaultName: 'document' },
  [XLSX]: { extensions: ['xlsx'], defaultName: 'classeur' },
  [CSV]: { extensions: ['csv'], defaultName: 'donnees' },
  // Written by the application only (the demo's logo), never accepted from an upload.
  'image/svg+xml': { extensions: ['svg'], defaultName: 'image' },
};

function typeInfo(mimeType: string) {
  return TYPES[mimeType.toLowerCase().split(';')[0]?.trim() ?? ''];
}

/** The extension (without dot) of files of this type, or null for an unknown type. */
export function extensionOf(mimeType: string): string | null {
  return typeInfo(mimeType)?.extensions[0] ?? null;
}

/** The type a stored file's key names by its extension (application/octet-stream when none). */
export function typeOfStoredKey(storageKey: string): string {
  const ext = /\.([a-z0-9]+)$/.exec(storageKey)?.[1];
  const found = Object.entries(TYPES).find(([, info]) => ext && info.extensions.includes(ext));
  return found?.[0] ?? 'application/octet-stream';
}

const SIGNATURES: { type: FileType; bytes: readonly number[] }[] = [
  { type: PDF, bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: PNG, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: JPEG, bytes: [0xff, 0xd8, 0xff] },
];
const ZIP = [0x50, 0x4b, 0x03, 0x04];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  for (const b of bytes) {
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false;
    if (b === 0x7f) return false;
  }
  return true;
}

/** The type of these bytes when it is one of `accepted`, else null. */
export function detectFileType(
  bytes: Buffer,
  fileName: string | undefined,
  accepted: readonly FileType[],
): FileType | null {
  const found = detect(bytes, fileName);
  return found && accepted.includes(found) ? found : null;
}

function detect(bytes: Buffer, fileName: string | undefined): FileType | null {
  for (const s of SIGNATURES) if (startsWith(bytes, s.bytes)) return s.type;
  if (startsWith(bytes, ZIP)) {
    const names = bytes.toString('latin1');
    if (!names.includes('[Content_Types].xml')) return null;
    if (names.includes('word/document.xml')) return DOCX;
    if (names.includes('xl/workbook.xml')) return XLSX;
    return null;
  }
  if (cleanFileName(fileName).toLowerCase().endsWith('.csv') && isPlainText(bytes)) return CSV;
  return null;
}

const MAX_NAME = 120;

/**
 * A file name safe to keep, show and send back: the last part of a path only, without control
 * characters (NUL included), bidirectional overrides (« rib\u202Efdp.exe ») or characters
 * Windows refuses, trimmed of spaces and dots, at most 120 characters; `fallback` when nothing
 * is left.
 */
export function cleanFileName(name: string | undefined, fallback = ''): string {
  const base = (name ?? '')
    .normalize('NFC')
    .split(/[\\/]/)
    .pop()!
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"<>|*?:]/g, '')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  return [...base].slice(0, MAX_NAME).join('').trim() || fallback;
}

/**
 * The name of a file of this type: cleaned, and ending with the type's extension whatever the
 * uploader wrote (a wrong last extension is replaced, a missing one added). An unknown type
 * keeps the cleaned name.
 */
export function fileNameFor(name: string | undefined, mimeType: string): string {
  const info = typeInfo(mimeType);
  const clean = cleanFileName(name);
  if (!info) return clean || 'fichier';
  const hasExtension = (n: string) =>
    info.extensions.some((e) => n.toLowerCase().endsWith(`.${e}`));
  if (hasExtension(clean)) return clean;
  let stem = clean.replace(/\.[^.\s]{1,10}$/, '');
  if (hasExtension(stem)) return stem;
  const ext = `.${info.extensions[0]}`;
  stem = stem.replace(/[\s.]+$/, '');
  if (stem === '') stem = info.defaultName;
  return `${[...stem].slice(0, MAX_NAME - ext.length).join('')}${ext}`;
}

/** `attachment` with an ASCII file name and the UTF-8 one (RFC 6266 `filename*`). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .slice(-120);
  const utf8 = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii || 'fichier'}"; filename*=UTF-8''${utf8}`;
}
