/**
 * Shared pieces of the authorization matrix (`../authorization-matrix.test.ts`), so that each
 * back-office area keeps its own entries in its own file of this folder.
 */

/** A well-formed id that matches nothing (the back-office routes refuse before looking). */
export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

export interface Call {
  url: string;
  body?: unknown;
  /** A file sent as multipart/form-data (field `file`) instead of a JSON body. */
  file?: { name: string; content: string };
  /** Text fields sent as multipart/form-data (before the file, if any). */
  fields?: Record<string, string>;
}

/**
 * A back-office route: `backoffice` is open to every staff member (an employer account gets 403
 * or 404, anonymous 401); `backoffice-admin` also refuses a « gestionnaire » (403).
 */
export interface BackofficeEntry {
  kind: 'backoffice' | 'backoffice-admin';
  call?: () => Call;
}

export type BackofficeMatrix = Record<string, BackofficeEntry>;
