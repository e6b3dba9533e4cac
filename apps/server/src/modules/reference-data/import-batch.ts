/**
 * What the reference-data import's steps share (import.service.ts and the members' batch,
 * commands/apply-members-batch.ts): the outcome of a row, bulk reads, the memory of the file
 * across batches, the transaction of a batch.
 */
import { formatFrenchDate } from '@affilia/shared/validators/dates';
import { sql } from 'kysely';
import type { Db, Dialect } from '../../db/database';
import type { SpillingKeyMap } from '../../lib/compact-keys';
import type { FieldCipher } from '../../lib/crypto';
import type { FileStorage } from '../../lib/storage';
import type { ParsedRow } from './import-parse';

export interface ImportDeps {
  db: Db;
  dialect: Dialect;
  cipher: FieldCipher;
  storage: FileStorage;
  now: () => Date;
}

export type Outcome =
  | { status: 'created' | 'updated' | 'unchanged'; message: string }
  | { status: 'error'; message: string };

export type Ok<T> = Extract<ParsedRow<T>, { ok: true }>;

/** Bound parameters per `in (…)` list (SQLite allows 32,766 per statement). */
const CHUNK = 5000;

export const created = (message: string): Outcome => ({ status: 'created', message });
export const updated = (message: string): Outcome => ({ status: 'updated', message });
export const unchanged = (message = 'Aucun changement'): Outcome => ({
  status: 'unchanged',
  message,
});
export const error = (message: string): Outcome => ({ status: 'error', message });
/** A row applied (or unchanged) with what was read differently from the file: « (attention : …) ». */
export const withWarning = (outcome: Outcome, warning: string | null): Outcome =>
  warning && outcome.status !== 'error'
    ? { ...outcome, message: `${outcome.message} (attention : ${warning})` }
    : outcome;

export async function inChunks<T, R>(
  values: T[],
  read: (chunk: T[]) => Promise<R[]>,
): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < values.length; i += CHUNK) {
    if (values.length === 0) break;
    out.push(...(await read(values.slice(i, i + CHUNK))));
  }
  return out;
}

export const unique = <T>(values: T[]) => [...new Set(values)];

/** « nom, date de fin (31/12/2026) »: the fields that change. */
export function changes(
  pairs: [label: string, before: unknown, after: unknown, show?: 'date'][],
): string[] {
  return pairs
    .filter(([, before, after]) => after !== undefined && (before ?? null) !== (after ?? null))
    .map(([label, , after, show]) =>
      show === 'date'
        ? `${label} (${after ? formatFrenchDate(after as string) : 'aucune'})`
        : label,
    );
}

/** What must be known across the batches of one file (the rows' own keys: import-parse.ts). */
export interface FileState {
  /** Identifiant entreprise → SIREN, as met in the file (bounded by the companies of the file). */
  companyIdentifiers: Map<string, string>;
  /** Identifiant établissement → SIRET, as met in the file. */
  establishmentIdentifiers: Map<string, string>;
  /** company id + NIR hash → the member's first line and their fields (apply-members-batch.ts). */
  members: SpillingKeyMap;
}

/**
 * Runs one batch in its own transaction: applied whole or not at all. One batch at a time
 * across imports: two files upserting the same SIREN or NIR at once would otherwise collide on
 * the unique keys (PostgreSQL; SQLite has a single writer).
 */
export function inBatchTransaction<T>(
  deps: Pick<ImportDeps, 'db' | 'dialect'>,
  apply: (trx: Db) => Promise<T>,
): Promise<T> {
  return deps.db.transaction().execute(async (trx) => {
    if (deps.dialect === 'postgres') {
      await sql`select pg_advisory_xact_lock(hashtext('affilia.reference_import'))`.execute(trx);
    }
    return apply(trx);
  });
}
