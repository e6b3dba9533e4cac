/**
 * Authorization of the employer space, in one place (ARCHITECTURE.md, habits 3 and 4).
 *
 * - An employer user holds a role per company (`user_company_roles`). The role grants the
 *   permissions of `@affilia/shared/domain/permissions`.
 * - Their perimeter is the set of establishments they follow: every establishment of a company
 *   whose role has `all_establishments = 1`, otherwise only those listed in `user_establishments`.
 * - A record outside the perimeter answers 404 (its existence is not revealed); an action the role
 *   does not allow on a company of the perimeter answers 403.
 *
 * Services call `authorize()` / `authorizeEstablishment()` before acting, and repositories scope
 * every read with `companyIdsWith()` or `perimeterEstablishmentIds()`.
 */
import { createHash } from 'node:crypto';
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { CompanyRole } from '@affilia/shared/domain/enums';
import { roleCan, type Permission } from '@affilia/shared/domain/permissions';
import type { Database, Establishment, User } from '../db/schema';
import { forbidden, notFound } from './errors';

export interface CompanyGrant {
  companyId: string;
  role: CompanyRole;
  /** False when the role was restricted to some establishments (`user_establishments`). */
  allEstablishments: boolean;
}

/** A signed-in employer user with their roles, loaded once per request. */
export interface EmployerActor {
  user: User;
  grants: ReadonlyMap<string, CompanyGrant>;
  /**
   * Identifies the perimeter (roles and followed establishments): part of the key of every
   * cached figure (lib/figures-cache.ts), so that a change of rights never reads stale figures.
   */
  perimeterKey: string;
}

export async function loadEmployerActor(db: Kysely<Database>, user: User): Promise<EmployerActor> {
  const rows = await db
    .selectFrom('user_company_roles')
    .select(['company_id', 'role', 'all_establishments'])
    .where('user_id', '=', user.id)
    .orderBy('company_id')
    .execute();
  const followed = rows.some((r) => r.all_establishments === 0)
    ? await db
        .selectFrom('user_establishments')
        .select('establishment_id')
        .where('user_id', '=', user.id)
        .orderBy('establishment_id')
        .execute()
    : [];
  const perimeterKey = createHash('sha256')
    .update(
      JSON.stringify([
        rows.map((r) => [r.company_id, r.role, r.all_establishments]),
        followed.map((f) => f.establishment_id),
      ]),
    )
    .digest('base64url');
  return {
    user,
    perimeterKey,
    grants: new Map(
      rows.map((r) => [
        r.company_id,
        { companyId: r.company_id, role: r.role, allEstablishments: r.all_establishments === 1 },
      ]),
    ),
  };
}

/** The ids of the companies where the actor holds `permission`. */
export function companyIdsWith(actor: EmployerActor, permission: Permission): string[] {
  return [...actor.grants.values()]
    .filter((g) => roleCan(g.role, permission))
    .map((g) => g.companyId);
}

/**
 * Checks that the actor may do `permission` on `companyId`: 404 when the company is outside their
 * perimeter, 403 when their role there does not allow it.
 */
export function authorize(
  actor: EmployerActor,
  permission: Permission,
  companyId: string,
): CompanyGrant {
  const grant = actor.grants.get(companyId);
  if (!grant) throw notFound();
  if (!roleCan(grant.role, permission)) throw forbidden();
  return grant;
}

/**
 * A condition "establishment `column` is in the actor's perimeter for `permission`", to put in the
 * `where` of any query that reads employer data. False when the perimeter is empty.
 */
export function inPerimeter(
  actor: EmployerActor,
  permission: Permission,
  establishmentColumn: Expression<string>,
  companyColumn: Expression<string>,
): Expression<SqlBool> {
  const grants = [...actor.grants.values()].filter((g) => roleCan(g.role, permission));
  const whole = grants.filter((g) => g.allEstablishments).map((g) => g.companyId);
  const restricted = grants.filter((g) => !g.allEstablishments).map((g) => g.companyId);
  const parts: Expression<SqlBool>[] = [];
  if (whole.length > 0) parts.push(sql<SqlBool>`${companyColumn} in (${sql.join(whole)})`);
  if (restricted.length > 0) {
    parts.push(
      sql<SqlBool>`(${companyColumn} in (${sql.join(restricted)}) and ${establishmentColumn} in (select ue.establishment_id from user_establishments ue where ue.user_id = ${actor.user.id}))`,
    );
  }
  if (parts.length === 0) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

/** The establishment ids of the actor's perimeter for `permission`, sorted by name. */
export async function perimeterEstablishmentIds(
  db: Kysely<Database>,
  actor: EmployerActor,
  permission: Permission,
): Promise<string[]> {
  const rows = await db
    .selectFrom('establishments as e')
    .select('e.id')
    .where(inPerimeter(actor, permission, sql.ref('e.id'), sql.ref('e.company_id')))
    .orderBy('e.name')
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Loads one establishment the actor may act on with `permission`: 404 when it is unknown or
 * outside the perimeter, 403 when the role does not allow the action.
 */
export async function authorizeEstablishment(
  db: Kysely<Database>,
  actor: EmployerActor,
  permission: Permission,
  establishmentId: string,
): Promise<Establishment> {
  const establishment = await db
    .selectFrom('establishments')
    .selectAll()
    .where('id', '=', establishmentId)
    .executeTakeFirst();
  if (!establishment) throw notFound();
  const grant = actor.grants.get(establishment.company_id);
  if (!grant) throw notFound();
  if (!grant.allEstablishments) {
    const followed = await db
      .selectFrom('user_establishments')
      .select('establishment_id')
      .where('user_id', '=', actor.user.id)
      .where('establishment_id', '=', establishmentId)
      .executeTakeFirst();
    if (!followed) throw notFound();
  }
  authorize(actor, permission, establishment.company_id);
  return establishment;
}
