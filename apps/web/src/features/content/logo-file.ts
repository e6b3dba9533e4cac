import { LOGO_MAX_BYTES, LOGO_MIME_TYPES } from '@affilia/shared/schemas/content';
import { formatFileSize } from '../../lib/file-size';

/**
 * Checks a chosen logo in the browser, before sending it: PNG or JPEG (an SVG could hold a
 * script), 500 kB at most. The server decides again from the bytes.
 */
export function checkLogoFile(file: Pick<File, 'type' | 'size'>): string | null {
  if (!(LOGO_MIME_TYPES as readonly string[]).includes(file.type)) {
    return 'Choisissez une image PNG ou JPEG';
  }
  if (file.size > LOGO_MAX_BYTES) {
    return `Image trop volumineuse (${formatFileSize(LOGO_MAX_BYTES)} au plus)`;
  }
  if (file.size === 0) return 'Ce fichier est vide';
  return null;
}
