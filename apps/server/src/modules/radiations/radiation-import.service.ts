/**
 * « Radier par fichier » (issue 18): each row of the file read, its member found by NIR within
 * the caller's perimeter and checked against the name, then made a radiation by `createRadiation`
 * — the same rules, transaction, notice and audit as the form « Radier un salarié ». A row refused
 * (here or by those rules) applies nothing and says why, field by field; the valid rows are
 * created whatever the others.
 */
import { listName } from '@affilia/shared/domain/person-name';
import { RadiationCreateSchema } from '@affilia/shared/schemas/radiations';
import {
  RADIATION_IMPORT_COLUMNS as HEADERS,
  type RadiationImportColumn,
} from '@affilia/shared/domain/radiation-import';
import type {
  RadiationImportReport,
  RadiationImportRow,
} from '@affilia/shared/schemas/radiation-import';
import { normalizeName } from '@affilia/shared/validators/normalize';
import { recordAudit } from '../../lib/audit';
import type { AppContext } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { cleanFileName } from '../../lib/file-types';
import type { EmployerActor } from '../../lib/policies';
import type { RequestMeta } from '../../lib/request-meta';
import {
  readRadiationFile,
  unemploymentRightsOf,
  type RadiationFileRow,
  type ReadRow,
} from './radiation-import-file';
import type { RowReason } from '../reference-data/import-parse';
import { findMembersByNirHash, type MemberOfFile } from './radiation-import.repository';
import { createRadiation, radiationEmploymentStart } from './radiations.service';

type Ctx = AppContext;

export const OUTSIDE_PERIMETER = 'Salarié introuvable dans votre périmètre';

/** Where the form's fields stand in the file, to name a refused field by its column. */
const COLUMN_OF_FIELD: Record<string, RadiationImportColumn> = {
  memberId: 'nir',
  contractEndDate: 'contractEndDate',
  motif: 'motif',
  unemploymentRights: 'unemploymentRights',
  employmentPeriods: 'employmentStartDate',
  contactEmail: 'contactEmail',
  contactAddress: 'contactAddress',
  comment: 'comment',
};

function reasonOf(field: string | undefined, message: string): RowReason {
  const column = field === undefined ? undefined : COLUMN_OF_FIELD[field.split('.')[0] as string];
  return { field: column ? HEADERS[column] : null, message };
}

const refused = (line: number, name: string, reasons: RowReason[]): RadiationImportRow => ({
  line,
  name,
  outcome: 'refused',
  radiationId: null,
  reasons,
});

/** The member of a row: the one of the perimeter with this NIR and this name, or the reason. */
function memberOfRow(
  row: RadiationFileRow,
  candidates: readonly MemberOfFile[],
): MemberOfFile | RowReason {
  if (candidates.length === 0) return { field: HEADERS.nir, message: OUTSIDE_PERIMETER };
  const same = (a: string, b: string) => normalizeName(a) === normalizeName(b);
  const named = candidates.filter(
    (m) => same(m.last_name, row.lastName) && same(m.first_name, row.firstName),
  );
  if (named.length === 0) {
    const onFile = candidates[0] as MemberOfFile;
    return {
      field: HEADERS.lastName,
      message: `Le nom et le prénom ne correspondent pas à ce NIR (salarié : ${listName({ lastName: onFile.last_name, firstName: onFile.first_name })})`,
    };
  }
  if (named.length > 1) {
    return {
      field: HEADERS.nir,
      message:
        'Plusieurs salariés de votre périmètre ont ce NIR : radiez-le depuis sa fiche dans « Mes salariés »',
    };
  }
  return named[0] as MemberOfFile;
}

/** The form's input for a row: the file's values, the member's email on file when none is given. */
async function inputOf(ctx: Ctx, row: RadiationFileRow, member: MemberOfFile) {
  const start =
    row.employmentStartDate ?? (await radiationEmploymentStart(ctx, member.id)) ?? undefined;
  const noContact = !row.contactEmail && !row.contactAddress;
  return RadiationCreateSchema.safeParse({
    memberId: member.id,
    contractEndDate: row.contractEndDate,
    motif: row.motif,
    unemploymentRights: unemploymentRightsOf(row),
    disabilityPension: false,
    comment: row.comment,
    employmentPeriods: start ? [{ start, end: row.contractEndDate }] : [],
    contactEmail: noContact ? (member.email ?? undefined) : row.contactEmail,
    contactAddress: row.contactAddress,
  });
}

/** One row of the file: created, or refused with its reasons (nothing of it applied). */
async function importRow(
  ctx: Ctx,
  actor: EmployerActor,
  meta: RequestMeta,
  read: Extract<ReadRow, { reasons: null }>,
  member: MemberOfFile,
): Promise<RadiationImportRow> {
  const name = listName({ lastName: member.last_name, firstName: member.first_name });
  const parsed = await inputOf(ctx, read.row, member);
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((issue) =>
      reasonOf(issue.path.length > 0 ? String(issue.path[0]) : undefined, issue.message),
    );
    return refused(read.line, name, reasons);
  }
  try {
    const created = await createRadiation(ctx, actor, parsed.data, meta, { source: 'file' });
    return { line: read.line, name, outcome: 'created', radiationId: created.id, reasons: [] };
  } catch (err) {
    if (!(err instanceof AppError) || err.statusCode >= 500) throw err;
    const fields = Object.entries(err.fields ?? {});
    const reasons =
      fields.length > 0
        ? fields.map(([field, message]) => reasonOf(field, message))
        : [reasonOf(undefined, err.message)];
    return refused(read.line, name, reasons);
  }
}

/** « Radier par fichier »: reads the file, creates a radiation per valid row, reports each row. */
export async function importRadiations(
  ctx: Ctx,
  actor: EmployerActor,
  input: { bytes: Buffer; fileName: string | undefined; meta: RequestMeta },
): Promise<RadiationImportReport> {
  const { kind, rows: read } = await readRadiationFile(input.bytes);
  const hashOf = new Map<string, string>();
  for (const r of read) if (r.row) hashOf.set(r.row.nir, ctx.cipher.hash(r.row.nir));
  const members = await findMembersByNirHash(ctx.db, actor, [...new Set(hashOf.values())]);
  const byHash = new Map<string, MemberOfFile[]>();
  for (const m of members) byHash.set(m.nir_hash, [...(byHash.get(m.nir_hash) ?? []), m]);

  const firstLineOf = new Map<string, number>();
  const rows: RadiationImportRow[] = [];
  for (const r of read) {
    if (!r.row) {
      rows.push(refused(r.line, r.name, r.reasons));
      continue;
    }
    const firstLine = firstLineOf.get(r.row.nir);
    if (firstLine !== undefined) {
      const message = `Ce salarié figure déjà à la ligne ${firstLine} du fichier`;
      rows.push(refused(r.line, r.name, [{ field: HEADERS.nir, message }]));
      continue;
    }
    firstLineOf.set(r.row.nir, r.line);
    const member = memberOfRow(r.row, byHash.get(hashOf.get(r.row.nir) as string) ?? []);
    if (!('id' in member)) rows.push(refused(r.line, r.name, [member]));
    else rows.push(await importRow(ctx, actor, input.meta, r, member));
  }

  const created = rows.filter((r) => r.outcome === 'created').length;
  const summary = { total: rows.length, created, refused: rows.length - created };
  const fileName = cleanFileName(input.fileName, 'fichier');
  await recordAudit(ctx.db, ctx.clock.now(), {
    action: 'radiations.imported',
    actorUserId: actor.user.id,
    actorKind: 'employer',
    targetType: 'radiation',
    ip: input.meta.ip,
    userAgent: input.meta.userAgent,
    details: {
      fileKind: kind,
      fileName,
      total: summary.total,
      imported: created,
      refused: summary.refused,
    },
  });
  return { fileName, summary, rows };
}
