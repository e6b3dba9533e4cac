import type { DocumentCategory } from '@affilia/shared/domain/enums';
import { DOCUMENT_CATEGORIES, isOneOf } from '@affilia/shared/domain/enums';
import type { DocumentMetadata } from '@affilia/shared/schemas/documents';
import { formatFileSize } from './file-size';

/*
 * How a document reads on screen, for the employer's « Mes documents pratiques » and the back
 * office's « Documents publiés »: its size, its format, its date and who it is meant for.
 */

const FORMATS: Record<string, string> = {
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word (DOCX)',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel (XLSX)',
};

/** « PDF », « Word (DOCX) », « Excel (XLSX) »; otherwise the file's extension in capitals. */
export function formatLabel(mimeType: string, fileName?: string | null): string {
  const known = FORMATS[mimeType];
  if (known) return known;
  const ext = /\.([a-z0-9]{1,8})$/i.exec(fileName ?? '')?.[1];
  return ext ? ext.toUpperCase() : 'Fichier';
}

const DATE = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long' });

/** « 5 mars 2026 »; an empty string for a missing or unreadable date. */
export function formatDay(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : DATE.format(date);
}

/** The category filter's value: a known category, or every category (`undefined`). */
export function parseCategory(value: unknown): DocumentCategory | undefined {
  return isOneOf(DOCUMENT_CATEGORIES, value) ? value : undefined;
}

/** The query string of `GET /api/documents` (the search trimmed, empty parts left out). */
export function documentsQueryString(filters: { q?: string; category?: DocumentCategory }) {
  const params = new URLSearchParams();
  const q = filters.q?.trim();
  if (q) params.set('q', q.slice(0, 200));
  if (filters.category) params.set('category', filters.category);
  return params.toString();
}

/** The address of a document's current file (an attachment). */
export const documentFileUrl = (id: string) => `/api/documents/${encodeURIComponent(id)}/file`;

export interface DocumentScopeInfo {
  scope: 'all' | 'ccn' | 'company';
  idcc: string | null;
  companyName: string | null;
  ccnName?: string | null;
}

/** « Tous les adhérents », « CCN Immobilier (IDCC 1527) », « CCN (IDCC 1527) » or the company. */
export function scopeLabel(doc: DocumentScopeInfo): string {
  if (doc.scope === 'all') return 'Tous les adhérents';
  if (doc.scope === 'ccn') {
    const name = doc.ccnName?.trim();
    return `CCN ${name ? `${name} ` : ''}(IDCC ${doc.idcc ?? '?'})`;
  }
  return doc.companyName ?? 'Entreprise inconnue';
}

/** What the file inputs of the back office accept (the server checks the bytes). */
export const DOCUMENT_ACCEPT = [
  '.pdf',
  '.docx',
  '.xlsx',
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
].join(',');

/**
 * A first check of a chosen file, before sending it: an accepted extension, not empty, not over
 * the limit. The French message to show next to the field, or null.
 */
export function checkDocumentFile(file: { name: string; size: number }, maxBytes: number) {
  if (!/\.(pdf|docx|xlsx)$/i.test(file.name)) return 'Choisissez un fichier PDF, DOCX ou XLSX';
  if (file.size === 0) return 'Ce fichier est vide';
  if (file.size > maxBytes) {
    return `Fichier trop volumineux (${formatFileSize(maxBytes)} au plus)`;
  }
  return null;
}

/**
 * The metadata as the back office's API reads it (the multipart form's text fields, or the JSON
 * of PATCH): every field a string, an empty one for « none »; the IDCC or the company only with
 * the scope that uses it.
 */
export function metadataFields(meta: DocumentMetadata): Record<string, string> {
  return {
    title: meta.title,
    description: meta.description ?? '',
    category: meta.category,
    scope: meta.scope,
    idcc: meta.scope === 'ccn' ? (meta.idcc ?? '') : '',
    companyId: meta.scope === 'company' ? (meta.companyId ?? '') : '',
  };
}
