/**
 * « Pré-affilier par fichier » (issue 20): each row of the file read, its establishment found by
 * SIRET within the caller's perimeter (`affiliations.manage`), its answers checked by the
 * wizard's schema (PreAffiliationSchema) and made a request by `createCheckedAffiliation` — the
 * same rules, transaction, history, audit and e-mail as the wizard « Pré-affiliation ». A row
 * refused (here or by those rules) writes nothing and says why, field by field; the valid rows
 * are created whatever the others. The file's requests share a batch id: the pre-filled BIAs of
 * its « Courrier » requests print as one PDF.
 */
import {
  AFFILIATION_IMPORT_COLUMNS as HEADERS,
  type AffiliationImportColumn,
} from '@affilia/shared/domain/affiliation-import';
import type {
  AffiliationImportReport,
  AffiliationImportRow,
} from '@affilia/shared/schemas/affiliation-import';
import { PreAffiliationSchema } from '@affilia/shared/schemas/affiliations';
import { recordAudit } from '../../lib/audit';
import type { AppContext } from '../../lib/context';
import { AppError, notFound, tooManyAttempts } from '../../lib/errors';
import { cleanFileName } from '../../lib/file-types';
import { newId } from '../../lib/ids';
import { companyIdsWith, type EmployerActor } from '../../lib/policies';
import { hitRateLimit } from '../../lib/rate-limit';
import type { RequestMeta } from '../../lib/request-meta';
import type { RowReason } from '../reference-data/import-parse';
import { renderBiaBatchPdf } from '../enrolment/bia-pdf';
import { biaInput, loadBiaBranding, loadRequestContext } from '../enrolment/enrolment.repository';
import { getBranding } from '../settings/settings.service';
import { findPerimeterEstablishments } from '../users/users.repository';
import { findCompanyContracts, loadAffiliationSettings } from './affiliations.repository';
import { readAffiliationFile, type AffiliationFileRow } from './affiliation-import-file';
import { findImportMailRequestIds } from './affiliation-import.repository';
import { createCheckedAffiliation } from './affiliations.service';

type Ctx = AppContext;

/** Files one user may import in an hour (each may create a thousand requests and e-mails). */
export const IMPORTS_PER_USER_PER_HOUR = 10;
export const OUTSIDE_PERIMETER =
  'Établissement introuvable dans votre périmètre (ou sans le droit de pré-affilier)';

/** Where the wizard's fields stand in the file, to name a refused field by its column. */
const COLUMN_OF_FIELD: Record<string, AffiliationImportColumn> = {
  establishmentId: 'siret',
  professionalStatus: 'professionalStatus',
  alreadyAffiliated: 'alreadyAffiliated',
  lastName: 'lastName',
  firstName: 'firstName',
  email: 'email',
  nir: 'nir',
  birthDate: 'birthDate',
  hireDate: 'hireDate',
  affiliationDate: 'affiliationDate',
  employmentContractType: 'employmentContractType',
  employmentStartDate: 'employmentStartDate',
  employmentEndDate: 'employmentEndDate',
  positionInCompany: 'positionInCompany',
};

function reasonOf(field: string | undefined, message: string): RowReason {
  const column = field === undefined ? undefined : COLUMN_OF_FIELD[field];
  return { field: column ? HEADERS[column] : null, message };
}

const refused = (line: number, name: string, reasons: RowReason[]): AffiliationImportRow => ({
  line,
  name,
  outcome: 'refused',
  requestId: null,
  mode: null,
  reasons,
});

/** Why a request refused by the wizard's rules is refused, each reason at its column. */
function reasonsOfError(err: AppError): RowReason[] {
  if (err.code === 'nir_birth_date_warning') {
    return [
      reasonOf(
        'nir',
        `${err.message} Corrigez la ligne, ou pré-affiliez ce salarié avec le formulaire « Pré-affiliation » pour confirmer cet écart.`,
      ),
    ];
  }
  const fields = Object.entries(err.fields ?? {});
  if (err.code === 'no_contract') return [reasonOf('professionalStatus', err.message)];
  return fields.length > 0
    ? fields.map(([field, message]) => reasonOf(field, message))
    : [reasonOf(undefined, err.message)];
}

interface ImportState {
  ctx: Ctx;
  actor: EmployerActor;
  meta: RequestMeta;
  batchId: string;
  establishments: Map<string, { id: string; company_id: string }>;
  settings: Awaited<ReturnType<typeof loadAffiliationSettings>>;
  contracts: Awaited<ReturnType<typeof findCompanyContracts>>;
}

/** One row of the file: created, or refused with its reasons (nothing of it written). */
async function importRow(
  state: ImportState,
  line: number,
  name: string,
  row: AffiliationFileRow,
): Promise<AffiliationImportRow> {
  const establishment = state.establishments.get(row.siret);
  if (!establishment) return refused(line, name, [reasonOf('establishmentId', OUTSIDE_PERIMETER)]);
  const { siret: _, ...answers } = row;
  const parsed = PreAffiliationSchema.safeParse({ ...answers, establishmentId: establishment.id });
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((issue) =>
      reasonOf(issue.path.length > 0 ? String(issue.path[0]) : undefined, issue.message),
    );
    return refused(line, name, reasons);
  }
  try {
    const requestId = await createCheckedAffiliation(state.ctx, state.actor, {
      request: parsed.data,
      establishment,
      settings: state.settings,
      contracts: state.contracts.filter((c) => c.companyId === establishment.company_id),
      batchId: state.batchId,
      meta: state.meta,
    });
    const mode = parsed.data.email ? 'email' : 'mail';
    return { line, name, outcome: 'created', requestId, mode, reasons: [] };
  } catch (err) {
    if (!(err instanceof AppError) || err.statusCode >= 500) throw err;
    return refused(line, name, reasonsOfError(err));
  }
}

/** « Pré-affilier par fichier »: reads the file, creates a request per valid row, reports each. */
export async function importAffiliations(
  ctx: Ctx,
  actor: EmployerActor,
  input: { bytes: Buffer; fileName: string | undefined; meta: RequestMeta },
): Promise<AffiliationImportReport> {
  const now = ctx.clock.now();
  const hit = await hitRateLimit(ctx.db, `affiliation-import:${actor.user.id}`, {
    limit: IMPORTS_PER_USER_PER_HOUR,
    windowMs: 3600_000,
    now,
  });
  if (!hit.allowed) {
    throw tooManyAttempts(
      'Trop de fichiers de pré-affiliation envoyés en peu de temps. Réessayez dans une heure.',
      hit.retryAfterSeconds,
    );
  }
  const { kind, rows: read } = await readAffiliationFile(input.bytes);
  const [perimeter, settings, contracts] = await Promise.all([
    findPerimeterEstablishments(ctx.db, actor, 'affiliations.manage'),
    loadAffiliationSettings(ctx.db),
    findCompanyContracts(ctx.db, companyIdsWith(actor, 'affiliations.manage')),
  ]);
  const state: ImportState = {
    ctx,
    actor,
    meta: input.meta,
    batchId: newId(),
    establishments: new Map(perimeter.map((e) => [e.siret, e])),
    settings,
    contracts,
  };

  const firstLineOf = new Map<string, number>();
  const rows: AffiliationImportRow[] = [];
  for (const r of read) {
    if (!r.row) {
      rows.push(refused(r.line, r.name, r.reasons));
      continue;
    }
    // The NIR as the schema keeps it (13 characters), to find the same person twice.
    const key = r.row.nir.replace(/\s/g, '').slice(0, 13).toUpperCase();
    const firstLine = firstLineOf.get(key);
    if (firstLine !== undefined) {
      const message = `Ce salarié figure déjà à la ligne ${firstLine} du fichier`;
      rows.push(refused(r.line, r.name, [reasonOf('nir', message)]));
      continue;
    }
    firstLineOf.set(key, r.line);
    rows.push(await importRow(state, r.line, r.name, r.row));
  }

  const created = rows.filter((r) => r.outcome === 'created');
  const byEmail = created.filter((r) => r.mode === 'email').length;
  const summary = {
    total: rows.length,
    created: created.length,
    refused: rows.length - created.length,
    byEmail,
    byMail: created.length - byEmail,
  };
  const fileName = cleanFileName(input.fileName, 'fichier');
  await recordAudit(ctx.db, ctx.clock.now(), {
    action: 'affiliations.imported',
    actorUserId: actor.user.id,
    actorKind: 'employer',
    targetType: 'affiliation_request',
    ip: input.meta.ip,
    userAgent: input.meta.userAgent,
    details: {
      fileKind: kind,
      fileName,
      batchId: state.batchId,
      total: summary.total,
      imported: summary.created,
      refused: summary.refused,
      byEmail,
      byMail: summary.byMail,
    },
  });
  ctx.outboxWorker?.wake();
  return { fileName, batchId: state.batchId, summary, rows };
}

/**
 * GET /api/affiliations/import/:batchId/bia.pdf: the pre-filled BIA of each « Courrier » request
 * of the file still waiting (not abandoned), within the perimeter, in one PDF to print.
 */
export async function getImportBiaPdf(
  ctx: Ctx,
  actor: EmployerActor,
  batchId: string,
): Promise<{ bytes: Buffer; fileName: string }> {
  const ids = await findImportMailRequestIds(ctx.db, actor, batchId);
  if (ids.length === 0) {
    throw new AppError(
      'no_mail_requests',
      404,
      'Aucune demande « Courrier » de ce fichier n’est à imprimer.',
    );
  }
  const branding = await loadBiaBranding(ctx.db, await getBranding(ctx));
  const inputs = [];
  for (const id of ids) {
    const rc = await loadRequestContext(ctx.db, id);
    if (!rc) throw notFound();
    inputs.push(biaInput(ctx.cipher, rc, null, branding));
  }
  const bytes = await renderBiaBatchPdf(inputs, ctx.clock.now());
  return { bytes, fileName: `BIA-pre-remplis-${ids.length}.pdf` };
}
