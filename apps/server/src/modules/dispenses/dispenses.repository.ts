/**
 * The `dispenses` and `dispense_files` tables (issue 19): the writes every side shares (the
 * employee's request, the employer's paper record, the insurer's decision, the renewal job) and
 * the reads by id. The employer's register reads through its own perimeter queries
 * (dispenses-register.repository.ts); nothing here filters by perimeter: callers that answer an
 * employer load the affiliation request through the perimeter first.
 */
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database, DispenseFilesTable, DispenseStatus, DispensesTable } from '../../db/schema';

type Db = Kysely<Database>;
export type DispenseRow = Selectable<DispensesTable>;
export type NewDispense = Insertable<DispensesTable>;

export async function insertDispense(db: Db, row: NewDispense): Promise<void> {
  await db.insertInto('dispenses').values(row).execute();
}

export function findDispenseRow(db: Db, id: string): Promise<DispenseRow | undefined> {
  return db.selectFrom('dispenses').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The request's dispense in this status (at most one requested and one validated). */
export function findRequestDispense(
  db: Db,
  requestId: string,
  status: DispenseStatus,
): Promise<DispenseRow | undefined> {
  return db
    .selectFrom('dispenses')
    .selectAll()
    .where('request_id', '=', requestId)
    .where('status', '=', status)
    .executeTakeFirst();
}

/** Every dispense of the request, newest first (the first request, renewals, refusals). */
export function listRequestDispenses(db: Db, requestId: string): Promise<DispenseRow[]> {
  return db
    .selectFrom('dispenses')
    .selectAll()
    .where('request_id', '=', requestId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/**
 * Moves a dispense from `from` to `to` with the other columns of the change, only if it is still
 * in `from`: false when someone moved it first (the caller answers 409).
 */
export async function moveDispense(
  db: Db,
  id: string,
  change: { from: DispenseStatus; to: DispenseStatus; at: string } & Omit<
    Updateable<DispensesTable>,
    'status' | 'updated_at'
  >,
): Promise<boolean> {
  const { from, to, at, ...set } = change;
  const result = await db
    .updateTable('dispenses')
    .set({ ...set, status: to, updated_at: at })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Ends the person's dispenses (same NIR, same company) in these statuses, and gives their count:
 * a new affiliation request after an expiry ends the expired one (the register's pending action
 * « Affilier » goes away); an affiliation validated ends the one in force too (the employee
 * adheres after all).
 */
export async function endDispensesOfPerson(
  db: Db,
  person: { companyId: string; nirHash: string; at: string },
  statuses: readonly ('validated' | 'expired')[],
): Promise<number> {
  const result = await db
    .updateTable('dispenses')
    .set({ status: 'ended', ended_at: person.at, updated_at: person.at })
    .where('status', 'in', statuses)
    .where('company_id', '=', person.companyId)
    .where(
      'request_id',
      'in',
      db
        .selectFrom('affiliation_requests')
        .select('id')
        .where('company_id', '=', person.companyId)
        .where('nir_hash', '=', person.nirHash),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function updateDispense(
  db: Db,
  id: string,
  set: Omit<Updateable<DispensesTable>, 'status'>,
): Promise<void> {
  await db.updateTable('dispenses').set(set).where('id', '=', id).execute();
}

export async function insertDispenseFile(
  db: Db,
  row: Insertable<DispenseFilesTable>,
): Promise<void> {
  await db.insertInto('dispense_files').values(row).execute();
}

/** The proofs the employee uploaded in the form and not yet sent with a request. */
export function listPendingProofs(db: Db, requestId: string) {
  return filesQuery(db)
    .where('dispense_files.request_id', '=', requestId)
    .where('dispense_files.dispense_id', 'is', null)
    .execute();
}

/** The files of a dispense (proofs and the signed request), oldest first. */
export function listDispenseFiles(db: Db, dispenseId: string) {
  return filesQuery(db).where('dispense_files.dispense_id', '=', dispenseId).execute();
}

export type DispenseFileRow = Awaited<ReturnType<typeof listDispenseFiles>>[number];

function filesQuery(db: Db) {
  return db
    .selectFrom('dispense_files')
    .innerJoin('stored_files', 'stored_files.id', 'dispense_files.file_id')
    .select([
      'dispense_files.id',
      'dispense_files.dispense_id',
      'dispense_files.kind',
      'dispense_files.created_at',
      'stored_files.id as file_id',
      'stored_files.storage_key',
      'stored_files.original_name',
      'stored_files.mime_type',
      'stored_files.size',
    ])
    .orderBy('dispense_files.created_at')
    .orderBy('dispense_files.id');
}

/** Gives the pending proofs of the request to the dispense just created; their count. */
export async function attachPendingProofs(
  db: Db,
  requestId: string,
  dispenseId: string,
): Promise<number> {
  const result = await db
    .updateTable('dispense_files')
    .set({ dispense_id: dispenseId })
    .where('request_id', '=', requestId)
    .where('dispense_id', 'is', null)
    .where('kind', '=', 'proof')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The JSON list of founding-act cases the request's contract allows. */
export async function findContractDispenseCases(db: Db, contractId: string): Promise<string[]> {
  const row = await db
    .selectFrom('contracts')
    .select('dispense_cases')
    .where('id', '=', contractId)
    .executeTakeFirst();
  return parseContractDispenseCases(row?.dispense_cases);
}

/** `contracts.dispense_cases` (a JSON array of case codes) as a list. */
export function parseContractDispenseCases(json: string | null | undefined): string[] {
  const parsed: unknown = JSON.parse(json ?? '[]');
  return Array.isArray(parsed) ? parsed.filter((c): c is string => typeof c === 'string') : [];
}

/** The stored row of a dispense's PDF (the request with the sworn statement), if it has one. */
export function findDispensePdf(db: Db, dispense: { pdf_file_id: string | null }) {
  return db
    .selectFrom('stored_files')
    .select(['id', 'storage_key', 'original_name', 'mime_type', 'size', 'created_at'])
    .where('id', '=', dispense.pdf_file_id ?? '')
    .executeTakeFirst();
}

/**
 * A file of this dispense to send: one of its dispense_files (by its id) or its PDF (by the
 * stored file's id); undefined for a file of another dispense.
 */
export async function findDispenseDownload(
  db: Db,
  dispense: { id: string; pdf_file_id: string | null },
  fileId: string,
): Promise<{ storage_key: string; original_name: string; mime_type: string } | undefined> {
  const file = await filesQuery(db)
    .where('dispense_files.dispense_id', '=', dispense.id)
    .where('dispense_files.id', '=', fileId)
    .executeTakeFirst();
  if (file) return file;
  return dispense.pdf_file_id === fileId ? findDispensePdf(db, dispense) : undefined;
}
