/**
 * The reference-data import's reads and writes (import.service.ts decides each row and holds the
 * transactions; the rows' updates are reference-data.repository.ts's): the records a batch's
 * keys name, read in bulk; the history of imports and their reports; the background jobs' rows.
 */
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database, ReferenceImportJobsTable, ReferenceImportsTable } from '../../db/schema';
import { inChunks, unique } from './import-batch';

type Db = Kysely<Database>;

// A batch's records, by the keys of its rows ---------------------------------------------------

export const findCompaniesBySiren = (db: Db, sirens: string[]) =>
  inChunks(unique(sirens), (chunk) =>
    db.selectFrom('companies').selectAll().where('siren', 'in', chunk).execute(),
  );

/** Which company holds each of these « identifiants entreprise ». */
export const findCompanyIdentifiers = (db: Db, identifiers: string[]) =>
  inChunks(unique(identifiers), (chunk) =>
    db
      .selectFrom('companies')
      .select(['siren', 'insurer_company_identifier as identifier'])
      .where('insurer_company_identifier', 'in', chunk)
      .execute(),
  );

export const findEstablishmentsBySiret = (db: Db, sirets: string[]) =>
  inChunks(unique(sirets), (chunk) =>
    db.selectFrom('establishments').selectAll().where('siret', 'in', chunk).execute(),
  );

/** Which establishment holds each of these « identifiants établissement ». */
export const findEstablishmentIdentifiers = (db: Db, identifiers: string[]) =>
  inChunks(unique(identifiers), (chunk) =>
    db
      .selectFrom('establishments')
      .select(['siret', 'insurer_identifier as identifier'])
      .where('insurer_identifier', 'in', chunk)
      .execute(),
  );

export const findContractsByNumber = (db: Db, numbers: string[]) =>
  inChunks(unique(numbers), (chunk) =>
    db.selectFrom('contracts').selectAll().where('number', 'in', chunk).execute(),
  );

// History ----------------------------------------------------------------------------------------

export async function insertImport(db: Db, row: Insertable<ReferenceImportsTable>): Promise<void> {
  await db.insertInto('reference_imports').values(row).execute();
}

/** The latest imports with their author's name, latest first. */
export function findLatestImports(db: Db, limit: number) {
  return db
    .selectFrom('reference_imports as i')
    .leftJoin('users as u', 'u.id', 'i.actor_user_id')
    .select([
      'i.id',
      'i.kind',
      'i.file_name',
      'i.dry_run',
      'i.source',
      'i.created_at',
      'i.duration_ms',
      'i.total',
      'i.created_count',
      'i.updated_count',
      'i.unchanged_count',
      'i.error_count',
      'u.first_name',
      'u.last_name',
    ])
    .orderBy('i.created_at', 'desc')
    .orderBy('i.id', 'desc')
    .limit(limit)
    .execute();
}

/** An import's kind and the storage key of its report. */
export function findImportReport(db: Db, id: string) {
  return db
    .selectFrom('reference_imports as i')
    .innerJoin('stored_files as f', 'f.id', 'i.report_file_id')
    .select(['f.storage_key', 'i.kind'])
    .where('i.id', '=', id)
    .executeTakeFirst();
}

// Background jobs --------------------------------------------------------------------------------

export async function insertJob(db: Db, row: Insertable<ReferenceImportJobsTable>): Promise<void> {
  await db.insertInto('reference_import_jobs').values(row).execute();
}

/** Writes a job's progress or end; `onlyRunning`: not once it is done or failed. */
export async function updateJob(
  db: Db,
  id: string,
  set: Updateable<ReferenceImportJobsTable>,
  onlyRunning = false,
): Promise<void> {
  await db
    .updateTable('reference_import_jobs')
    .set(set)
    .where('id', '=', id)
    .$if(onlyRunning, (q) => q.where('status', '=', 'running'))
    .execute();
}

export async function deleteJob(db: Db, id: string): Promise<void> {
  await db.deleteFrom('reference_import_jobs').where('id', '=', id).execute();
}

/** Deletes the jobs not heard of since `before` (ISO). */
export async function deleteJobsBefore(db: Db, before: string): Promise<void> {
  await db.deleteFrom('reference_import_jobs').where('updated_at', '<', before).execute();
}

export const findJob = (db: Db, id: string) =>
  db.selectFrom('reference_import_jobs').selectAll().where('id', '=', id).executeTakeFirst();
