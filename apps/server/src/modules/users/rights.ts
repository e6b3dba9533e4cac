/**
 * Writing the rights of a person on the companies an administrator manages, for « Ajouter un
 * utilisateur », « Modifier les droits » and an invitation accepted later (issue 14 #1 and #4):
 * checked against what the grantor holds (`boundGrant` in lib/policies.ts), written with the
 * last-administrator rule, and audited.
 */
import type { Kysely } from 'kysely';
import type { CompanyRight } from '@affilia/shared/schemas/users';
import type { Database, User } from '../../db/schema';
import { recordAudit } from '../../lib/audit';
import { badRequest, conflict, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { boundGrant, type EmployerActor, type HeldRight } from '../../lib/policies';
import type { RequestMeta } from '../../lib/request-meta';
import { countActiveAdmins, findManagedCompanies } from './users.repository';

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
  const current = await trx
    .selectFrom('user_company_roles')
    .selectAll()
    .where('user_id', '=', user.id)
    .execute();
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
    await trx
      .deleteFrom('user_establishments')
      .where('user_id', '=', user.id)
      .where('establishment_id', 'in', (eb) =>
        eb.selectFrom('establishments').select('id').where('company_id', '=', right.companyId),
      )
      .execute();
    if (right.level === 'none') {
      if (existing)
        await trx.deleteFrom('user_company_roles').where('id', '=', existing.id).execute();
    } else {
      const allEstablishments = right.establishmentIds === null ? 1 : 0;
      if (existing) {
        await trx
          .updateTable('user_company_roles')
          .set({
            role: right.level,
            all_establishments: allEstablishments,
            granted_by: actor.user.id,
            updated_at: nowIso,
          })
          .where('id', '=', existing.id)
          .execute();
      } else {
        await trx
          .insertInto('user_company_roles')
          .values({
            id: newId(),
            user_id: user.id,
            company_id: right.companyId,
            role: right.level,
            all_establishments: allEstablishments,
            granted_by: actor.user.id,
            created_at: nowIso,
            updated_at: nowIso,
          })
          .execute();
      }
      if (right.establishmentIds && right.establishmentIds.length > 0) {
        await trx
          .insertInto('user_establishments')
          .values(
            right.establishmentIds.map((establishmentId) => ({
              user_id: user.id,
              establishment_id: establishmentId,
              added_by_user_id: actor.user.id,
              created_at: nowIso,
            })),
          )
          .execute();
      }
    }
    if (from !== right.level || right.level !== 'none') {
      changes.push({ companyId: right.companyId, from, to: right.level });
    }
  }
  const remaining = await trx
    .selectFrom('user_company_roles')
    .select('id')
    .where('user_id', '=', user.id)
    .executeTakeFirst();
  if (!remaining) {
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
      action: 'users.rights_changed',
      actorUserId: actor.user.id,
      actorKind: 'employer',
      companyId: change.companyId,
      targetType: 'user',
      targetId: userId,
      ip: meta.ip,
      userAgent: meta.userAgent,
      details: {
        from: change.from,
        to: change.to,
        establishments: right?.establishmentIds?.length ?? 'all',
      },
    });
  }
}
