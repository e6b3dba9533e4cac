import { formatFrenchDate } from '@affilia/shared/validators/dates';
import type { Db } from '../db/database';
import type { ContractOption, NewCoverage, NewMember } from '../db/schema';
import { toSearchName } from '../db/search-name';
import { insertBatched } from '../db/insert-batched';
import { bumpDataVersion } from '../lib/data-versions';
import { newId } from '../lib/ids';
import { latestCoverageColumns } from '../modules/members/latest-coverage';
import { refreshLatestCoverage } from '../modules/members/members.repository';
import {
  changes,
  created,
  error,
  inBatchTransaction,
  unchanged,
  unique,
  updated,
  type FileState,
  type ImportDeps,
  type Ok,
  type Outcome,
} from '../modules/reference-data/import-batch';
import type { MemberData } from '../modules/reference-data/import-parse';
import {
  findContractsByNumber,
  findEstablishmentsBySiret,
} from '../modules/reference-data/import.repository';
import { updateCoverage, updateMember } from '../modules/reference-data/reference-data.repository';
import { findCoveragesOfMembers, findMembersByNirHash } from './members-batch.repository';

export interface ApplyMembersBatchInput {
  /** The batch's valid rows (rows in error for their own content are reported by the caller). */
  rows: Ok<MemberData>[];
  /** The import's instant, ISO. */
  at: string;
  /** False for a dry run: every row decided, nothing written. */
  write: boolean;
  allowTemporaryNir: boolean;
  /** What the earlier batches of the file met (updated by this batch). */
  file: FileState;
}

/**
 * A batch of the members' reference import (SPEC §3, decision 0008), in its own transaction:
 * the establishments, contracts, members (by keyed NIR hash) and coverages of the rows looked up
 * in bulk, each row decided (an error, or the member and coverage created, updated or
 * unchanged), then the new members and coverages inserted, the changed ones updated, the copy of
 * the latest coverage refreshed. One outcome per row, in the rows' order.
 */
export async function applyMembersBatch(
  deps: Pick<ImportDeps, 'db' | 'dialect' | 'cipher'>,
  input: ApplyMembersBatchInput,
): Promise<Outcome[]> {
  return inBatchTransaction(deps, async (trx) => {
    const known = await lookUp(trx, input.rows, deps.cipher);
    const decided = decideRows(known, input);
    if (input.write) await writeBatch(trx, deps.cipher, input.at, decided);
    return decided.outcomes;
  });
}

// ---------------------------------------------------------------------------------------------
// Looked up in bulk

type Known = Awaited<ReturnType<typeof lookUp>>;
type Establishment = { id: string; siret: string; company_id: string };
type Contract = Known['contracts'] extends Map<string, infer C> ? C : never;

async function lookUp(trx: Db, rows: Ok<MemberData>[], cipher: ImportDeps['cipher']) {
  // Keyed hashes, once per NIR; the members of those hashes, in bulk.
  const hashes = new Map<string, string>();
  for (const r of rows) {
    if (!hashes.has(r.data.nir)) hashes.set(r.data.nir, cipher.hash(r.data.nir));
  }
  const [establishments, contracts, members] = [
    await establishmentsBySiret(trx, unique(rows.map((r) => r.data.siret))),
    await contractsByNumber(trx, unique(rows.map((r) => r.data.contractNumber))),
    await membersByKey(trx, [...hashes.values()]),
  ];
  const coverages = await coveragesByKey(
    trx,
    [...members.values()].map((m) => m.id),
  );
  return { hashes, establishments, contracts, members, coverages };
}

async function establishmentsBySiret(trx: Db, sirets: string[]) {
  const rows = await findEstablishmentsBySiret(trx, sirets);
  return new Map(rows.map((e) => [e.siret, e]));
}

async function contractsByNumber(trx: Db, numbers: string[]) {
  const rows = await findContractsByNumber(trx, numbers);
  return new Map(
    rows.map((c) => [c.number, { ...c, parsedOptions: JSON.parse(c.options) as ContractOption[] }]),
  );
}

/** Members by « company id | NIR hash ». */
async function membersByKey(trx: Db, nirHashes: string[]) {
  const rows = await findMembersByNirHash(trx, nirHashes);
  return new Map(rows.map((m) => [`${m.company_id}|${m.nir_hash}`, m]));
}

/** Coverages by « member id | contract id | date d'effet ». */
async function coveragesByKey(trx: Db, memberIds: string[]) {
  const rows = await findCoveragesOfMembers(trx, memberIds);
  return new Map(rows.map((c) => [`${c.member_id}|${c.contract_id}|${c.effective_date}`, c]));
}

// ---------------------------------------------------------------------------------------------
// Each row decided

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

interface Decided {
  outcomes: Outcome[];
  plans: Map<string, MemberPlan>;
  coverageUpdates: { id: string; option_code: string; end_date: string | null }[];
}

/** The fields of a member that must be the same on every row of theirs, with their labels. */
const MEMBER_FIELDS: [label: string, read: (d: MemberData) => string][] = [
  ['nom', (d) => d.lastName],
  ['prénom', (d) => d.firstName],
  ['date de naissance', (d) => d.birthDate],
  ['établissement', (d) => d.siret],
  ['statut professionnel', (d) => d.professionalStatus],
];

/** What the file-wide memory of members keeps: the first line, then each field (JSON). */
const memberTrace = (line: number, data: MemberData) =>
  JSON.stringify([line, ...MEMBER_FIELDS.map(([, read]) => read(data))]);

function decideRows(known: Known, input: ApplyMembersBatchInput): Decided {
  const decided: Decided = { outcomes: [], plans: new Map(), coverageUpdates: [] };
  for (const { line, data } of input.rows) {
    const target = rowTarget(known, data, input.allowTemporaryNir);
    if (typeof target === 'string') {
      decided.outcomes.push(error(target));
      continue;
    }
    const plan = memberPlan(known, decided.plans, input, line, data, target.establishment);
    if (typeof plan === 'string') {
      decided.outcomes.push(error(plan));
      continue;
    }
    decided.outcomes.push(coverageOutcome(known, decided, input.at, line, plan, data, target));
  }
  return decided;
}

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

interface RowTarget {
  establishment: Establishment;
  contract: Contract;
  option: ContractOption;
}

/** The establishment, contract and option a row names, or why it cannot be applied. */
function rowTarget(known: Known, data: MemberData, allowTemporaryNir: boolean): RowTarget | string {
  if (!allowTemporaryNir && /^[3478]/.test(data.nir)) {
    return 'Les numéros de sécurité sociale provisoires ne sont pas acceptés';
  }
  const establishment = known.establishments.get(data.siret);
  if (!establishment) {
    return `Aucun établissement de SIRET ${data.siret} : importez d’abord l’établissement`;
  }
  const contract = known.contracts.get(data.contractNumber);
  if (!contract) {
    return `Aucun contrat de numéro ${data.contractNumber} : importez d’abord le contrat`;
  }
  if (contract.company_id !== establishment.company_id) {
    return `Le contrat ${data.contractNumber} n’est pas un contrat de l’entreprise de cet établissement`;
  }
  if (contract.staff_category !== 'all' && contract.staff_category !== data.professionalStatus) {
    return `Le contrat ${data.contractNumber} couvre le collège « ${COLLEGE_LABELS[contract.staff_category]} », pas un assuré « ${COLLEGE_LABELS[data.professionalStatus]} »`;
  }
  const option = findOption(contract.parsedOptions, data.option);
  if (!option) {
    return `L’option « ${data.option ?? ''} » n’est pas une option du contrat ${data.contractNumber} (${contract.parsedOptions.map((o) => o.label).join(', ')})`;
  }
  if (data.effectiveDate < contract.start_date) {
    return `La date d’effet précède le début du contrat (${formatFrenchDate(contract.start_date)})`;
  }
  if (contract.end_date && data.effectiveDate > contract.end_date) {
    return `La date d’effet suit la fin du contrat (${formatFrenchDate(contract.end_date)})`;
  }
  return { establishment, contract, option };
}

/**
 * The member of the row: met earlier in this batch (same values required), in an earlier batch
 * of the file (same values, checked by their hashes), else planned now (created, or the known
 * member with what changes). A string when the row contradicts the member's first line.
 */
function memberPlan(
  known: Known,
  plans: Map<string, MemberPlan>,
  input: ApplyMembersBatchInput,
  line: number,
  data: MemberData,
  establishment: Establishment,
): MemberPlan | string {
  const nirHash = known.hashes.get(data.nir) as string;
  const memberKey = `${establishment.company_id}|${nirHash}`;
  const planned = plans.get(memberKey);
  if (planned) {
    const differs = changes([
      ['nom', planned.data.lastName, data.lastName],
      ['prénom', planned.data.firstName, data.firstName],
      ['date de naissance', planned.data.birthDate, data.birthDate],
      ['établissement', planned.data.siret, data.siret],
      ['statut professionnel', planned.data.professionalStatus, data.professionalStatus],
    ]);
    return differs.length > 0
      ? `Cet assuré figure à la ligne ${planned.line} avec d’autres valeurs : ${differs.join(', ')}`
      : planned;
  }
  // Met in an earlier batch of the file: the same values, or an error that names the line.
  const trace = input.file.members.putIfAbsent(memberKey, memberTrace(line, data));
  const earlier = trace === null ? null : (JSON.parse(trace) as [number, ...string[]]);
  if (earlier) {
    const differs = MEMBER_FIELDS.filter(([, read], i) => read(data) !== earlier[i + 1]).map(
      ([label]) => label,
    );
    if (differs.length > 0) {
      return `Cet assuré figure à la ligne ${earlier[0]} avec d’autres valeurs : ${differs.join(', ')}`;
    }
  }
  const existing = known.members.get(memberKey);
  const plan: MemberPlan = {
    line: earlier ? earlier[0] : line,
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
  return plan;
}

/** The row's coverage, created or updated (or unchanged), and the row's outcome. */
function coverageOutcome(
  known: Known,
  decided: Decided,
  at: string,
  line: number,
  plan: MemberPlan,
  data: MemberData,
  { contract, option }: RowTarget,
): Outcome {
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
  const coverage = plan.isNew ? undefined : known.coverages.get(coverageKey);
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
    return created(
      `${memberPart ? `${memberPart}, couverture créée` : 'Couverture créée'} (${option.label}, effet ${formatFrenchDate(data.effectiveDate)})${warning}`,
    );
  }
  const coverageChanged = changes([
    ['option', coverage.option_code, option.code],
    ['date de fin', coverage.end_date, data.endDate, 'date'],
  ]);
  if (coverageChanged.length > 0) {
    decided.coverageUpdates.push({
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
  if (parts.length === 0) return unchanged();
  const text = parts.join(' ; ');
  return updated(`${text.charAt(0).toUpperCase()}${text.slice(1)}${warning}`);
}

// ---------------------------------------------------------------------------------------------
// Written

async function writeBatch(
  trx: Db,
  cipher: ImportDeps['cipher'],
  at: string,
  { plans, coverageUpdates }: Decided,
): Promise<void> {
  const newMembers: NewMember[] = [];
  const newCoverages: NewCoverage[] = [];
  const refreshIds: string[] = [];
  for (const plan of plans.values()) {
    newCoverages.push(...plan.newCoverages);
    if (plan.isNew) {
      newMembers.push(newMember(plan, cipher, at));
      continue;
    }
    if (plan.changed.length > 0) await updateKnownMember(trx, plan, at);
    if (plan.touched) refreshIds.push(plan.id);
  }
  await insertBatched(trx, 'members', newMembers);
  await insertBatched(trx, 'coverages', newCoverages);
  for (const u of coverageUpdates) {
    await updateCoverage(trx, u.id, {
      option_code: u.option_code,
      end_date: u.end_date,
      updated_at: at,
    });
  }
  const now = new Date(at);
  // The copy of the latest coverage of the members already known, and the data version.
  if (refreshIds.length > 0) await refreshLatestCoverage(trx, refreshIds, now);
  else if (newMembers.length > 0 || [...plans.values()].some((p) => p.changed.length > 0)) {
    await bumpDataVersion(trx, 'members', now);
  }
}

/** A new member, with the copy of their latest coverage computed here (no other coverage). */
function newMember(plan: MemberPlan, cipher: ImportDeps['cipher'], at: string): NewMember {
  const { data } = plan;
  return {
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
    nir_encrypted: cipher.encrypt(data.nir),
    nir_hash: plan.nirHash,
    last_name: data.lastName,
    first_name: data.firstName,
    search_name: toSearchName(data.lastName, data.firstName),
    birth_date: data.birthDate,
    professional_status: data.professionalStatus,
    email: null,
    created_at: at,
    updated_at: at,
  };
}

async function updateKnownMember(trx: Db, plan: MemberPlan, at: string): Promise<void> {
  const { data } = plan;
  await updateMember(trx, plan.id, {
    last_name: data.lastName,
    first_name: data.firstName,
    search_name: toSearchName(data.lastName, data.firstName),
    birth_date: data.birthDate,
    establishment_id: plan.establishmentId,
    professional_status: data.professionalStatus,
    updated_at: at,
  });
}
