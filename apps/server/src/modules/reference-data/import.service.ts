/**
 * The reference-data import (SPEC §3), for the back office and the command line alike:
 * a file read as a stream (lib/spreadsheet, in a worker thread) → checked rows (import-parse.ts)
 * → in batches: looked up in bulk and decided, applied in one transaction per batch → a
 * row-by-row report written as it goes and stored as CSV, with a line in the history
 * (reference_imports) and the audit log.
 *
 * Idempotent upserts: companies by SIREN, establishments by SIRET, contracts by number, members
 * by NIR (keyed hash) within the establishment's company, coverages by member + contract + date
 * d'effet. A row whose values are those of the database is « inchangé » and writes nothing, so a
 * monthly re-import of the same book changes only what changed. Every row in error is reported
 * and nothing of it is applied; the valid rows of a batch are applied together, in one
 * transaction; what must hold across batches (a key met twice in the file, a member's values on
 * all their rows) is remembered in compact form (docs/decisions/0008).
 */
import type { Readable } from 'node:stream';
import {
  REFERENCE_IMPORT_MAX_ROWS,
  REFERENCE_IMPORT_ROWS_IN_ANSWER,
  referenceImportReportName,
  type ReferenceImportHistoryItem,
  type ReferenceImportKind,
  type ReferenceImportReport,
  type ReferenceImportRow,
  type ReferenceImportSummary,
} from '@affilia/shared/schemas/reference-import';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../../db/database';
import { refreshPlannerStatistics } from '../../db/database';
import type { ContractOption } from '../../db/schema';
import { insertBatched } from '../../db/insert-batched';
import { recordAudit } from '../../lib/audit';
import { SpillingKeyMap } from '../../lib/compact-keys';
import { notFound } from '../../lib/errors';
import { applyMembersBatch } from '../../commands/apply-members-batch';
import { cleanFileName } from '../../lib/file-types';
import { newId } from '../../lib/ids';
import { recordStoredFile } from '../../lib/stored-files';
import { openTable } from '../../lib/spreadsheet/read-table';
import { allowsTemporaryNir } from '../settings/settings.repository';
import type { FileStorage } from '../../lib/storage';
import type { TableSource } from '../../lib/spreadsheet/table';
import { CSV_BOM, csvLines } from '../../lib/csv';
import {
  changes,
  created,
  error,
  inBatchTransaction,
  unchanged,
  updated,
  withWarning,
  type FileState,
  type ImportDeps,
  type Ok,
  type Outcome,
} from './import-batch';
import {
  createRowParser,
  noDataRows,
  noRows,
  SHEET_KEYS,
  type RowParser,
  type CompanyData,
  type ContractData,
  type EstablishmentData,
  type KindData,
  type MemberData,
  type ParsedRow,
} from './import-parse';
import * as repo from './import.repository';
import { updateCompany, updateContract, updateEstablishment } from './reference-data.repository';

export type { ImportDeps } from './import-batch';

export interface ImportActor {
  userId: string;
  ip: string | null;
  userAgent: string | null;
}

export interface RunImportInput {
  kind: ReferenceImportKind;
  /** The file: its bytes (an upload) or its path (the command line), read as a stream. */
  file: TableSource;
  fileName: string;
  dryRun: boolean;
  source: 'backoffice' | 'cli';
  /** The staff member (null from the command line). */
  actor: ImportActor | null;
  /** Steps, for the command line's progress. */
  onProgress?: (message: string) => void;
  /** The most rows accepted (REFERENCE_IMPORT_MAX_ROWS by default; more from the command line). */
  maxRows?: number;
  /** Rows per transaction (IMPORT_BATCH_ROWS; smaller in tests). */
  batchRows?: number;
  /** Once the file is checked and counted, before any row is applied: its data rows. */
  onStart?: (total: number) => void;
  /** After each batch: the data rows decided so far, and the file's data rows. */
  onRows?: (done: number, total: number) => void;
}

export interface ImportResult {
  id: string;
  /** The report's answer (every row of a small file, else its first rows in error). */
  report: ReferenceImportReport;
  /** The row-by-row report as CSV, in the file storage. */
  reportStorageKey: string;
  durationMs: number;
}

/** `stored_files.owner_kind` of a stored import report (purged with the audit retention). */
export const REFERENCE_IMPORT_REPORT_OWNER_KIND = 'reference_import_report';

// ---------------------------------------------------------------------------------------------
// What a row does to its record

/**
 * A row whose record exists: « Inchangé » when nothing changes, else the record updated (unless
 * a dry run) and what changed. The updates leave a column the file does not give (undefined) as
 * it is: Kysely writes no undefined value.
 */
async function updateOutcome(changed: string[], write: boolean, update: () => Promise<void>) {
  if (changed.length === 0) return unchanged();
  if (write) await update();
  return updated(`Mis à jour : ${changed.join(', ')}`);
}

/**
 * An « identifiant » the file gives to a record (`key`: its SIREN or SIRET) that the database or
 * an earlier row of the file gives to another: the row's error, else null (and the file
 * remembers it).
 */
function identifierTakenError(
  inDatabase: Map<string, string>,
  inFile: Map<string, string>,
  identifier: string,
  key: string,
  message: (owner: string) => string,
): Outcome | null {
  const owner = [inDatabase.get(identifier), inFile.get(identifier)].find(
    (o) => o !== undefined && o !== key,
  );
  if (owner) return error(message(owner));
  inFile.set(identifier, key);
  return null;
}

const byKey = <T, K>(rows: T[], key: (row: T) => K) => new Map(rows.map((r) => [key(r), r]));

// ---------------------------------------------------------------------------------------------
// Companies

async function applyCompanies(
  trx: Db,
  rows: Ok<CompanyData>[],
  at: string,
  write: boolean,
  file: FileState,
): Promise<Outcome[]> {
  const datas = rows.map((r) => r.data);
  const bySiren = byKey(
    await repo.findCompaniesBySiren(
      trx,
      datas.map((d) => d.siren),
    ),
    (c) => c.siren,
  );
  const owners = await repo.findCompanyIdentifiers(
    trx,
    datas.map((d) => d.identifier),
  );
  const byIdentifier = new Map(owners.map((c) => [c.identifier, c.siren]));
  const outcomes: Outcome[] = [];
  const inserts = [];
  for (const data of datas) {
    const taken = identifierTakenError(
      byIdentifier,
      file.companyIdentifiers,
      data.identifier,
      data.siren,
      (owner) =>
        `L’identifiant entreprise ${data.identifier} est déjà celui de l’entreprise de SIREN ${owner}`,
    );
    const existing = bySiren.get(data.siren);
    if (taken) {
      outcomes.push(taken);
    } else if (!existing) {
      inserts.push({
        id: newId(),
        siren: data.siren,
        name: data.name,
        insurer_company_identifier: data.identifier,
        ccn_name: data.ccnName ?? null,
        idcc: data.idcc ?? null,
        created_at: at,
        updated_at: at,
      });
      outcomes.push(created('Entreprise créée'));
    } else {
      const changed = changes([
        ['raison sociale', existing.name, data.name],
        ['identifiant entreprise', existing.insurer_company_identifier, data.identifier],
        ['CCN', existing.ccn_name, data.ccnName],
        ['IDCC', existing.idcc, data.idcc],
      ]);
      outcomes.push(
        await updateOutcome(changed, write, () =>
          updateCompany(trx, existing.id, {
            name: data.name,
            insurer_company_identifier: data.identifier,
            ccn_name: data.ccnName,
            idcc: data.idcc,
            updated_at: at,
          }),
        ),
      );
    }
  }
  if (write) await insertBatched(trx, 'companies', inserts);
  return outcomes;
}

// ---------------------------------------------------------------------------------------------
// Establishments

async function companiesBySiren(trx: Db, sirens: string[]) {
  return byKey(await repo.findCompaniesBySiren(trx, sirens), (c) => c.siren);
}

const unknownCompany = (siren: string) =>
  error(`Aucune entreprise de SIREN ${siren} : importez d’abord l’entreprise`);

async function applyEstablishments(
  trx: Db,
  rows: Ok<EstablishmentData>[],
  at: string,
  write: boolean,
  file: FileState,
): Promise<Outcome[]> {
  const datas = rows.map((r) => r.data);
  const companies = await companiesBySiren(
    trx,
    datas.map((d) => d.siren),
  );
  const bySiret = byKey(
    await repo.findEstablishmentsBySiret(
      trx,
      datas.map((d) => d.siret),
    ),
    (e) => e.siret,
  );
  const owners = await repo.findEstablishmentIdentifiers(
    trx,
    datas.map((d) => d.identifier),
  );
  const byIdentifier = new Map(owners.map((e) => [e.identifier, e.siret]));
  const outcomes: Outcome[] = [];
  const inserts = [];
  for (const data of datas) {
    const company = companies.get(data.siren);
    const taken =
      company &&
      identifierTakenError(
        byIdentifier,
        file.establishmentIdentifiers,
        data.identifier,
        data.siret,
        (owner) =>
          `L’identifiant établissement ${data.identifier} est déjà celui de l’établissement de SIRET ${owner}`,
      );
    const existing = bySiret.get(data.siret);
    if (!company) {
      outcomes.push(unknownCompany(data.siren));
    } else if (taken) {
      outcomes.push(taken);
    } else if (!existing) {
      inserts.push({
        id: newId(),
        company_id: company.id,
        siret: data.siret,
        name: data.name,
        address_line1: data.addressLine1 ?? null,
        address_line2: data.addressLine2 ?? null,
        postal_code: data.postalCode ?? null,
        city: data.city ?? null,
        insurer_identifier: data.identifier,
        created_at: at,
        updated_at: at,
      });
      outcomes.push(created(`Établissement créé (${company.name})`));
    } else if (existing.company_id !== company.id) {
      outcomes.push(error('Cet établissement appartient à une autre entreprise'));
    } else {
      const changed = changes([
        ['nom', existing.name, data.name],
        ['identifiant établissement', existing.insurer_identifier, data.identifier],
        ['adresse', existing.address_line1, data.addressLine1],
        ['complément d’adresse', existing.address_line2, data.addressLine2],
        ['code postal', existing.postal_code, data.postalCode],
        ['ville', existing.city, data.city],
      ]);
      outcomes.push(
        await updateOutcome(changed, write, () =>
          updateEstablishment(trx, existing.id, {
            name: data.name,
            insurer_identifier: data.identifier,
            address_line1: data.addressLine1,
            address_line2: data.addressLine2,
            postal_code: data.postalCode,
            city: data.city,
            updated_at: at,
          }),
        ),
      );
    }
  }
  if (write) await insertBatched(trx, 'establishments', inserts);
  return outcomes.map((outcome, i) => withWarning(outcome, rows[i]?.data.warning ?? null));
}

// ---------------------------------------------------------------------------------------------
// Contracts

const optionsJson = (options: ContractOption[]) =>
  JSON.stringify(options.map((o) => ({ code: o.code, label: o.label, mandatory: o.mandatory })));

async function applyContracts(
  trx: Db,
  rows: Ok<ContractData>[],
  at: string,
  write: boolean,
): Promise<Outcome[]> {
  const datas = rows.map((r) => r.data);
  const companies = await companiesBySiren(
    trx,
    datas.map((d) => d.siren),
  );
  const byNumber = byKey(
    await repo.findContractsByNumber(
      trx,
      datas.map((d) => d.number),
    ),
    (c) => c.number,
  );
  const outcomes: Outcome[] = [];
  const inserts = [];
  for (const data of datas) {
    const company = companies.get(data.siren);
    const existing = byNumber.get(data.number);
    const endDate = data.endDate === undefined ? existing?.end_date : data.endDate;
    if (!company) {
      outcomes.push(unknownCompany(data.siren));
    } else if (!existing) {
      inserts.push({
        id: newId(),
        number: data.number,
        company_id: company.id,
        label: data.label,
        staff_category: data.staffCategory,
        options: optionsJson(
          data.options ?? [{ code: 'base', label: 'Base obligatoire', mandatory: true }],
        ),
        start_date: data.startDate,
        end_date: data.endDate ?? null,
        created_at: at,
        updated_at: at,
      });
      outcomes.push(created(`Contrat créé (${company.name})`));
    } else if (existing.company_id !== company.id) {
      outcomes.push(error('Ce numéro de contrat est celui d’un contrat d’une autre entreprise'));
    } else if (endDate && endDate < data.startDate) {
      outcomes.push(error('La date de fin précède la date de début'));
    } else {
      const options = data.options === undefined ? undefined : optionsJson(data.options);
      const changed = changes([
        ['libellé', existing.label, data.label],
        ['collège', existing.staff_category, data.staffCategory],
        ['options', existing.options, options],
        ['date de début', existing.start_date, data.startDate, 'date'],
        ['date de fin', existing.end_date, data.endDate, 'date'],
      ]);
      outcomes.push(
        await updateOutcome(changed, write, () =>
          updateContract(trx, existing.id, {
            label: data.label,
            staff_category: data.staffCategory,
            start_date: data.startDate,
            options,
            end_date: data.endDate,
            updated_at: at,
          }),
        ),
      );
    }
  }
  if (write) await insertBatched(trx, 'contracts', inserts);
  return outcomes;
}

// ---------------------------------------------------------------------------------------------
// The report

const STATUS_LABELS = {
  created: 'Créé',
  updated: 'Mis à jour',
  unchanged: 'Inchangé',
  error: 'Erreur',
};
const KEY_HEADERS: Record<ReferenceImportKind, [string, string]> = {
  companies: ['SIREN', 'Raison sociale'],
  establishments: ['SIRET', 'Nom'],
  contracts: ['Numéro de contrat', 'Libellé'],
  members: ['NIR (masqué)', 'Nom Prénom'],
};

/** A line of the report as CSV for French Excel (`;`, CRLF). */
export function reportLine(kind: ReferenceImportKind, row: ReferenceImportRow | null): string {
  const fields = row
    ? [String(row.line), row.key, row.label, STATUS_LABELS[row.status], row.message]
    : ['Ligne', ...KEY_HEADERS[kind], 'Résultat', 'Détail'];
  return csvLines([fields]);
}

/**
 * The report, written to a temporary file as the rows are decided (UTF-8 with BOM), then moved
 * into the file storage: never the whole report in memory.
 */
class ReportFile {
  private readonly stream: fs.WriteStream;
  private failed: Error | null = null;
  private constructor(
    readonly path: string,
    kind: ReferenceImportKind,
  ) {
    this.stream = fs.createWriteStream(path, { mode: 0o600, flags: 'wx' });
    this.stream.on('error', (err) => (this.failed = err));
    this.stream.write(CSV_BOM + reportLine(kind, null));
  }

  static create(kind: ReferenceImportKind): ReportFile {
    return new ReportFile(path.join(os.tmpdir(), `affilia-import-report-${newId()}.csv`), kind);
  }

  async write(text: string): Promise<void> {
    if (this.failed) throw this.failed;
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }

  async finish(): Promise<void> {
    if (this.failed) throw this.failed;
    await new Promise<void>((resolve, reject) =>
      this.stream.end((err?: Error | null) => (err ? reject(err) : resolve())),
    );
  }

  discard(): void {
    this.stream.destroy();
    fs.rm(this.path, { force: true }, () => undefined);
  }
}

// ---------------------------------------------------------------------------------------------
// The import

/** Rows checked and applied per transaction. */
export const IMPORT_BATCH_ROWS = 10_000;

/** Decides (and applies, unless a dry run) the valid rows of a batch, in its own transaction. */
async function applyBatchRows<K extends ReferenceImportKind>(
  deps: ImportDeps,
  kind: K,
  rows: Ok<KindData[K]>[],
  at: string,
  write: boolean,
  allowTemporaryNir: boolean,
  file: FileState,
): Promise<Outcome[]> {
  switch (kind) {
    case 'companies':
      return inBatchTransaction(deps, (trx) =>
        applyCompanies(trx, rows as Ok<CompanyData>[], at, write, file),
      );
    case 'establishments':
      return inBatchTransaction(deps, (trx) =>
        applyEstablishments(trx, rows as Ok<EstablishmentData>[], at, write, file),
      );
    case 'contracts':
      return inBatchTransaction(deps, (trx) =>
        applyContracts(trx, rows as Ok<ContractData>[], at, write),
      );
    default:
      return applyMembersBatch(deps, {
        rows: rows as Ok<MemberData>[],
        at,
        write,
        allowTemporaryNir,
        file,
      });
  }
}

const lines = (first: number, last: number) =>
  first === last
    ? `la ligne ${first.toLocaleString('fr-FR')}`
    : `les lignes ${first.toLocaleString('fr-FR')} à ${last.toLocaleString('fr-FR')}`;

/** Why a row of a batch that failed, or of a batch after it, was not applied. */
export function notAppliedMessage(failed: { first: number; last: number }, sameBatch: boolean) {
  return sameBatch
    ? `Non appliquée : l’enregistrement du lot des ${lines(failed.first, failed.last).replace(/^l(a|es) /, '')} a échoué (erreur de la base de données) et rien de ce lot n’a été appliqué. Importez de nouveau le fichier : les lignes déjà appliquées seront « inchangées ».`
    : `Non appliquée : l’import s’est arrêté après l’échec du lot des ${lines(failed.first, failed.last).replace(/^l(a|es) /, '')}. Importez de nouveau le fichier : les lignes déjà appliquées seront « inchangées ».`;
}

/**
 * Reads, checks, applies (unless a dry run) and reports a file; records it in the history.
 *
 * The file is read as a stream (lib/spreadsheet: checked whole and its rows counted first, so a
 * file-level error applies nothing), then checked and applied in batches of `batchRows`, each in
 * its own transaction, its report lines written to a temporary file as they are decided. A
 * batch is applied whole or not at all: when one fails (a database error), it and every later
 * row are reported « Non appliquée », the earlier batches stay applied (docs/decisions/0008).
 */
export async function runReferenceImport(
  deps: ImportDeps,
  input: RunImportInput,
): Promise<ImportResult> {
  const started = performance.now();
  const progress = input.onProgress ?? (() => undefined);
  const now = deps.now();
  const fileName = cleanFileName(input.fileName, 'fichier');

  // Read in a worker thread, an .xlsx behind the ZIP guard sized for this many rows.
  const maxRows = input.maxRows ?? REFERENCE_IMPORT_MAX_ROWS;
  const table = await openTable(input.file, { sheetKeys: SHEET_KEYS[input.kind], maxRows });
  const report = ReportFile.create(input.kind);
  let reportSaved = false;
  let members: SpillingKeyMap | null = null;
  try {
    if (table.rows === 0) throw noRows();
    const total = table.rows - 1;
    members = new SpillingKeyMap(input.kind === 'members' ? total : 0);
    progress(`Lecture : ${total.toLocaleString('fr-FR')} lignes à traiter`);
    const run: ImportRun = {
      deps,
      input,
      at: now.toISOString(),
      total,
      progress,
      // Read before the transactions (never ctx.db inside them).
      allowTemporaryNir: await allowsTemporaryNir(deps.db),
      file: {
        companyIdentifiers: new Map(),
        establishmentIdentifiers: new Map(),
        members,
      },
      tally: new ImportTally(input.kind, report),
      failed: null,
    };
    await readAndApply(run, table, maxRows);
    await report.finish();

    const id = newId();
    const reportName = referenceImportReportName(input.kind);
    const saved = await deps.storage.saveFile(report.path, {
      originalName: reportName,
      mimeType: 'text/csv',
    });
    reportSaved = true;
    const durationMs = Math.round(performance.now() - started);
    try {
      await recordImport(run, { id, now, fileName, reportName, saved, durationMs });
    } catch (err) {
      await deps.storage.remove(saved.storageKey);
      throw err;
    }
    if (!input.dryRun && run.tally.summary.created > 1000) {
      await refreshPlannerStatistics(deps.db, deps.dialect);
    }
    return {
      id,
      reportStorageKey: saved.storageKey,
      durationMs,
      report: { id, kind: input.kind, fileName, dryRun: input.dryRun, ...run.tally.answer() },
    };
  } finally {
    table.close();
    members?.close();
    if (!reportSaved) report.discard();
  }
}

/** One import as it runs: what every batch needs and what they leave for the next. */
interface ImportRun {
  deps: ImportDeps;
  input: RunImportInput;
  /** The import's instant, ISO. */
  at: string;
  /** The file's data rows. */
  total: number;
  progress: (message: string) => void;
  allowTemporaryNir: boolean;
  file: FileState;
  tally: ImportTally;
  /** The lines of the batch that failed in the database: nothing is applied after it. */
  failed: { first: number; last: number } | null;
}

/** The summary, the rows the answer shows and the report file, as the rows are decided. */
class ImportTally {
  readonly summary: ReferenceImportSummary = {
    total: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    errors: 0,
  };
  // What the answer shows: every row of a small file, else its first rows in error.
  private readonly firstRows: ReferenceImportRow[] = [];
  private readonly firstErrors: ReferenceImportRow[] = [];

  constructor(
    private readonly kind: ReferenceImportKind,
    private readonly report: ReportFile,
  ) {}

  async record(row: ReferenceImportRow): Promise<void> {
    const { summary } = this;
    summary.total += 1;
    if (row.status === 'created') summary.created += 1;
    else if (row.status === 'updated') summary.updated += 1;
    else if (row.status === 'unchanged') summary.unchanged += 1;
    else {
      summary.errors += 1;
      if (this.firstErrors.length < REFERENCE_IMPORT_ROWS_IN_ANSWER) this.firstErrors.push(row);
    }
    if (this.firstRows.length <= REFERENCE_IMPORT_ROWS_IN_ANSWER) this.firstRows.push(row);
    await this.report.write(reportLine(this.kind, row));
  }

  answer() {
    const truncated = this.summary.total > REFERENCE_IMPORT_ROWS_IN_ANSWER;
    return {
      summary: this.summary,
      rows: truncated ? this.firstErrors : this.firstRows,
      rowsTruncated: truncated,
    };
  }
}

/** The file's rows, parsed from its header row on, applied in batches of `batchRows`. */
async function readAndApply(
  run: ImportRun,
  table: Awaited<ReturnType<typeof openTable>>,
  maxRows: number,
): Promise<void> {
  const batchRows = run.input.batchRows ?? IMPORT_BATCH_ROWS;
  let parser: RowParser<KindData[ReferenceImportKind]> | null = null;
  let pending: ParsedRow<KindData[ReferenceImportKind]>[] = [];
  try {
    for await (const rows of table.batches()) {
      for (const row of rows) {
        if (!parser) {
          parser = createRowParser(run.input.kind, row.cells, maxRows, run.total);
          if (run.total === 0) throw noDataRows();
          run.input.onStart?.(run.total);
          continue;
        }
        pending.push(parser.parse(row));
        if (pending.length >= batchRows) {
          await applyBatch(run, pending);
          pending = [];
        }
      }
    }
    if (pending.length > 0) await applyBatch(run, pending);
  } finally {
    parser?.close();
  }
}

/**
 * One batch: its valid rows applied in one transaction (unless an earlier batch failed), then
 * every row of it reported, in order.
 */
async function applyBatch(
  run: ImportRun,
  parsed: ParsedRow<KindData[ReferenceImportKind]>[],
): Promise<void> {
  const range = {
    first: (parsed[0] as ParsedRow<unknown>).line,
    last: (parsed.at(-1) as ParsedRow<unknown>).line,
  };
  let outcomes: Outcome[] | null = null;
  if (!run.failed) {
    const valid = parsed.filter((r): r is Ok<KindData[ReferenceImportKind]> => r.ok);
    try {
      outcomes = await applyBatchRows(
        run.deps,
        run.input.kind,
        valid,
        run.at,
        !run.input.dryRun,
        run.allowTemporaryNir,
        run.file,
      );
    } catch (err) {
      run.failed = range;
      run.progress(
        `Échec de l’enregistrement des ${lines(range.first, range.last).replace(/^l(a|es) /, '')} : ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }
  let next = 0;
  for (const r of parsed) {
    if (!r.ok) {
      await run.tally.record({
        line: r.line,
        key: r.key,
        label: r.label,
        status: 'error',
        message: r.message,
      });
      continue;
    }
    const outcome = outcomes
      ? (outcomes[next++] as Outcome)
      : error(
          notAppliedMessage(run.failed as { first: number; last: number }, run.failed === range),
        );
    await run.tally.record({ line: r.line, key: r.key, label: r.label, ...outcome });
  }
  const { summary } = run.tally;
  run.input.onRows?.(summary.total, run.total);
  run.progress(
    `${summary.total.toLocaleString('fr-FR')} / ${run.total.toLocaleString('fr-FR')} lignes traitées`,
  );
}

/** The last transaction: the stored report, the line of the history, the audit entry. */
async function recordImport(
  { deps, input, at, tally }: ImportRun,
  done: {
    id: string;
    now: Date;
    fileName: string;
    reportName: string;
    saved: Awaited<ReturnType<FileStorage['saveFile']>>;
    durationMs: number;
  },
): Promise<void> {
  const { id, saved, fileName } = done;
  const { summary } = tally;
  await deps.db.transaction().execute(async (trx) => {
    const fileId = await recordStoredFile(trx, {
      saved,
      name: done.reportName,
      mimeType: 'text/csv',
      ownerKind: REFERENCE_IMPORT_REPORT_OWNER_KIND,
      ownerId: id,
      at,
    });
    await repo.insertImport(trx, {
      id,
      kind: input.kind,
      file_name: fileName,
      dry_run: input.dryRun ? 1 : 0,
      source: input.source,
      actor_user_id: input.actor?.userId ?? null,
      report_file_id: fileId,
      total: summary.total,
      created_count: summary.created,
      updated_count: summary.updated,
      unchanged_count: summary.unchanged,
      error_count: summary.errors,
      duration_ms: done.durationMs,
      created_at: at,
    });
    await recordAudit(trx, done.now, {
      action: input.dryRun ? 'reference_data.import_checked' : 'reference_data.imported',
      actorUserId: input.actor?.userId ?? null,
      actorKind: input.actor ? 'staff' : 'system',
      targetType: 'reference_import',
      targetId: id,
      ip: input.actor?.ip ?? null,
      userAgent: input.actor?.userAgent ?? null,
      details: { kind: input.kind, fileName, source: input.source, ...summary },
    });
  });
}

// ---------------------------------------------------------------------------------------------
// History and reports

export async function listImports(db: Db): Promise<ReferenceImportHistoryItem[]> {
  const rows = await repo.findLatestImports(db, 100);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as ReferenceImportKind,
    fileName: r.file_name,
    dryRun: Number(r.dry_run) === 1,
    source: r.source,
    actorName: r.first_name ? `${r.first_name} ${r.last_name ?? ''}`.trim() : null,
    createdAt: r.created_at,
    durationMs: Number(r.duration_ms),
    summary: {
      total: Number(r.total),
      created: Number(r.created_count),
      updated: Number(r.updated_count),
      unchanged: Number(r.unchanged_count),
      errors: Number(r.error_count),
    },
  }));
}

export async function readImportReport(
  deps: Pick<ImportDeps, 'db' | 'storage'>,
  id: string,
): Promise<{ report: Readable; kind: ReferenceImportKind }> {
  const row = await repo.findImportReport(deps.db, id);
  if (!row) throw notFound('Ce rapport d’import n’existe pas.');
  return {
    report: await deps.storage.openRead(row.storage_key),
    kind: row.kind as ReferenceImportKind,
  };
}
