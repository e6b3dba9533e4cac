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
import { formatFrenchDate } from '@affilia/shared/validators/dates';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { Db, Dialect } from '../../db/database';
import { refreshPlannerStatistics } from '../../db/database';
import type { ContractOption, NewCoverage, NewMember } from '../../db/schema';
import { toSearchName } from '../../db/search-name';
import { insertBatched } from '../../db/seed/common';
import { recordAudit } from '../../lib/audit';
import { CompactKeyMap, hash32 } from '../../lib/compact-keys';
import type { FieldCipher } from '../../lib/crypto';
import { bumpDataVersion } from '../../lib/data-versions';
import { notFound } from '../../lib/errors';
import { cleanFileName } from '../../lib/file-types';
import { newId } from '../../lib/ids';
import { openTable } from '../../lib/spreadsheet/read-table';
import type { TableSource } from '../../lib/spreadsheet/table';
import type { FileStorage } from '../../lib/storage';
import { csvField } from '../establishments/import-report';
import { latestCoverageColumns, refreshLatestCoverage } from '../members/latest-coverage';
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

export interface ImportDeps {
  db: Db;
  dialect: Dialect;
  cipher: FieldCipher;
  storage: FileStorage;
  now: () => Date;
}

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

type Outcome =
  | { status: 'created' | 'updated' | 'unchanged'; message: string }
  | { status: 'error'; message: string };

type Ok<T> = Extract<ParsedRow<T>, { ok: true }>;

/** `stored_files.owner_kind` of a stored import report (purged with the audit retention). */
export const REFERENCE_IMPORT_REPORT_OWNER_KIND = 'reference_import_report';
/** Bound parameters per `in (…)` list (SQLite allows 32,766 per statement). */
const CHUNK = 5000;

const created = (message: string): Outcome => ({ status: 'created', message });
const updated = (message: string): Outcome => ({ status: 'updated', message });
const unchanged = (message = 'Aucun changement'): Outcome => ({ status: 'unchanged', message });
const error = (message: string): Outcome => ({ status: 'error', message });
/** A row applied (or unchanged) with what was read differently from the file: « (attention : …) ». */
const withWarning = (outcome: Outcome, warning: string | null): Outcome =>
  warning && outcome.status !== 'error'
    ? { ...outcome, message: `${outcome.message} (attention : ${warning})` }
    : outcome;

async function inChunks<T, R>(values: T[], read: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < values.length; i += CHUNK) {
    if (values.length === 0) break;
    out.push(...(await read(values.slice(i, i + CHUNK))));
  }
  return out;
}

const unique = <T>(values: T[]) => [...new Set(values)];

/** « nom, date de fin (31/12/2026) »: the fields that change. */
function changes(
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

// ---------------------------------------------------------------------------------------------
// Companies

async function applyCompanies(
  trx: Db,
  rows: Ok<CompanyData>[],
  at: string,
  write: boolean,
  file: FileState,
): Promise<Outcome[]> {
  const bySiren = new Map(
    (
      await inChunks(unique(rows.map((r) => r.data.siren)), (chunk) =>
        trx.selectFrom('companies').selectAll().where('siren', 'in', chunk).execute(),
      )
    ).map((c) => [c.siren, c]),
  );
  const byIdentifier = new Map(
    (
      await inChunks(unique(rows.map((r) => r.data.identifier)), (chunk) =>
        trx
          .selectFrom('companies')
          .select(['siren', 'insurer_company_identifier'])
          .where('insurer_company_identifier', 'in', chunk)
          .execute(),
      )
    ).map((c) => [c.insurer_company_identifier, c.siren]),
  );
  const identifierInFile = file.companyIdentifiers;
  const outcomes: Outcome[] = [];
  const inserts = [];
  for (const { data } of rows) {
    const owner = byIdentifier.get(data.identifier);
    const fileOwner = identifierInFile.get(data.identifier);
    if ((owner && owner !== data.siren) || (fileOwner && fileOwner !== data.siren)) {
      outcomes.push(
        error(
          `L’identifiant entreprise ${data.identifier} est déjà celui de l’entreprise de SIREN ${owner ?? fileOwner}`,
        ),
      );
      continue;
    }
    identifierInFile.set(data.identifier, data.siren);
    const existing = bySiren.get(data.siren);
    if (!existing) {
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
      continue;
    }
    const changed = changes([
      ['raison sociale', existing.name, data.name],
      ['identifiant entreprise', existing.insurer_company_identifier, data.identifier],
      ['CCN', existing.ccn_name, data.ccnName],
      ['IDCC', existing.idcc, data.idcc],
    ]);
    if (changed.length === 0) {
      outcomes.push(unchanged());
      continue;
    }
    if (write) {
      await trx
        .updateTable('companies')
        .set({
          name: data.name,
          insurer_company_identifier: data.identifier,
          ...(data.ccnName !== undefined ? { ccn_name: data.ccnName } : {}),
          ...(data.idcc !== undefined ? { idcc: data.idcc } : {}),
          updated_at: at,
        })
        .where('id', '=', existing.id)
        .execute();
    }
    outcomes.push(updated(`Mis à jour : ${changed.join(', ')}`));
  }
  if (write) await insertBatched(trx, 'companies', inserts);
  return outcomes;
}

// ---------------------------------------------------------------------------------------------
// Establishments

async function companiesBySiren(trx: Db, sirens: string[]) {
  return new Map(
    (
      await inChunks(unique(sirens), (chunk) =>
        trx
          .selectFrom('companies')
          .select(['id', 'siren', 'name'])
          .where('siren', 'in', chunk)
          .execute(),
      )
    ).map((c) => [c.siren, c]),
  );
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
  const companies = await companiesBySiren(
    trx,
    rows.map((r) => r.data.siren),
  );
  const bySiret = new Map(
    (
      await inChunks(unique(rows.map((r) => r.data.siret)), (chunk) =>
        trx.selectFrom('establishments').selectAll().where('siret', 'in', chunk).execute(),
      )
    ).map((e) => [e.siret, e]),
  );
  const byIdentifier = new Map(
    (
      await inChunks(unique(rows.map((r) => r.data.identifier)), (chunk) =>
        trx
          .selectFrom('establishments')
          .select(['siret', 'insurer_identifier'])
          .where('insurer_identifier', 'in', chunk)
          .execute(),
      )
    ).map((e) => [e.insurer_identifier, e.siret]),
  );
  const identifierInFile = file.establishmentIdentifiers;
  const outcomes: Outcome[] = [];
  const inserts = [];
  for (const { data } of rows) {
    const company = companies.get(data.siren);
    if (!company) {
      outcomes.push(unknownCompany(data.siren));
      continue;
    }
    const owner = byIdentifier.get(data.identifier) ?? identifierInFile.get(data.identifier);
    if (owner && owner !== data.siret) {
      outcomes.push(
        error(
          `L’identifiant établissement ${data.identifier} est déjà celui de l’établissement de SIRET ${owner}`,
        ),
      );
      continue;
    }
    identifierInFile.set(data.identifier, data.siret);
    const existing = bySiret.get(data.siret);
    if (!existing) {
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
      continue;
    }
    if (existing.company_id !== company.id) {
      outcomes.push(error('Cet établissement appartient à une autre entreprise'));
      continue;
    }
    const changed = changes([
      ['nom', existing.name, data.name],
      ['identifiant établissement', existing.insurer_identifier, data.identifier],
      ['adresse', existing.address_line1, data.addressLine1],
      ['complément d’adresse', existing.address_line2, data.addressLine2],
      ['code postal', existing.postal_code, data.postalCode],
      ['ville', existing.city, data.city],
    ]);
    if (changed.length === 0) {
      outcomes.push(unchanged());
      continue;
    }
    if (write) {
      await trx
        .updateTable('establishments')
        .set({
          name: data.name,
          insurer_identifier: data.identifier,
          ...(data.addressLine1 !== undefined ? { address_line1: data.addressLine1 } : {}),
          ...(data.addressLine2 !== undefined ? { address_line2: data.addressLine2 } : {}),
          ...(data.postalCode !== undefined ? { postal_code: data.postalCode } : {}),
          ...(data.city !== undefined ? { city: data.city } : {}),
          updated_at: at,
        })
        .where('id', '=', existing.id)
        .execute();
    }
    outcomes.push(updated(`Mis à jour : ${changed.join(', ')}`));
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
  const companies = await companiesBySiren(
    trx,
    rows.map((r) => r.data.siren),
  );
  const byNumber = new Map(
    (
      await inChunks(unique(rows.map((r) => r.data.number)), (chunk) =>
        trx.selectFrom('contracts').selectAll().where('number', 'in', chunk).execute(),
      )
    ).map((c) => [c.number, c]),
  );
  const outcomes: Outcome[] = [];
  const inserts = [];
  for (const { data } of rows) {
    const company = companies.get(data.siren);
    if (!company) {
      outcomes.push(unknownCompany(data.siren));
      continue;
    }
    const existing = byNumber.get(data.number);
    if (!existing) {
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
      continue;
    }
    if (existing.company_id !== company.id) {
      outcomes.push(error('Ce numéro de contrat est celui d’un contrat d’une autre entreprise'));
      continue;
    }
    const endDate = data.endDate === undefined ? existing.end_date : data.endDate;
    if (endDate && endDate < data.startDate) {
      outcomes.push(error('La date de fin précède la date de début'));
      continue;
    }
    const options = data.options === undefined ? undefined : optionsJson(data.options);
    const changed = changes([
      ['libellé', existing.label, data.label],
      ['collège', existing.staff_category, data.staffCategory],
      ['options', existing.options, options],
      ['date de début', existing.start_date, data.startDate, 'date'],
      ['date de fin', existing.end_date, data.endDate, 'date'],
    ]);
    if (changed.length === 0) {
      outcomes.push(unchanged());
      continue;
    }
    if (write) {
      await trx
        .updateTable('contracts')
        .set({
          label: data.label,
          staff_category: data.staffCategory,
          start_date: data.startDate,
          ...(options !== undefined ? { options } : {}),
          ...(data.endDate !== undefined ? { end_date: data.endDate } : {}),
          updated_at: at,
        })
        .where('id', '=', existing.id)
        .execute();
    }
    outcomes.push(updated(`Mis à jour : ${changed.join(', ')}`));
  }
  if (write) await insertBatched(trx, 'contracts', inserts);
  return outcomes;
}

// ---------------------------------------------------------------------------------------------
// Members and their coverages

const COLLEGE_LABELS = { cadre: 'Cadre', non_cadre: 'Non cadre', all: 'Ensemble du personnel' };

function findOption(options: ContractOption[], wanted: string | null): ContractOption | undefined {
  if (wanted === null) return options.find((o) => o.mandatory) ?? options[0];
  const key = wanted.trim().toLowerCase();
  const loose = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
  return (
    options.find((o) => o.code.toLowerCase() === key) ??
    options.find((o) => loose(o.label) === loose(wanted))
  );
}

interface MemberPlan {
  /** The line that defines the member's data (its first valid row). */
  line: number;
  id: string;
  isNew: boolean;
  data: MemberData;
  companyId: string;
  establishmentId: string;
  nirHash: string;
  changed: string[];
  newCoverages: NewCoverage[];
  touched: boolean;
}

/** The fields of a member that must be the same on every row of theirs, with their labels. */
const MEMBER_FIELDS: [label: string, read: (d: MemberData) => string][] = [
  ['nom', (d) => d.lastName],
  ['prénom', (d) => d.firstName],
  ['date de naissance', (d) => d.birthDate],
  ['établissement', (d) => d.siret],
  ['statut professionnel', (d) => d.professionalStatus],
];

/** What the file-wide memory of members keeps: the first line, then a hash of each field. */
const memberTrace = (line: number, data: MemberData) => [
  line,
  ...MEMBER_FIELDS.map(([, read]) => hash32(read(data))),
];

async function applyMembers(
  trx: Db,
  rows: Ok<MemberData>[],
  at: string,
  write: boolean,
  deps: Pick<ImportDeps, 'cipher'> & { allowTemporaryNir: boolean },
  file: FileState,
): Promise<Outcome[]> {
  const establishments = new Map(
    (
      await inChunks(unique(rows.map((r) => r.data.siret)), (chunk) =>
        trx
          .selectFrom('establishments')
          .select(['id', 'siret', 'company_id'])
          .where('siret', 'in', chunk)
          .execute(),
      )
    ).map((e) => [e.siret, e]),
  );
  const contracts = new Map(
    (
      await inChunks(unique(rows.map((r) => r.data.contractNumber)), (chunk) =>
        trx
          .selectFrom('contracts')
          .select([
            'id',
            'number',
            'company_id',
            'staff_category',
            'options',
            'start_date',
            'end_date',
          ])
          .where('number', 'in', chunk)
          .execute(),
      )
    ).map((c) => [c.number, { ...c, parsedOptions: JSON.parse(c.options) as ContractOption[] }]),
  );
  // Keyed hashes, once per NIR; the members of those hashes, in bulk.
  const hashes = new Map<string, string>();
  for (const r of rows) {
    if (!hashes.has(r.data.nir)) hashes.set(r.data.nir, deps.cipher.hash(r.data.nir));
  }
  const existingMembers = new Map(
    (
      await inChunks([...hashes.values()], (chunk) =>
        trx
          .selectFrom('members')
          .select([
            'id',
            'company_id',
            'nir_hash',
            'establishment_id',
            'last_name',
            'first_name',
            'birth_date',
            'professional_status',
          ])
          .where('nir_hash', 'in', chunk)
          .execute(),
      )
    ).map((m) => [`${m.company_id}|${m.nir_hash}`, m]),
  );
  const existingCoverages = new Map(
    (
      await inChunks(
        [...existingMembers.values()].map((m) => m.id),
        (chunk) =>
          trx
            .selectFrom('coverages')
            .select(['id', 'member_id', 'contract_id', 'effective_date', 'option_code', 'end_date'])
            .where('member_id', 'in', chunk)
            .execute(),
      )
    ).map((c) => [`${c.member_id}|${c.contract_id}|${c.effective_date}`, c]),
  );

  const plans = new Map<string, MemberPlan>();
  const coverageUpdates: { id: string; option_code: string; end_date: string | null }[] = [];
  const outcomes: Outcome[] = [];
  for (const { line, data } of rows) {
    if (!deps.allowTemporaryNir && /^[3478]/.test(data.nir)) {
      outcomes.push(error('Les numéros de sécurité sociale provisoires ne sont pas acceptés'));
      continue;
    }
    const establishment = establishments.get(data.siret);
    if (!establishment) {
      outcomes.push(
        error(`Aucun établissement de SIRET ${data.siret} : importez d’abord l’établissement`),
      );
      continue;
    }
    const contract = contracts.get(data.contractNumber);
    if (!contract) {
      outcomes.push(
        error(`Aucun contrat de numéro ${data.contractNumber} : importez d’abord le contrat`),
      );
      continue;
    }
    if (contract.company_id !== establishment.company_id) {
      outcomes.push(
        error(
          `Le contrat ${data.contractNumber} n’est pas un contrat de l’entreprise de cet établissement`,
        ),
      );
      continue;
    }
    if (contract.staff_category !== 'all' && contract.staff_category !== data.professionalStatus) {
      outcomes.push(
        error(
          `Le contrat ${data.contractNumber} couvre le collège « ${COLLEGE_LABELS[contract.staff_category]} », pas un assuré « ${COLLEGE_LABELS[data.professionalStatus]} »`,
        ),
      );
      continue;
    }
    const option = findOption(contract.parsedOptions, data.option);
    if (!option) {
      outcomes.push(
        error(
          `L’option « ${data.option ?? ''} » n’est pas une option du contrat ${data.contractNumber} (${contract.parsedOptions.map((o) => o.label).join(', ')})`,
        ),
      );
      continue;
    }
    if (data.effectiveDate < contract.start_date) {
      outcomes.push(
        error(
          `La date d’effet précède le début du contrat (${formatFrenchDate(contract.start_date)})`,
        ),
      );
      continue;
    }
    if (contract.end_date && data.effectiveDate > contract.end_date) {
      outcomes.push(
        error(`La date d’effet suit la fin du contrat (${formatFrenchDate(contract.end_date)})`),
      );
      continue;
    }

    const nirHash = hashes.get(data.nir) as string;
    const memberKey = `${establishment.company_id}|${nirHash}`;
    let plan = plans.get(memberKey);
    if (plan) {
      const differs = changes([
        ['nom', plan.data.lastName, data.lastName],
        ['prénom', plan.data.firstName, data.firstName],
        ['date de naissance', plan.data.birthDate, data.birthDate],
        ['établissement', plan.data.siret, data.siret],
        ['statut professionnel', plan.data.professionalStatus, data.professionalStatus],
      ]);
      if (differs.length > 0) {
        outcomes.push(
          error(
            `Cet assuré figure à la ligne ${plan.line} avec d’autres valeurs : ${differs.join(', ')}`,
          ),
        );
        continue;
      }
    } else {
      // Met in an earlier batch of the file: the same values, or an error that names the line.
      const earlier = file.members.get(memberKey);
      if (earlier) {
        const differs = MEMBER_FIELDS.filter(
          ([, read], i) => hash32(read(data)) !== earlier[i + 1],
        ).map(([label]) => label);
        if (differs.length > 0) {
          outcomes.push(
            error(
              `Cet assuré figure à la ligne ${earlier[0]} avec d’autres valeurs : ${differs.join(', ')}`,
            ),
          );
          continue;
        }
      } else file.members.set(memberKey, memberTrace(line, data));
      const existing = existingMembers.get(memberKey);
      plan = {
        line: earlier ? (earlier[0] as number) : line,
        id: existing?.id ?? newId(),
        isNew: !existing,
        data,
        companyId: establishment.company_id,
        establishmentId: establishment.id,
        nirHash,
        changed: existing
          ? changes([
              ['nom', existing.last_name, data.lastName],
              ['prénom', existing.first_name, data.firstName],
              ['date de naissance', existing.birth_date, data.birthDate, 'date'],
              ['établissement', existing.establishment_id, establishment.id],
              ['statut professionnel', existing.professional_status, data.professionalStatus],
            ])
          : [],
        newCoverages: [],
        touched: false,
      };
      plans.set(memberKey, plan);
    }
    const firstOfMember = plan.line === line;
    const memberPart = plan.isNew
      ? firstOfMember
        ? 'Assuré créé'
        : null
      : firstOfMember && plan.changed.length > 0
        ? `Assuré mis à jour : ${plan.changed.join(', ')}`
        : null;
    const warning = firstOfMember && data.warning ? ` (attention : ${data.warning})` : '';

    const coverageKey = `${plan.id}|${contract.id}|${data.effectiveDate}`;
    const coverage = plan.isNew ? undefined : existingCoverages.get(coverageKey);
    if (!coverage) {
      plan.newCoverages.push({
        id: newId(),
        member_id: plan.id,
        contract_id: contract.id,
        option_code: option.code,
        effective_date: data.effectiveDate,
        end_date: data.endDate ?? null,
        affiliation_request_id: null,
        created_at: at,
        updated_at: at,
      });
      plan.touched = true;
      outcomes.push(
        created(
          `${memberPart ? `${memberPart}, couverture créée` : 'Couverture créée'} (${option.label}, effet ${formatFrenchDate(data.effectiveDate)})${warning}`,
        ),
      );
      continue;
    }
    const coverageChanged = changes([
      ['option', coverage.option_code, option.code],
      ['date de fin', coverage.end_date, data.endDate, 'date'],
    ]);
    if (coverageChanged.length > 0) {
      coverageUpdates.push({
        id: coverage.id,
        option_code: option.code,
        end_date: data.endDate === undefined ? coverage.end_date : data.endDate,
      });
      plan.touched = true;
    }
    const parts = [
      memberPart,
      coverageChanged.length > 0 ? `couverture mise à jour : ${coverageChanged.join(', ')}` : null,
    ].filter((p): p is string => p !== null);
    if (parts.length === 0) outcomes.push(unchanged());
    else {
      const text = parts.join(' ; ');
      outcomes.push(updated(`${text.charAt(0).toUpperCase()}${text.slice(1)}${warning}`));
    }
  }
  if (!write) return outcomes;

  // New members, with the copy of their latest coverage computed here (no other coverage).
  const newMembers: NewMember[] = [];
  const newCoverages: NewCoverage[] = [];
  const refreshIds: string[] = [];
  for (const plan of plans.values()) {
    newCoverages.push(...plan.newCoverages);
    if (plan.isNew) {
      const { data } = plan;
      newMembers.push({
        ...latestCoverageColumns(
          plan.newCoverages as {
            id: string;
            contract_id: string;
            effective_date: string;
            end_date: string | null;
            created_at: string;
          }[],
        ),
        id: plan.id,
        company_id: plan.companyId,
        establishment_id: plan.establishmentId,
        nir_encrypted: deps.cipher.encrypt(data.nir),
        nir_hash: plan.nirHash,
        last_name: data.lastName,
        first_name: data.firstName,
        search_name: toSearchName(data.lastName, data.firstName),
        birth_date: data.birthDate,
        professional_status: data.professionalStatus,
        email: null,
        created_at: at,
        updated_at: at,
      });
      continue;
    }
    if (plan.changed.length > 0) {
      const { data } = plan;
      await trx
        .updateTable('members')
        .set({
          last_name: data.lastName,
          first_name: data.firstName,
          search_name: toSearchName(data.lastName, data.firstName),
          birth_date: data.birthDate,
          establishment_id: plan.establishmentId,
          professional_status: data.professionalStatus,
          updated_at: at,
        })
        .where('id', '=', plan.id)
        .execute();
    }
    if (plan.touched) refreshIds.push(plan.id);
  }
  await insertBatched(trx, 'members', newMembers);
  await insertBatched(trx, 'coverages', newCoverages);
  for (const u of coverageUpdates) {
    await trx
      .updateTable('coverages')
      .set({ option_code: u.option_code, end_date: u.end_date, updated_at: at })
      .where('id', '=', u.id)
      .execute();
  }
  const now = new Date(at);
  // The copy of the latest coverage of the members already known, and the data version.
  if (refreshIds.length > 0) await refreshLatestCoverage(trx, refreshIds, now);
  else if (newMembers.length > 0 || [...plans.values()].some((p) => p.changed.length > 0)) {
    await bumpDataVersion(trx, 'members', now);
  }
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
  return `${fields.map(csvField).join(';')}\r\n`;
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
    this.stream.write(`\uFEFF${reportLine(kind, null)}`);
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

/** What must be known across the batches of one file (the rows' own keys: import-parse.ts). */
interface FileState {
  /** Identifiant entreprise → SIREN, as met in the file (bounded by the companies of the file). */
  companyIdentifiers: Map<string, string>;
  /** Identifiant établissement → SIRET, as met in the file. */
  establishmentIdentifiers: Map<string, string>;
  /** company id + NIR hash → the member's first line and a hash of each of their fields. */
  members: CompactKeyMap;
}

async function decide<K extends ReferenceImportKind>(
  trx: Db,
  kind: K,
  rows: Ok<KindData[K]>[],
  at: string,
  write: boolean,
  deps: ImportDeps & { allowTemporaryNir: boolean },
  file: FileState,
): Promise<Outcome[]> {
  switch (kind) {
    case 'companies':
      return applyCompanies(trx, rows as Ok<CompanyData>[], at, write, file);
    case 'establishments':
      return applyEstablishments(trx, rows as Ok<EstablishmentData>[], at, write, file);
    case 'contracts':
      return applyContracts(trx, rows as Ok<ContractData>[], at, write);
    default:
      return applyMembers(trx, rows as Ok<MemberData>[], at, write, deps, file);
  }
}

const lines = (first: number, last: number) =>
  first === last
    ? `la ligne ${first.toLocaleString('fr-FR')}`
    : `les lignes ${first.toLocaleString('fr-FR')} à ${last.toLocaleString('fr-FR')}`;

/** Why a row of a batch that failed, or of a batch after it, was not applied. */
export function notAppliedMessage(failed: { first: number; last: number }, sameBatch: boolean) {
  return sameBatch
    ? `Non appliquée : l’enregistrement du lot des ${lines(failed.first, failed.last).replace(/^l(a|es) /, '')} a échoué (erreur de la base de données) et rien de ce lot n’a été appliqué. Importez de nouveau le fichier : les lignes déjà appliquées seront « inchangées ».`
    : `Non appliquée : l’import s’est arrêté après l’échec du lot des ${lines(failed.first, failed.last).replace(/^l(a|es) /, '')}. Importez de nouveau le fichier : les lignes déjà appliquées seront « inchangées ».`;
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
  const at = now.toISOString();
  const fileName = cleanFileName(input.fileName, 'fichier');
  const batchRows = input.batchRows ?? IMPORT_BATCH_ROWS;
  const write = !input.dryRun;

  // Read in a worker thread, an .xlsx behind the ZIP guard sized for this many rows.
  const maxRows = input.maxRows ?? REFERENCE_IMPORT_MAX_ROWS;
  const table = await openTable(input.file, { sheetKeys: SHEET_KEYS[input.kind], maxRows });
  const report = ReportFile.create(input.kind);
  let reportSaved = false;
  try {
    if (table.rows === 0) throw noRows();
    const total = table.rows - 1;
    progress(`Lecture : ${total.toLocaleString('fr-FR')} lignes à traiter`);
    // Read before the transactions (never ctx.db inside them).
    const settings = await deps.db
      .selectFrom('insurer_settings')
      .select('allow_temporary_nir')
      .executeTakeFirst();
    const allowTemporaryNir = Number(settings?.allow_temporary_nir ?? 1) === 1;
    const file: FileState = {
      companyIdentifiers: new Map(),
      establishmentIdentifiers: new Map(),
      members: new CompactKeyMap(1 + MEMBER_FIELDS.length),
    };

    const summary: ReferenceImportSummary = {
      total: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
      errors: 0,
    };
    // What the answer shows: every row of a small file, else its first rows in error.
    const firstRows: ReferenceImportRow[] = [];
    const firstErrors: ReferenceImportRow[] = [];
    let failed: { first: number; last: number } | null = null;

    const record = async (row: ReferenceImportRow) => {
      summary.total += 1;
      if (row.status === 'created') summary.created += 1;
      else if (row.status === 'updated') summary.updated += 1;
      else if (row.status === 'unchanged') summary.unchanged += 1;
      else {
        summary.errors += 1;
        if (firstErrors.length < REFERENCE_IMPORT_ROWS_IN_ANSWER) firstErrors.push(row);
      }
      if (firstRows.length <= REFERENCE_IMPORT_ROWS_IN_ANSWER) firstRows.push(row);
      await report.write(reportLine(input.kind, row));
    };

    const applyBatch = async (parsed: ParsedRow<KindData[typeof input.kind]>[]) => {
      const range = {
        first: (parsed[0] as ParsedRow<unknown>).line,
        last: (parsed.at(-1) as ParsedRow<unknown>).line,
      };
      let outcomes: Outcome[] | null = null;
      if (!failed) {
        const valid = parsed.filter((r): r is Ok<KindData[typeof input.kind]> => r.ok);
        try {
          outcomes = await deps.db.transaction().execute(async (trx) => {
            // One batch at a time across imports: two files upserting the same SIREN or NIR at
            // once would otherwise collide on the unique keys (PostgreSQL; SQLite has a single
            // writer).
            if (deps.dialect === 'postgres') {
              await sql`select pg_advisory_xact_lock(hashtext('affilia.reference_import'))`.execute(
                trx,
              );
            }
            return decide(trx, input.kind, valid, at, write, { ...deps, allowTemporaryNir }, file);
          });
        } catch (err) {
          failed = range;
          progress(
            `Échec de l’enregistrement des ${lines(range.first, range.last).replace(/^l(a|es) /, '')} : ${err instanceof Error ? err.message : String(err)}`,
          );
        }
      }
      let next = 0;
      for (const r of parsed) {
        if (!r.ok) {
          await record({
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
          : error(notAppliedMessage(failed as { first: number; last: number }, failed === range));
        await record({ line: r.line, key: r.key, label: r.label, ...outcome });
      }
      input.onRows?.(summary.total, total);
      progress(
        `${summary.total.toLocaleString('fr-FR')} / ${total.toLocaleString('fr-FR')} lignes traitées`,
      );
    };

    let parser: RowParser<KindData[typeof input.kind]> | null = null;
    let pending: ParsedRow<KindData[typeof input.kind]>[] = [];
    for await (const rows of table.batches()) {
      for (const row of rows) {
        if (!parser) {
          parser = createRowParser(input.kind, row.cells, maxRows);
          if (total === 0) throw noDataRows();
          input.onStart?.(total);
          continue;
        }
        pending.push(parser.parse(row));
        if (pending.length >= batchRows) {
          await applyBatch(pending);
          pending = [];
        }
      }
    }
    if (pending.length > 0) await applyBatch(pending);
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
      await deps.db.transaction().execute(async (trx) => {
        const fileId = newId();
        await trx
          .insertInto('stored_files')
          .values({
            id: fileId,
            storage_key: saved.storageKey,
            original_name: reportName,
            mime_type: 'text/csv',
            size: saved.size,
            sha256: saved.sha256,
            owner_kind: REFERENCE_IMPORT_REPORT_OWNER_KIND,
            owner_id: id,
            created_at: at,
          })
          .execute();
        await trx
          .insertInto('reference_imports')
          .values({
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
            duration_ms: durationMs,
            created_at: at,
          })
          .execute();
        await recordAudit(trx, now, {
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
    } catch (err) {
      await deps.storage.remove(saved.storageKey);
      throw err;
    }
    if (write && summary.created > 1000) {
      await refreshPlannerStatistics(deps.db, deps.dialect);
    }
    const truncated = summary.total > REFERENCE_IMPORT_ROWS_IN_ANSWER;
    return {
      id,
      reportStorageKey: saved.storageKey,
      durationMs,
      report: {
        id,
        kind: input.kind,
        fileName,
        dryRun: input.dryRun,
        summary,
        rows: truncated ? firstErrors : firstRows,
        rowsTruncated: truncated,
      },
    };
  } finally {
    table.close();
    if (!reportSaved) report.discard();
  }
}

// ---------------------------------------------------------------------------------------------
// History and reports

export async function listImports(db: Db): Promise<ReferenceImportHistoryItem[]> {
  const rows = await db
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
    .limit(100)
    .execute();
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
): Promise<{ csv: Buffer; kind: ReferenceImportKind }> {
  const row = await deps.db
    .selectFrom('reference_imports as i')
    .innerJoin('stored_files as f', 'f.id', 'i.report_file_id')
    .select(['f.storage_key', 'i.kind'])
    .where('i.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('Ce rapport d’import n’existe pas.');
  return { csv: await deps.storage.read(row.storage_key), kind: row.kind as ReferenceImportKind };
}
