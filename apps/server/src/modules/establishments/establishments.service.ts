/**
 * The establishments of the perimeter (SPEC §4.4): the list, and how a user adds to it.
 *
 * Knowing an establishment's SIRET and its « code identifiant » (printed on the insurer's
 * letters) is the proof. With it:
 * - on a company where the user holds a role restricted to some establishments, the
 *   establishment joins their `user_establishments`;
 * - on a company where their role covers every establishment, it is already followed;
 * - on a company where they have no role, they become its administrator, only if the company
 *   has no active administrator (like « Activer mon espace », §4.1): otherwise it is refused
 *   and they ask that administrator.
 * The same rules apply to one establishment and to each row of a file; a file's rows are looked
 * up together and applied in one transaction, which re-reads everything it decides on.
 *
 * Guessing is throttled per user: 20 unknown SIRET/identifier pairs an hour one at a time, 200 a
 * day through files; a file with more unknown pairs than the day allows is refused as a whole,
 * so that a file cannot test thousands of identifiers.
 */
import type { Readable } from 'node:stream';
import {
  isImportRowError,
  type AddEstablishmentResult,
  type ImportReport,
  type ImportRow,
  type PerimeterEstablishment,
} from '@affilia/shared/schemas/establishments';
import { recordAudit } from '../../lib/audit';
import type { AppContext } from '../../lib/context';
import { AppError, badRequest, notFound, tooManyAttempts } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { recordStoredFile } from '../../lib/stored-files';
import { provenAddition, type EmployerActor } from '../../lib/policies';
import { readCounter } from '../../lib/rate-limit';
import type { Db } from '../../db/database';
import type { RequestMeta } from '../../lib/request-meta';
import { cleanFileName } from '../../lib/file-types';
import {
  addToCounter,
  companiesWithActiveAdmin,
  findEstablishmentsBySiret,
  findImportReport,
  followedAmong,
  IMPORT_REPORT_OWNER_KIND,
  insertAdminRoles,
  insertFollowedEstablishments,
  listPerimeterEstablishments,
  loadGrants,
  lockCompanies,
  toPerimeterEstablishment,
  type EstablishmentWithProof,
} from './establishments.repository';
import { readImportFile, type PreparedRow } from './import-file';
import { reportToCsv, summarize } from './import-report';

type Ctx = AppContext;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Unknown pairs a user may try one at a time, per hour. */
export const SINGLE_ADD_FAILURES_PER_HOUR = 20;
/** Unknown pairs a user's files may hold, per day. */
export const IMPORT_UNKNOWN_PER_DAY = 200;

const notFoundPair = () =>
  badRequest(
    'establishment_not_found',
    'Ce numéro de SIRET et ce code identifiant ne correspondent à aucun établissement de nos données. Vérifiez-les sur les courriers de votre assureur.',
  );
const alreadyFollowed = () =>
  new AppError(
    'establishment_already_followed',
    409,
    'Cet établissement fait déjà partie des établissements que vous suivez.',
  );
const companyHasAdmin = (companyName: string) =>
  new AppError(
    'establishment_company_has_admin',
    409,
    `La société ${companyName} a déjà un administrateur : demandez-lui de vous donner accès à cet établissement depuis « Mes habilitations ».`,
  );

function windowStart(now: Date, windowMs: number): string {
  return new Date(Math.floor(now.getTime() / windowMs) * windowMs).toISOString();
}

function retryAfter(now: Date, windowMs: number): number {
  return Math.ceil((Date.parse(windowStart(now, windowMs)) + windowMs - now.getTime()) / 1000);
}

function waitMessage(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `${minutes} minute${minutes > 1 ? 's' : ''}`;
  const hours = Math.ceil(minutes / 60);
  return `${hours} heure${hours > 1 ? 's' : ''}`;
}

const singleKey = (userId: string) => `perimeter-add-fail:${userId}`;
const importKey = (userId: string) => `perimeter-import-unknown:${userId}`;

export function listEstablishments(ctx: Ctx, actor: EmployerActor) {
  return listPerimeterEstablishments(ctx.db, actor);
}

// ---------------------------------------------------------------------------------------------
// The rules, for one pair or many

interface Pair {
  siret: string;
  /** Normalised (normalizeEstablishmentIdentifier). */
  identifierKey: string;
}

type Outcome =
  | { kind: 'unknown' }
  | { kind: 'already_followed'; establishment: PerimeterEstablishment }
  | { kind: 'refused'; establishment: PerimeterEstablishment }
  | { kind: 'added'; establishment: PerimeterEstablishment; roleGranted: boolean };

/**
 * Decides each pair and applies the additions, in the caller's transaction. Pairs have distinct
 * SIRETs. `beforeApply` sees the outcomes first and may throw to apply nothing.
 */
async function addToPerimeter(
  trx: Db,
  userId: string,
  pairs: readonly Pair[],
  now: Date,
  beforeApply?: (outcomes: Outcome[]) => void,
): Promise<{ outcomes: Outcome[]; grantedCompanies: Map<string, string> }> {
  const found = await findEstablishmentsBySiret(
    trx,
    pairs.map((p) => p.siret),
  );
  const matched = new Map<string, EstablishmentWithProof>();
  for (const p of pairs) {
    const e = found.get(p.siret);
    if (e && sameIdentifier(e.insurer_identifier, p.identifierKey)) matched.set(p.siret, e);
  }
  const establishments = [...matched.values()];
  const companiesWithoutRole = (grants: Map<string, unknown>) => [
    ...new Set(establishments.filter((e) => !grants.has(e.company_id)).map((e) => e.company_id)),
  ];
  let grants = await loadGrants(trx, userId);
  let newCompanies = companiesWithoutRole(grants);
  let administered = new Set<string>();
  if (newCompanies.length > 0) {
    // Locked, then read again: a concurrent request may have given a role meanwhile.
    await lockCompanies(trx, newCompanies);
    grants = await loadGrants(trx, userId);
    newCompanies = companiesWithoutRole(grants);
    administered = await companiesWithActiveAdmin(trx, newCompanies);
  }
  const followed = await followedAmong(
    trx,
    userId,
    establishments
      .filter((e) => grants.get(e.company_id)?.allEstablishments === false)
      .map((e) => e.id),
  );

  const granted = new Map<string, string>();
  const toFollow: string[] = [];
  const outcomes = pairs.map((p): Outcome => {
    const e = matched.get(p.siret);
    if (!e) return { kind: 'unknown' };
    const establishment = toPerimeterEstablishment(e);
    const grant = grants.get(e.company_id);
    // The first of a company in this batch grants the role; the others join with it.
    const decision = granted.has(e.company_id)
      ? 'become_admin'
      : provenAddition(
          grant && { allEstablishments: grant.allEstablishments, follows: followed.has(e.id) },
          administered.has(e.company_id),
        );
    switch (decision) {
      case 'already_followed':
        return { kind: 'already_followed', establishment };
      case 'refused':
        return { kind: 'refused', establishment };
      case 'follow':
        toFollow.push(e.id);
        return { kind: 'added', establishment, roleGranted: false };
      case 'become_admin':
        granted.set(e.company_id, e.company_name);
        toFollow.push(e.id);
        return { kind: 'added', establishment, roleGranted: true };
    }
  });
  beforeApply?.(outcomes);

  const at = now.toISOString();
  await insertAdminRoles(
    trx,
    [...granted.keys()].map((companyId) => ({ id: newId(), userId, companyId, at })),
  );
  await insertFollowedEstablishments(trx, userId, toFollow, at);
  return { outcomes, grantedCompanies: granted };
}

function sameIdentifier(stored: string, key: string): boolean {
  return stored.replace(/[\s\u200B\uFEFF]+/g, '').toUpperCase() === key;
}

// ---------------------------------------------------------------------------------------------
// One establishment

/** « Ajouter un établissement au périmètre suivi ». */
export async function addEstablishment(
  ctx: Ctx,
  actor: EmployerActor,
  input: { siret: string; identifier: string; meta: RequestMeta },
): Promise<AddEstablishmentResult> {
  const userId = actor.user.id;
  const now = ctx.clock.now();
  const failures = await readCounter(ctx.db, singleKey(userId), windowStart(now, HOUR_MS));
  if (failures >= SINGLE_ADD_FAILURES_PER_HOUR) {
    const seconds = retryAfter(now, HOUR_MS);
    throw tooManyAttempts(
      `Trop de numéros de SIRET ou de codes identifiants incorrects. Réessayez dans ${waitMessage(seconds)}.`,
      seconds,
    );
  }
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    const { outcomes } = await addToPerimeter(
      trx,
      userId,
      [{ siret: input.siret, identifierKey: input.identifier }],
      now,
    );
    const result = outcomes[0] as Outcome;
    if (result.kind !== 'added') return result;
    const audit = {
      actorUserId: userId,
      actorKind: 'employer' as const,
      companyId: result.establishment.company.id,
      ip: input.meta.ip,
      userAgent: input.meta.userAgent,
    };
    if (result.roleGranted) {
      await recordAudit(trx, now, {
        ...audit,
        action: 'perimeter.company_role_granted',
        targetType: 'company',
        targetId: result.establishment.company.id,
        details: { role: 'admin', reason: 'no_active_administrator' },
      });
    }
    await recordAudit(trx, now, {
      ...audit,
      action: 'perimeter.establishment_added',
      targetType: 'establishment',
      targetId: result.establishment.id,
      details: { siret: result.establishment.siret, source: 'form' },
    });
    return result;
  });

  switch (outcome.kind) {
    case 'added':
      return {
        establishment: outcome.establishment,
        roleGranted: outcome.roleGranted ? 'admin' : null,
      };
    case 'already_followed':
      throw alreadyFollowed();
    case 'refused':
      await recordAudit(ctx.db, now, {
        action: 'perimeter.establishment_refused',
        actorUserId: userId,
        actorKind: 'employer',
        companyId: outcome.establishment.company.id,
        targetType: 'establishment',
        targetId: outcome.establishment.id,
        ip: input.meta.ip,
        userAgent: input.meta.userAgent,
        details: { reason: 'company_has_admin' },
      });
      throw companyHasAdmin(outcome.establishment.company.name);
    case 'unknown':
      await addToCounter(ctx.db, singleKey(userId), 1, windowStart(now, HOUR_MS));
      await recordAudit(ctx.db, now, {
        action: 'perimeter.establishment_not_found',
        actorUserId: userId,
        actorKind: 'employer',
        targetType: 'establishment',
        ip: input.meta.ip,
        userAgent: input.meta.userAgent,
        details: { siret: input.siret },
      });
      throw notFoundPair();
  }
}

// ---------------------------------------------------------------------------------------------
// A file of establishments

const STATUS_OF: Record<Outcome['kind'], ImportRow['status']> = {
  added: 'added',
  already_followed: 'already_followed',
  refused: 'refused',
  unknown: 'unknown_identifier',
};

function rowMessage(outcome: Outcome): string {
  switch (outcome.kind) {
    case 'unknown':
      return 'Ce SIRET et ce code identifiant ne correspondent à aucun établissement de nos données';
    case 'already_followed':
      return `Déjà suivi : ${outcome.establishment.name} (${outcome.establishment.company.name})`;
    case 'refused':
      return `La société ${outcome.establishment.company.name} a déjà un administrateur : demandez-lui l’accès à cet établissement`;
    case 'added':
      return outcome.roleGranted
        ? `Ajouté : ${outcome.establishment.name} (vous êtes désormais administrateur de la société ${outcome.establishment.company.name})`
        : `Ajouté : ${outcome.establishment.name} (${outcome.establishment.company.name})`;
  }
}

const IMPORT_REPORT_NAME = 'rapport-import-etablissements.csv';

/** The report's rows: each row of the file, with its own error or what its addition did. */
function reportRows(
  prepared: PreparedRow[],
  candidates: Extract<PreparedRow, { status: null }>[],
  outcomes: Outcome[],
): ImportRow[] {
  const outcomeBySiret = new Map(candidates.map((r, i) => [r.siret, outcomes[i] as Outcome]));
  return prepared.map((r) => {
    if (r.status !== null) {
      return {
        line: r.line,
        siret: r.siret,
        identifier: r.identifier,
        status: r.status,
        message: r.message,
      };
    }
    const outcome = outcomeBySiret.get(r.siret) as Outcome;
    return {
      line: r.line,
      siret: r.siret,
      identifier: r.identifier,
      status: STATUS_OF[outcome.kind],
      message: rowMessage(outcome),
    };
  });
}

async function insertReportFile(
  trx: Db,
  input: {
    reportId: string;
    saved: { storageKey: string; size: number; sha256: string };
    userId: string;
    now: Date;
  },
): Promise<void> {
  await recordStoredFile(trx, {
    id: input.reportId,
    saved: input.saved,
    name: IMPORT_REPORT_NAME,
    mimeType: 'text/csv',
    ownerKind: IMPORT_REPORT_OWNER_KIND,
    ownerId: input.userId,
    at: input.now.toISOString(),
  });
}

/** The audit entries of a file applied: each administrator role granted, then the import. */
async function auditImport(
  trx: Db,
  now: Date,
  input: {
    actor: { userId: string; meta: RequestMeta };
    grantedCompanies: string[];
    outcomes: Outcome[];
    rows: ImportRow[];
    details: Record<string, unknown>;
  },
): Promise<void> {
  const audit = {
    actorUserId: input.actor.userId,
    actorKind: 'employer' as const,
    ip: input.actor.meta.ip,
    userAgent: input.actor.meta.userAgent,
  };
  for (const companyId of input.grantedCompanies) {
    await recordAudit(trx, now, {
      ...audit,
      action: 'perimeter.company_role_granted',
      companyId,
      targetType: 'company',
      targetId: companyId,
      details: { role: 'admin', reason: 'no_active_administrator', source: 'file' },
    });
  }
  const companies = new Set(
    input.outcomes.flatMap((o) => (o.kind === 'added' ? [o.establishment.company.id] : [])),
  );
  await recordAudit(trx, now, {
    ...audit,
    action: 'perimeter.establishments_imported',
    // One company when the file added to one company only.
    companyId: companies.size === 1 ? [...companies][0] : null,
    targetType: 'establishment',
    details: {
      ...input.details,
      refused: input.rows.filter((r) => r.status === 'refused').length,
      invalid: input.rows.filter(
        (r) =>
          isImportRowError(r.status) && r.status !== 'refused' && r.status !== 'unknown_identifier',
      ).length,
    },
  });
}

/** « Ajouter plusieurs établissements (fichier) »: reads, checks and applies a file. */
export async function importEstablishments(
  ctx: Ctx,
  actor: EmployerActor,
  input: { bytes: Buffer; fileName: string | undefined; meta: RequestMeta },
): Promise<ImportReport> {
  const userId = actor.user.id;
  const now = ctx.clock.now();
  const dayWindow = windowStart(now, DAY_MS);
  const unknownSoFar = await readCounter(ctx.db, importKey(userId), dayWindow);
  const tooManyUnknown = () => {
    const seconds = retryAfter(now, DAY_MS);
    return tooManyAttempts(
      `Trop de lignes de vos fichiers ne correspondent à aucun établissement aujourd’hui : aucune ligne de ce fichier n’a été traitée. Vérifiez que la colonne « Code identifiant » contient bien le code identifiant de chaque établissement (et non l’identifiant entreprise), puis réessayez dans ${waitMessage(seconds)}.`,
      seconds,
    );
  };
  if (unknownSoFar >= IMPORT_UNKNOWN_PER_DAY) throw tooManyUnknown();

  const { kind, rows: prepared } = await readImportFile(input.bytes);
  const fileName = cleanFileName(input.fileName, 'fichier');
  const candidates = prepared.filter(
    (r): r is Extract<PreparedRow, { status: null }> => r.status === null,
  );
  const reportId = newId();
  let savedKey: string | null = null;
  let unknownCount = 0;

  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const { outcomes, grantedCompanies } = await addToPerimeter(
        trx,
        userId,
        candidates.map((r) => ({ siret: r.siret, identifierKey: r.identifierKey })),
        now,
        (decided) => {
          unknownCount = decided.filter((o) => o.kind === 'unknown').length;
          if (unknownSoFar + unknownCount > IMPORT_UNKNOWN_PER_DAY) throw tooManyUnknown();
        },
      );
      const rows = reportRows(prepared, candidates, outcomes);
      const summary = summarize(rows);

      const saved = await ctx.storage.save(reportToCsv(rows), {
        originalName: IMPORT_REPORT_NAME,
        mimeType: 'text/csv',
      });
      savedKey = saved.storageKey;
      await insertReportFile(trx, { reportId, saved, userId, now });

      await auditImport(trx, now, {
        actor: { userId, meta: input.meta },
        grantedCompanies: [...grantedCompanies.keys()],
        outcomes,
        rows,
        details: { fileKind: kind, reportId, ...summary, unknown: unknownCount },
      });
      return { reportId, fileName, summary, rows };
    });
  } catch (err) {
    if (savedKey) await ctx.storage.remove(savedKey).catch(() => undefined);
    throw err;
  } finally {
    // Counted whether the file was applied or refused for having too many.
    await addToCounter(ctx.db, importKey(userId), unknownCount, dayWindow);
  }
}

/** The CSV report of an import, for the user who imported the file only. */
export async function getImportReportCsv(
  ctx: Ctx,
  actor: EmployerActor,
  reportId: string,
): Promise<Readable> {
  const missing = () => notFound('Ce rapport d’import est introuvable.');
  const file = await findImportReport(ctx.db, actor.user.id, reportId);
  if (!file) throw missing();
  try {
    return await ctx.storage.openRead(file.storage_key);
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') throw missing();
    throw err;
  }
}
