/**
 * Writing the rights of a person on the companies an administrator manages, for « Ajouter un
 * utilisateur », « Modifier les droits » and an invitation accepted later (issue 14 #1 and #4):
 * checked against what the grantor holds (`boundGrant` in lib/policies.ts), written with the
 * last-administrator rule, and audited.
 */
import type { Kysely } from 'kysely';
import type { CompanyRight } from '@affilia/shared/schemas/users';
import type { Database, User } from '../../db/schema';
import { recordAudit, type AuditEntry } from '../../lib/audit';
import { badRequest, conflict, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { boundGrant, type EmployerActor, type HeldRight } from '../../lib/policies';
import type { RequestMeta } from '../../lib/request-meta';
import {
  clearFollowedInCompany,
  countActiveAdmins,
  deleteCompanyRole,
  findCompanyRoles,
  findManagedCompanies,
  insertCompanyRole,
  insertFollowed,
  updateCompanyRole,
} from './users.repository';

/**
 * Checks each right against what the caller holds (`boundGrant`: nobody grants more than they
 * hold); `held` is what the person holds now, which may be kept.
 */
export async function validateRights(
  db: Kysely<Database>,
  actor: EmployerActor,
  rights: CompanyRight[],
  held: ReadonlyMap<string, HeldRight> = new Map(),
): Promise<CompanyRight[]> {
  const companies = await findManagedCompanies(db, actor);
  const byId = new Map(companies.map((c) => [c.id, c]));
  const seen = new Set<string>();
  return rights.map((right, index) => {
    const company = byId.get(right.companyId);
    if (!company) throw notFound('Société introuvable.');
    if (seen.has(right.companyId))
      throw badRequest('validation_failed', 'Une société figure deux fois dans les droits.');
    seen.add(right.companyId);
    const field = `rights.${index}.establishmentIds`;
    if (right.level !== 'none' && right.establishmentIds?.length === 0) {
      throw badRequest('validation_failed', 'Choisissez au moins un établissement.', {
        [field]: 'Choisissez au moins un établissement',
      });
    }
    const bounded = boundGrant({
      grantor: actor,
      companyId: company.id,
      grantorEstablishmentIds: new Set(company.establishments.map((e) => e.id)),
      held: held.get(company.id),
      requested: right,
      field,
    });
    return {
      companyId: company.id,
      level: bounded.level,
      establishmentIds: bounded.establishmentIds && [...bounded.establishmentIds],
    };
  });
}

/** Applies the rights on the managed companies, with the last-administrator rule. */
export async function applyRights(
  trx: Kysely<Database>,
  input: { actor: EmployerActor; user: User; rights: CompanyRight[]; now: Date },
): Promise<{ companyId: string; from: string; to: string }[]> {
  const { actor, user, rights, now } = input;
  const nowIso = now.toISOString();
  const current = await findCompanyRoles(trx, user.id);
  const changes: { companyId: string; from: string; to: string }[] = [];
  for (const right of rights) {
    const existing = current.find((r) => r.company_id === right.companyId);
    const from = existing?.role ?? 'none';
    const losesAdmin = existing?.role === 'admin' && right.level !== 'admin';
    if (losesAdmin && user.status === 'active') {
      if ((await countActiveAdmins(trx, right.companyId, user.id)) === 0) {
        throw conflict(
          'last_administrator',
          'Cette société doit garder au moins un administrateur actif : nommez-en un autre avant de retirer ce rôle.',
        );
      }
    }
    // The perimeter of this company is rewritten from the request.
    await clearFollowedInCompany(trx, user.id, right.companyId);
    if (right.level === 'none') {
      if (existing) await deleteCompanyRole(trx, existing.id);
    } else {
      const allEstablishments = right.establishmentIds === null ? 1 : 0;
      if (existing) {
        await updateCompanyRole(trx, existing.id, {
          role: right.level,
          all_establishments: allEstablishments,
          granted_by: actor.user.id,
          updated_at: nowIso,
        });
      } else {
        await insertCompanyRole(trx, {
          id: newId(),
          user_id: user.id,
          company_id: right.companyId,
          role: right.level,
          all_establishments: allEstablishments,
          granted_by: actor.user.id,
          created_at: nowIso,
          updated_at: nowIso,
        });
      }
      await insertFollowed(trx, user.id, right.establishmentIds ?? [], {
        by: actor.user.id,
        at: nowIso,
      });
    }
    if (from !== right.level || right.level !== 'none') {
      changes.push({ companyId: right.companyId, from, to: right.level });
    }
  }
  if ((await findCompanyRoles(trx, user.id)).length === 0) {
    throw badRequest(
      'rights_required',
      'Donnez un accès à au moins une société. Pour retirer tous ses accès, désactivez l’utilisateur.',
      { rights: 'Donnez un accès à au moins une société' },
    );
  }
  return changes;
}

export function actorName(actor: EmployerActor): string {
  return `${actor.user.first_name} ${actor.user.last_name}`;
}

/** The audit line of an administrator's action on a user's account (`action` and `details` apart). */
export function userAuditOf(
  actor: EmployerActor,
  meta: RequestMeta,
  userId: string,
  companyId: string | null = null,
): Omit<AuditEntry, 'action'> {
  return {
    actorUserId: actor.user.id,
    actorKind: 'employer',
    companyId,
    targetType: 'user',
    targetId: userId,
    ip: meta.ip,
    userAgent: meta.userAgent,
  };
}

export async function auditRightsChanges(
  trx: Kysely<Database>,
  now: Date,
  actor: EmployerActor,
  userId: string,
  changes: { companyId: string; from: string; to: string }[],
  meta: RequestMeta,
  rights: CompanyRight[],
) {
  for (const change of changes) {
    const right = rights.find((r) => r.companyId === change.companyId);
    await recordAudit(trx, now, {
      ...userAuditOf(actor, meta, userId, change.companyId),
      action: 'users.rights_changed',
      details: {
        from: change.from,
        to: change.to,
        establishments: right?.establishmentIds?.length ?? 'all',
      },
    });
  }
}
