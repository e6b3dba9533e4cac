/**
 * « Mes salariés » (SPEC §5.2): the list with its filters, a member's detail, the export.
 * Everything is limited to the caller's perimeter for `members.view`; a member outside it
 * answers 404.
 */
import { createHash } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { coverageStatus } from '@affilia/shared/domain/coverage';
import { COVERAGE_STATUS_LABELS, PROFESSIONAL_STATUS_LABELS } from '@affilia/shared/domain/enums';
import type {
  MemberDetail,
  MemberFilterOptions,
  MemberFilters,
  MemberPage,
  MemberRow,
  MemberSort,
} from '@affilia/shared/schemas/members';
import { MEMBER_EXPORT_COLUMNS } from '@affilia/shared/schemas/members';
import { computeNirKey, formatNir } from '@affilia/shared/validators/nir';
import { previousDay, type RadiationMotif } from '@affilia/shared/domain/radiation';
import type { ContractOption, Member } from '../../db/schema';
import { recordAudit } from '../../lib/audit';
import { findOpenBeneficiaries } from './member-beneficiaries.repository';
import type { AppContext } from '../../lib/context';
import type { FieldCipher } from '../../lib/crypto';
import { CSV_BOM, csvLines } from '../../lib/csv';
import { parisDate } from '../../lib/clock';
import { readDataVersion } from '../../lib/data-versions';
import { cachedFigure, cachedPage } from '../../lib/figures-cache';
import { notFound } from '../../lib/errors';
import { companyIdsWith, type EmployerActor } from '../../lib/policies';
import type { RequestMeta } from '../../lib/request-meta';
import {
  countMembers,
  findCoveragesOfMember,
  findFilterOptions,
  findMemberOfPerimeter,
  findRadiationsOfMember,
  findRequestsOfMember,
  findMemberPage,
  memberConditions,
  streamMembers,
  type MemberListRow,
  type MemberQueryFilters,
} from './members.repository';

type Ctx = Pick<AppContext, 'db' | 'cipher' | 'clock'>;

/** The NIR with its key (15 characters), or the 13 characters of a temporary number. */
export function nirWithKey(cipher: FieldCipher, encrypted: string): string {
  const nir13 = cipher.decrypt(encrypted);
  return /^[78]/.test(nir13) ? nir13 : nir13 + computeNirKey(nir13);
}

export function toRow(cipher: FieldCipher, today: string, r: MemberListRow): MemberRow {
  return {
    id: r.id,
    lastName: r.last_name,
    firstName: r.first_name,
    nir: nirWithKey(cipher, r.nir_encrypted),
    professionalStatus: r.professional_status,
    establishment: { id: r.establishment_id, name: r.establishment_name, siret: r.siret },
    contract:
      r.contract_id && r.effective_date
        ? {
            id: r.contract_id,
            number: r.contract_number ?? '',
            label: r.contract_label ?? '',
            effectiveDate: r.effective_date,
            endDate: r.end_date,
            status: coverageStatus(r.effective_date, r.end_date, today),
          }
        : null,
    portabilityEndDate: r.portability_end_date,
  };
}

/**
 * The key of the figures cached for a query (lib/figures-cache.ts): the version of the members'
 * data, the perimeter (`null`: insurer staff, every company), the day and the filters — hashed,
 * so that no NIR or name stays in memory as a key.
 */
export async function figuresKey(
  ctx: Ctx,
  actor: EmployerActor | null,
  today: string,
  filters: unknown,
): Promise<string> {
  const version = await readDataVersion(ctx.db, 'members');
  const digest = createHash('sha256')
    .update(JSON.stringify([actor ? actor.perimeterKey : '*staff*', today, filters]))
    .digest('base64url');
  return `members:${version}:${digest}`;
}

export interface ListInput {
  filters: MemberQueryFilters;
  sort: MemberSort;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export async function listMembers(
  ctx: Ctx,
  actor: EmployerActor,
  input: ListInput,
): Promise<MemberPage> {
  const { today, total, rows } = await findMembers(ctx, actor, input);
  return {
    items: rows.map((r) => toRow(ctx.cipher, today, r)),
    total,
    page: input.page,
    pageSize: input.pageSize,
  };
}

/**
 * A page of members and the total: within the employer `actor`'s perimeter, or over every
 * company when `actor` is null (the back office's « Assurés »).
 */
export async function findMembers(
  ctx: Ctx,
  actor: EmployerActor | null,
  input: ListInput,
): Promise<{ today: string; total: number; rows: MemberListRow[] }> {
  const today = parisDate(ctx.clock.now());
  const conditions = memberConditions(actor, ctx.cipher, { filters: input.filters, today });
  const key = await figuresKey(ctx, actor, today, input.filters);
  const [total, rows] = await Promise.all([
    cachedFigure(ctx.db, `${key}:count`, () => countMembers(ctx.db, conditions)),
    // The same page of the same data and perimeter is read once (lib/figures-cache.ts).
    cachedPage(
      ctx.db,
      `${key}:page:${input.sort}:${input.order}:${input.page}:${input.pageSize}`,
      () =>
        findMemberPage(
          ctx.db,
          conditions,
          input,
          { limit: input.pageSize, offset: (input.page - 1) * input.pageSize },
          key,
        ),
    ),
  ]);
  return { today, total, rows };
}

/** The choices of the filters: companies, establishments and contracts of the perimeter. */
export async function getFilterOptions(
  ctx: Ctx,
  actor: EmployerActor,
): Promise<MemberFilterOptions> {
  const companyIds = companyIdsWith(actor, 'members.view');
  if (companyIds.length === 0) return { companies: [], establishments: [], contracts: [] };
  const { companies, establishments, contracts } = await findFilterOptions(
    ctx.db,
    actor,
    companyIds,
  );
  return { companies, establishments, contracts };
}

type CoverageDbRow = Awaited<ReturnType<typeof findCoveragesOfMember>>[number];

/** A coverage as a member's detail shows it (« Mes salariés » and the back office's « Assurés »). */
export function toCoverage(cv: CoverageDbRow, today: string) {
  const options = JSON.parse(cv.options) as ContractOption[];
  return {
    id: cv.id,
    contract: {
      id: cv.contract_id,
      number: cv.number,
      label: cv.label,
      options: options.map((o) => ({ code: o.code, label: o.label })),
    },
    optionCode: cv.option_code,
    optionLabel: options.find((o) => o.code === cv.option_code)?.label ?? cv.option_code,
    effectiveDate: cv.effective_date,
    endDate: cv.end_date,
    status: coverageStatus(cv.effective_date, cv.end_date, today),
    kind: cv.kind,
  };
}

type RadiationDbRow = Awaited<ReturnType<typeof findRadiationsOfMember>>[number];

/**
 * The member's portability: that of their latest processed radiation which opened one, ended
 * the day before a new job when one was reported; null without.
 */
export function portabilitySummary(radiations: readonly RadiationDbRow[]) {
  const r = radiations.find(
    (x) => x.status === 'processed' && x.portability_start_date && x.portability_end_date,
  );
  if (!r?.portability_start_date || !r.portability_end_date) return null;
  return {
    radiationId: r.id,
    start: r.portability_start_date,
    end: r.new_job_date ? previousDay(r.new_job_date) : r.portability_end_date,
    newJobDate: r.new_job_date,
  };
}

/** A member's identity and company, as their detail shows them (here and in « Assurés »). */
export function memberIdentity(
  cipher: FieldCipher,
  m: Pick<
    Member,
    | 'id'
    | 'last_name'
    | 'first_name'
    | 'nir_encrypted'
    | 'birth_date'
    | 'email'
    | 'professional_status'
  > & { company_id: string; company_name: string; siren: string },
) {
  return {
    id: m.id,
    lastName: m.last_name,
    firstName: m.first_name,
    nir: nirWithKey(cipher, m.nir_encrypted),
    birthDate: m.birth_date,
    email: m.email,
    professionalStatus: m.professional_status,
    company: { id: m.company_id, name: m.company_name, siren: m.siren },
  };
}

/** One member of the perimeter, with their coverages, affiliation requests and radiations. */
export async function getMember(
  ctx: Ctx,
  actor: EmployerActor,
  memberId: string,
): Promise<MemberDetail> {
  const member = await findMemberOfPerimeter(ctx.db, actor, memberId);
  if (!member) throw notFound('Salarié introuvable.');
  const today = parisDate(ctx.clock.now());
  const [coverages, requests, radiations, beneficiaries] = await Promise.all([
    findCoveragesOfMember(ctx.db, memberId),
    findRequestsOfMember(ctx.db, memberId),
    findRadiationsOfMember(ctx.db, memberId),
    findOpenBeneficiaries(ctx.db, memberId, today),
  ]);
  return {
    ...memberIdentity(ctx.cipher, member),
    establishment: {
      id: member.establishment_id,
      name: member.establishment_name,
      siret: member.siret,
      city: member.city,
    },
    coverages: coverages.map((cv) => toCoverage(cv, today)),
    affiliationRequests: requests.map((r) => ({
      id: r.id,
      status: r.status,
      mode: r.mode,
      affiliationDate: r.affiliation_date,
      createdAt: r.created_at,
    })),
    portabilityEndDate: member.portability_end_date,
    radiations: radiations.map((r) => ({
      id: r.id,
      status: r.status,
      contractEndDate: r.contract_end_date,
      motif: r.motif as RadiationMotif,
      createdAt: r.created_at,
    })),
    portability: portabilitySummary(radiations),
    beneficiaries: beneficiaries.map((b) => ({
      id: b.id,
      type: b.type,
      lastName: b.last_name,
      firstName: b.first_name,
      birthDate: b.birth_date,
      startDate: b.start_date,
      endDate: b.end_date,
    })),
  };
}

// Export

const frenchDate = (iso: string | null) =>
  iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '';

/** SIREN and SIRET grouped (« 356 000 000 00048 »): Excel keeps them as text, never as 3,56E+13. */
const groupSiren = (siren: string) => siren.replace(/^(\d{3})(\d{3})(\d{3})/, '$1 $2 $3');
const groupSiret = (siret: string) => `${groupSiren(siret.slice(0, 9))} ${siret.slice(9)}`;

function exportValues(cipher: FieldCipher, today: string, r: MemberListRow): string[] {
  const nir13 = cipher.decrypt(r.nir_encrypted);
  return [
    r.company_name,
    groupSiren(r.siren),
    r.establishment_name,
    groupSiret(r.siret),
    r.last_name,
    r.first_name,
    // Grouped, so that Excel keeps it as text (a temporary number has no key).
    /^[78]/.test(nir13) ? formatNir(nir13) : formatNir(nir13, computeNirKey(nir13)),
    PROFESSIONAL_STATUS_LABELS[r.professional_status],
    r.contract_label ?? '',
    r.contract_number ?? '',
    frenchDate(r.effective_date),
    frenchDate(r.end_date),
    r.effective_date
      ? COVERAGE_STATUS_LABELS[coverageStatus(r.effective_date, r.end_date, today)]
      : '',
  ];
}

export interface ExportInput {
  filters: MemberFilters;
  sort: MemberSort;
  order: 'asc' | 'desc';
  format: 'csv' | 'xlsx';
}

/**
 * Resolves once `stream` emits `event`, or when `out` (the answer) closes: a client that went
 * away must not leave the export waiting forever.
 */
function eventOrClose(stream: NodeJS.EventEmitter, event: string, out: PassThrough) {
  return new Promise<void>((resolve) => {
    const done = () => {
      stream.off(event, done);
      out.off('close', done);
      resolve();
    };
    stream.once(event, done);
    out.once('close', done);
  });
}

/**
 * Back-pressure for the XLSX export, after each batch of rows: resolves when the zip has taken
 * the rows written so far and the client has taken the zip's output. exceljs writes rows into
 * the zip's entry without regard for back-pressure (its StreamBuf ignores `write()`'s answer),
 * and archiver fills its output whether it is read or not: without this wait the whole workbook
 * would pile up in memory when the client downloads slower than the database reads. The entry's
 * input stream is archiver's PassThrough, the StreamBuf's one pipe: internals of exceljs 4
 * (unchanged since 2023), checked by members-export.test.ts; without them, one turn of the
 * event loop and the answer's `drain` still pace the export.
 */
async function xlsxDrained(sheet: unknown, out: PassThrough): Promise<void> {
  const entry = (sheet as { stream?: { pipes?: unknown[] } }).stream?.pipes?.[0] as
    (NodeJS.EventEmitter & { _writableState?: { needDrain?: boolean } }) | undefined;
  if (entry?._writableState?.needDrain) await eventOrClose(entry, 'drain', out);
  else await new Promise((resolve) => setImmediate(resolve));
  if (out.writableNeedDrain && !out.destroyed) await eventOrClose(out, 'drain', out);
}

/**
 * The filtered list as a stream (CSV: UTF-8 with BOM and `;`; XLSX: streamed workbook). The
 * audit line is written when the export starts, with the number of rows.
 */
export async function exportMembers(
  ctx: Ctx,
  actor: EmployerActor,
  input: ExportInput,
  meta: RequestMeta,
): Promise<{ stream: Readable; rows: number }> {
  const today = parisDate(ctx.clock.now());
  const conditions = memberConditions(actor, ctx.cipher, { filters: input.filters, today });
  const key = await figuresKey(ctx, actor, today, input.filters);
  const rows = await cachedFigure(ctx.db, `${key}:count`, () => countMembers(ctx.db, conditions));
  await recordAudit(ctx.db, ctx.clock.now(), {
    action: 'members.exported',
    actorUserId: actor.user.id,
    actorKind: 'employer',
    ip: meta.ip,
    userAgent: meta.userAgent,
    details: { format: input.format, rows, filters: input.filters },
  });
  const batches = streamMembers(ctx.db, conditions, input);
  if (input.format === 'csv') {
    async function* lines() {
      yield CSV_BOM + csvLines([MEMBER_EXPORT_COLUMNS]);
      for await (const batch of batches) {
        yield csvLines(batch.map((r) => exportValues(ctx.cipher, today, r)));
      }
    }
    // Pulled by the client: Readable.from reads one batch ahead at most (highWaterMark 1).
    return { stream: Readable.from(lines()), rows };
  }
  async function* values() {
    for await (const batch of batches) yield batch.map((r) => exportValues(ctx.cipher, today, r));
  }
  return { stream: await streamXlsx('Salariés', MEMBER_EXPORT_COLUMNS, values()), rows };
}

/**
 * A workbook of one sheet written as it streams (the members' and the dispenses' exports): the
 * header row in bold and frozen, then each batch of rows, paced by the client (xlsxDrained).
 */
export async function streamXlsx(
  sheetName: string,
  columns: readonly string[],
  batches: AsyncIterable<string[][]>,
): Promise<PassThrough> {
  const out = new PassThrough();
  // Loaded on first use: exceljs weighs about 30 MB of memory.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((header) => ({
    header,
    width: Math.max(12, header.length + 4),
  }));
  sheet.getRow(1).font = { bold: true };
  void (async () => {
    try {
      for await (const batch of batches) {
        for (const row of batch) sheet.addRow(row).commit();
        await xlsxDrained(sheet, out);
        if (out.destroyed) return; // the client went away: stop reading
      }
      sheet.commit();
      await workbook.commit();
    } catch (err) {
      out.destroy(err as Error);
    }
  })();
  return out;
}
