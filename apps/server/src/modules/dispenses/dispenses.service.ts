/**
 * The employer's side of dispenses d'affiliation (issue 19): the register « Dispenses » (list,
 * export, audit zip), a dispense's detail and files, the pré-affiliation of an employee whose
 * dispense expired, and the paper dispense recorded from an affiliation request. Every read goes
 * through the perimeter (dispenses-register.repository.ts, permission affiliations.manage): a
 * dispense outside it answers 404.
 */
import { Readable } from 'node:stream';
import {
  DISPENSE_CASE_SHORT_LABELS,
  DISPENSE_ORIGIN_LABELS,
  DISPENSE_REGISTER_STATE_LABELS,
  dispenseCase,
  dispenseRegisterState,
  nextDispenseDeadline,
  type DispenseCaseCode,
  type OtherPlanType,
} from '@affilia/shared/domain/dispense';
import { isOneOf } from '@affilia/shared/domain/enums';
import { nextDay } from '@affilia/shared/domain/radiation';
import type {
  DispenseDetail,
  DispenseFilters,
  DispenseList,
  DispenseListQuerySchema,
  DispensePreAffiliation,
  DispenseRow,
  PaperDispense,
} from '@affilia/shared/schemas/dispenses';
import type { z } from 'zod';
import { requestDispense } from '../../commands/request-dispense';
import { recordAudit } from '../../lib/audit';
import { parisDate } from '../../lib/clock';
import type { AppContext } from '../../lib/context';
import { CSV_BOM, csvLines } from '../../lib/csv';
import { AppError, badRequest, conflict, notFound } from '../../lib/errors';
import type { EmployerActor } from '../../lib/policies';
import type { RequestMeta } from '../../lib/request-meta';
import type { CheckedFile } from '../../lib/checked-file';
import { findAffiliation } from '../affiliations/affiliations.repository';
import { OPEN_FORM_STATUSES } from '../affiliations/status';
import { nirWithKey, streamXlsx } from '../members/members.service';
import { toDispenseFiles, toDispenseSummary } from './dispense-views';
import {
  findDispenseDownload,
  findDispensePdf,
  listDispenseFiles,
  listRequestDispenses,
} from './dispenses.repository';
import {
  countRegister,
  findArchiveFiles,
  findRegisterDispense,
  findRegisterPage,
  registerConditions,
  streamRegister,
  type RegisterRow,
} from './dispenses-register.repository';
import { openStoredFile } from '../../lib/stored-files';

type Ctx = AppContext;
type ListQuery = z.output<typeof DispenseListQuerySchema>;

/** The most dispenses one audit zip holds (400 dispense_archive_too_large beyond). */
export const ARCHIVE_MAX_DISPENSES = 500;

const today = (ctx: Pick<AppContext, 'clock'>) => parisDate(ctx.clock.now());

function toRow(r: RegisterRow, day: string): DispenseRow {
  return {
    id: r.id,
    requestId: r.request_id,
    company: { id: r.company_id, name: r.company_name, siren: r.siren },
    establishment: { id: r.establishment_id, name: r.establishment_name, siret: r.siret },
    lastName: r.last_name,
    firstName: r.first_name,
    caseCode: r.case_code as DispenseCaseCode,
    origin: r.origin,
    status: r.status,
    state: dispenseRegisterState(
      { status: r.status, endDate: r.end_date, renewalDueDate: r.renewal_due_date },
      day,
    ),
    effectiveDate: r.effective_date,
    endDate: r.end_date,
    renewalDueDate: r.renewal_due_date,
    proofName: r.proof_name,
    // A boolean in PostgreSQL, 0 or 1 in SQLite.
    renewalRequested: Number(r.renewal_requested) === 1,
    signedOn: r.signed_on,
    createdAt: r.created_at,
  };
}

/** GET /api/dispenses: the register, one line per request (its current dispense). */
export async function listDispenses(
  ctx: Ctx,
  actor: EmployerActor,
  query: ListQuery,
): Promise<DispenseList> {
  const { sort, order, page, pageSize, ...filters } = query;
  const day = today(ctx);
  const conditions = registerConditions(ctx.cipher, filters, day);
  const { total, items } = await findRegisterPage(ctx.db, actor, conditions, {
    sort,
    order,
    page,
    pageSize,
  });
  return { items: items.map((r) => toRow(r, day)), total, page, pageSize };
}

/** The dispense of the perimeter, or 404. */
async function dispenseOfPerimeter(ctx: Ctx, actor: EmployerActor, id: string) {
  const row = await findRegisterDispense(ctx.db, actor, id);
  if (!row) throw notFound();
  return row;
}

/** GET /api/dispenses/:id: the dispense, its files and every dispense of the same request. */
export async function getDispense(
  ctx: Ctx,
  actor: EmployerActor,
  id: string,
): Promise<DispenseDetail> {
  const row = await dispenseOfPerimeter(ctx, actor, id);
  const [files, pdf, history] = await Promise.all([
    listDispenseFiles(ctx.db, row.id),
    findDispensePdf(ctx.db, row),
    listRequestDispenses(ctx.db, row.request_id),
  ]);
  return {
    ...toRow(row, today(ctx)),
    otherPlanType: row.other_plan_type as OtherPlanType | null,
    justificationEndDate: row.justification_end_date,
    refusalReason: row.refusal_reason,
    swornStatement: row.sworn_statement,
    files: toDispenseFiles(files, pdf),
    history: history.map(toDispenseSummary),
  };
}

/** GET /api/dispenses/:id/files/:fileId: one of its files (404 for another dispense's). */
export async function dispenseFile(ctx: Ctx, actor: EmployerActor, id: string, fileId: string) {
  const row = await dispenseOfPerimeter(ctx, actor, id);
  return openStoredFile(ctx.storage, await findDispenseDownload(ctx.db, row, fileId));
}

/**
 * GET /api/dispenses/:id/pre-affiliation: the wizard's values for an employee whose dispense
 * expired, affiliated from the day after it ended (or from the renewal due date, the proof of
 * the year missing). 409 for a dispense that has not expired.
 */
export async function getPreAffiliation(
  ctx: Ctx,
  actor: EmployerActor,
  id: string,
): Promise<DispensePreAffiliation> {
  const row = await dispenseOfPerimeter(ctx, actor, id);
  const dates = { endDate: row.end_date, renewalDueDate: row.renewal_due_date };
  if (dispenseRegisterState({ status: row.status, ...dates }, today(ctx)) !== 'expired')
    throw conflict(
      'dispense_not_expired',
      'Cette dispense n’a pas expiré : le salarié n’a pas à être affilié.',
    );
  const deadline = nextDispenseDeadline(dates);
  const request = await findAffiliation(ctx.db, actor, row.request_id);
  if (!request) throw notFound();
  return {
    establishmentId: request.establishment_id,
    lastName: request.last_name,
    firstName: request.first_name,
    nir: nirWithKey(ctx.cipher, request.nir_encrypted),
    birthDate: request.birth_date,
    email: request.email,
    hireDate: request.hire_date,
    affiliationDate: !deadline
      ? request.affiliation_date
      : deadline.kind === 'end'
        ? nextDay(deadline.date)
        : deadline.date,
    employmentContractType: request.employment_contract_type,
    employmentStartDate: request.employment_start_date,
    employmentEndDate: request.employment_end_date,
    professionalStatus: request.professional_status,
    positionInCompany: request.position_in_company,
  };
}

const paperNotPossible = () =>
  new AppError(
    'invalid_transition',
    409,
    'Une dispense papier s’enregistre sur une demande d’affiliation en attente du salarié (envoyée, démarrée ou retournée).',
  );

/** The affiliation request of the perimeter a paper dispense is recorded on, or 404. */
export async function requestOfPerimeter(ctx: Ctx, actor: EmployerActor, requestId: string) {
  const request = await findAffiliation(ctx.db, actor, requestId);
  if (!request) throw notFound();
  return request;
}

/**
 * POST /api/affiliations/:id/dispense: a dispense the employee signed on paper, recorded by the
 * employer with its signed request and proofs (already checked and stored by the route, removed
 * here when the request is refused). The request must still be the employee's (sent, started,
 * returned: else 409 from requestDispense).
 */
export async function recordPaperDispense(
  ctx: Ctx,
  actor: EmployerActor,
  request: Awaited<ReturnType<typeof requestOfPerimeter>>,
  input: {
    fields: PaperDispense;
    files: readonly (CheckedFile & { kind: 'proof' | 'signed_request' })[];
  },
  meta: RequestMeta,
): Promise<DispenseDetail> {
  const { signedOn, ...fields } = input.fields;
  let dispenseId: string;
  try {
    if (!isOneOf(OPEN_FORM_STATUSES, request.status)) throw paperNotPossible();
    const dispense = await requestDispense(ctx, {
      request,
      fields,
      origin: 'paper',
      actor: { kind: 'employer', userId: actor.user.id },
      signedOn,
      files: input.files,
      meta,
    });
    dispenseId = dispense.id;
  } catch (err) {
    await Promise.all(input.files.map((f) => ctx.storage.remove(f.saved.storageKey)));
    throw err;
  }
  return getDispense(ctx, actor, dispenseId);
}

// --- Export and audit zip ---------------------------------------------------------------------

export const DISPENSE_EXPORT_COLUMNS = [
  'Nom',
  'Prénom',
  'Date de naissance',
  'Entreprise',
  'Établissement',
  'SIRET',
  'Cas de dispense',
  'Fondement',
  'Justificatif',
  'Date d’effet',
  'Fin de la justification',
  'Renouvellement dû le',
  'État',
  'Origine',
  'Signée le',
];

const frenchDate = (iso: string | null) =>
  iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '';
/** Grouped (« 356 000 000 00048 »): Excel keeps it as text. */
const groupSiret = (siret: string) =>
  siret.replace(/^(\d{3})(\d{3})(\d{3})(\d{5})$/, '$1 $2 $3 $4');

function exportValues(r: RegisterRow, day: string): string[] {
  const row = toRow(r, day);
  const rule = dispenseCase(row.caseCode);
  return [
    r.last_name,
    r.first_name,
    frenchDate(r.birth_date),
    r.company_name,
    r.establishment_name,
    groupSiret(r.siret),
    DISPENSE_CASE_SHORT_LABELS[row.caseCode],
    rule.legalSource,
    r.proof_name ?? (rule.proof ? 'Manquant' : 'Non requis'),
    frenchDate(r.effective_date),
    frenchDate(r.end_date),
    frenchDate(r.renewal_due_date),
    DISPENSE_REGISTER_STATE_LABELS[row.state],
    DISPENSE_ORIGIN_LABELS[row.origin],
    frenchDate(r.signed_on),
  ];
}

/** The register as CSV lines (UTF-8 with BOM and `;`), batch by batch. */
async function* registerCsv(
  batches: AsyncIterable<RegisterRow[]> | Iterable<RegisterRow[]>,
  day: string,
) {
  yield CSV_BOM + csvLines([DISPENSE_EXPORT_COLUMNS]);
  for await (const batch of batches) yield csvLines(batch.map((r) => exportValues(r, day)));
}

async function auditDownload(
  ctx: Ctx,
  actor: EmployerActor,
  action: 'dispenses.exported' | 'dispenses.archive_downloaded',
  details: Record<string, unknown>,
  meta: RequestMeta,
) {
  await recordAudit(ctx.db, ctx.clock.now(), {
    action,
    actorUserId: actor.user.id,
    actorKind: 'employer',
    ip: meta.ip,
    userAgent: meta.userAgent,
    details,
  });
}

/** GET /api/dispenses/export: the filtered register, streamed (CSV or XLSX). */
export async function exportDispenses(
  ctx: Ctx,
  actor: EmployerActor,
  input: { filters: DispenseFilters; format: 'csv' | 'xlsx' },
  meta: RequestMeta,
): Promise<Readable> {
  const day = today(ctx);
  const conditions = registerConditions(ctx.cipher, input.filters, day);
  const rows = await countRegister(ctx.db, actor, conditions);
  await auditDownload(
    ctx,
    actor,
    'dispenses.exported',
    { format: input.format, rows, filters: input.filters },
    meta,
  );
  const batches = streamRegister(ctx.db, actor, conditions);
  if (input.format === 'csv') return Readable.from(registerCsv(batches, day));
  async function* values() {
    for await (const batch of batches) yield batch.map((r) => exportValues(r, day));
  }
  return streamXlsx('Dispenses', DISPENSE_EXPORT_COLUMNS, values());
}

/** A stored file opened only when the zip comes to it (not 1,500 files open at once). */
function lazyRead(ctx: Ctx, storageKey: string): Readable {
  return Readable.from(
    (async function* () {
      yield* await ctx.storage.openRead(storageKey);
    })(),
  );
}

/** A name that any file system takes: no separators nor control characters. */
const safeName = (name: string) =>
  // eslint-disable-next-line no-control-regex
  name.replace(/[\u0000-\u001f/\\:*?"<>|]+/g, ' ').trim() || 'fichier';

/**
 * GET /api/dispenses/archive.zip: the filtered register's signed requests and proofs, one folder
 * per employee (« NOM Prénom – <case> »), the register as CSV at the root, streamed (archiver
 * reads each stored file when its turn comes). At most ARCHIVE_MAX_DISPENSES dispenses.
 */
export async function dispensesArchive(
  ctx: Ctx,
  actor: EmployerActor,
  filters: DispenseFilters,
  meta: RequestMeta,
): Promise<Readable> {
  const day = today(ctx);
  const conditions = registerConditions(ctx.cipher, filters, day);
  const rows = await countRegister(ctx.db, actor, conditions);
  if (rows > ARCHIVE_MAX_DISPENSES)
    throw badRequest(
      'dispense_archive_too_large',
      `Le dossier d’audit contient ${ARCHIVE_MAX_DISPENSES} dispenses au plus : filtrez le registre (établissement, état, cas) pour en télécharger une partie.`,
    );
  const lines: RegisterRow[] = [];
  for await (const batch of streamRegister(ctx.db, actor, conditions)) lines.push(...batch);
  const files = await findArchiveFiles(
    ctx.db,
    lines.map((l) => l.id),
  );
  await auditDownload(
    ctx,
    actor,
    'dispenses.archive_downloaded',
    { rows: lines.length, count: files.length, filters },
    meta,
  );
  const { default: archiver } = await import('archiver');
  const zip = archiver('zip', { zlib: { level: 6 } });
  const csv = Readable.from(registerCsv([lines], day));
  zip.append(csv, { name: `registre-des-dispenses-${day}.csv` });
  const folders = new Map<string, string>();
  const used = new Set<string>();
  for (const l of lines) {
    const base = safeName(
      `${l.last_name.toUpperCase()} ${l.first_name} – ${DISPENSE_CASE_SHORT_LABELS[l.case_code as DispenseCaseCode] ?? l.case_code}`,
    );
    let folder = base;
    for (let n = 2; used.has(folder); n += 1) folder = `${base} (${n})`;
    used.add(folder);
    folders.set(l.id, folder);
  }
  const names = new Set<string>();
  const position = new Map(lines.map((l, i) => [l.id, i]));
  const ordered = [...files].sort(
    (a, b) =>
      (position.get(a.dispense_id) ?? 0) - (position.get(b.dispense_id) ?? 0) ||
      (a.kind === b.kind ? 0 : a.kind === 'signed_request' ? -1 : 1),
  );
  for (const f of ordered) {
    const prefix = f.kind === 'signed_request' ? 'Demande signée' : 'Justificatif';
    const base = `${folders.get(f.dispense_id)}/${prefix} - ${safeName(f.original_name)}`;
    let name = base;
    for (let n = 2; names.has(name); n += 1) name = base.replace(/(\.[^./]+)?$/, ` (${n})$1`);
    names.add(name);
    zip.append(lazyRead(ctx, f.storage_key), { name });
  }
  void zip.finalize().catch(() => undefined);
  return zip;
}
