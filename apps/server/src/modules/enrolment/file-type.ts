/**
 * The type of an uploaded attachment, decided from its first bytes (magic numbers) against an
 * allow-list (SPEC §9): PDF, PNG, JPEG. The file name and the type the browser claimed are never
 * trusted: an executable renamed « rib.pdf » (it starts with `MZ`) is refused.
 */
export type AllowedMimeType = 'application/pdf' | 'image/png' | 'image/jpeg';

const SIGNATURES: { mimeType: AllowedMimeType; bytes: readonly number[] }[] = [
  { mimeType: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { mimeType: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mimeType: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
];

/** The allowed type of these bytes, or null when they are none of PDF, PNG and JPEG. */
export function detectAttachmentType(bytes: Buffer): AllowedMimeType | null {
  for (const s of SIGNATURES) {
    if (bytes.length >= s.bytes.length && s.bytes.every((b, i) => bytes[i] === b)) {
      return s.mimeType;
    }
  }
  return null;
}

/** A file name safe to store and show: no folders, no control characters, at most 120 chars. */
export function safeOriginalName(name: string | undefined, mimeType: AllowedMimeType): string {
  const base = (name ?? '')
    .split(/[\\/]/)
    .pop()!
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f"<>|*?:]/g, '')
    .trim()
    .slice(-120);
  if (base !== '') return base;
  return mimeType === 'application/pdf'
    ? 'document.pdf'
    : mimeType === 'image/png'
      ? 'image.png'
      : 'image.jpg';
}

/** An ASCII file name for a Content-Disposition header (the UTF-8 one goes in filename*). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .slice(0, 120);
  return `attachment; filename="${ascii || 'fichier'}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
