/**
 * Authorization of the employer space and of the back office, in one place (ARCHITECTURE.md,
 * habits 3 and 4). Permission names: `@affilia/shared/domain/permissions`. Who may reach a route
 * at all is its scope's (modules/auth/scopes.ts); what they may do there is decided here.
 *
 * Back office: a staff member acts on every company; their role grants back-office permissions
 * (`staffCan`), checked by the back-office scope against the permission a route names.
 *
 * - An employer user holds a role per company (`user_company_roles`). The role grants the
 *   permissions of `@affilia/shared/domain/permissions`.
 * - Their perimeter is the set of establishments they follow: every establishment of a company
 *   whose role has `all_establishments = 1`, otherwise only those listed in `user_establishments`.
 * - A record outside the perimeter answers 404 (its existence is not revealed); an action the role
 *   does not allow on a company of the perimeter answers 403.
 *
 * Services call `authorize()` / `authorizeEstablishment()` before acting, and repositories scope
 * every read with `inPerimeter()` (typed columns) or `companyIdsWith()`. Nothing here reads the
 * database: the actor is loaded by users.repository's `loadEmployerActor`.
 */
import { createHash } from 'node:crypto';
import type { Expression, ExpressionBuilder, SqlBool, StringReference } from 'kysely';
import type { CompanyRole, StaffRole } from '@affilia/shared/domain/enums';
import { roleCan, type Permission } from '@affilia/shared/domain/permissions';
import type { Establishment, User } from '../db/schema';
import { AppError, forbidden, notFound } from './errors';
import type { RequestMeta } from './request-meta';

/** A signed-in member of the insurer's staff: every back-office route's actor. */
export interface StaffActor {
  user: User;
  userId: string;
  role: StaffRole;
  meta: RequestMeta;
}

export function staffActor(user: User, meta: RequestMeta): StaffActor {
  // A staff account always has a role (check constraint of users.staff_role).
  return { user, userId: user.id, role: user.staff_role ?? 'manager', meta };
}

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
  /**
   * The establishments the user follows (`user_establishments`), sorted: their perimeter in the
   * companies where their role is restricted. Empty when no role is.
   */
  followedEstablishmentIds: readonly string[];
}

/**
 * The actor from their roles and followed establishments as stored (read by
 * users.repository's `loadEmployerActor`, once per request).
 */
export function employerActor(
  user: User,
  roles: readonly { company_id: string; role: CompanyRole; all_establishments: number }[],
  followed: readonly string[],
): EmployerActor {
  const sortedRoles = [...roles].sort((a, b) => a.company_id.localeCompare(b.company_id));
  const restricted = sortedRoles.some((r) => r.all_establishments === 0);
  const followedEstablishmentIds = restricted ? [...followed].sort() : [];
  const perimeterKey = createHash('sha256')
    .update(
      JSON.stringify([
        sortedRoles.map((r) => [r.company_id, r.role, r.all_establishments]),
        followedEstablishmentIds,
      ]),
    )
    .digest('base64url');
  return {
    user,
    perimeterKey,
    followedEstablishmentIds,
    grants: new Map(
      sortedRoles.map((r) => [
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
 * The columns that place a row in the perimeter: its establishment and its company, as typed
 * references of the query (`'m.establishment_id'`): a wrong alias or column does not compile.
 */
export interface PerimeterColumns<DB, TB extends keyof DB> {
  establishment: StringReference<DB, TB>;
  company: StringReference<DB, TB>;
}

/**
 * A condition "the row's establishment is in the actor's perimeter for `permission`", to put in
 * the `where` of any query that reads employer data:
 * `.where((eb) => inPerimeter(eb, actor, 'members.view', { establishment: 'm.establishment_id',
 * company: 'm.company_id' }))`: the companies where the role covers every establishment, and in
 * those where it is restricted, the establishments the actor follows. False when the perimeter is
 * empty. Built from Kysely's expressions: no SQL text, no column name as a string.
 */
export function inPerimeter<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  actor: EmployerActor,
  permission: Permission,
  columns: PerimeterColumns<DB, TB>,
): Expression<SqlBool> {
  // References typed by the caller's query; compared here as plain text columns.
  const establishment = eb.ref(columns.establishment) as unknown as Expression<string>;
  const company = eb.ref(columns.company) as unknown as Expression<string>;
  const grants = [...actor.grants.values()].filter((g) => roleCan(g.role, permission));
  const whole = grants.filter((g) => g.allEstablishments).map((g) => g.companyId);
  const restricted = grants.filter((g) => !g.allEstablishments).map((g) => g.companyId);
  const followed = actor.followedEstablishmentIds;
  const parts: Expression<SqlBool>[] = [];
  if (whole.length > 0) parts.push(eb(company, 'in', whole));
  if (restricted.length > 0 && followed.length > 0) {
    parts.push(eb.and([eb(company, 'in', restricted), eb(establishment, 'in', [...followed])]));
  }
  if (parts.length === 0) return eb(eb.lit<number>(1), '=', eb.lit<number>(0));
  return eb.or(parts);
}

/**
 * Checks that the actor may act with `permission` on this establishment (as read by the caller's
 * repository): 404 when it is unknown or outside the perimeter, 403 when the role does not allow
 * the action.
 */
export function authorizeEstablishment(
  actor: EmployerActor,
  permission: Permission,
  establishment: Establishment | undefined,
): Establishment {
  if (!establishment) throw notFound();
  const grant = actor.grants.get(establishment.company_id);
  if (!grant) throw notFound();
  if (!grant.allEstablishments && !actor.followedEstablishmentIds.includes(establishment.id))
    throw notFound();
  authorize(actor, permission, establishment.company_id);
  return establishment;
}

// ---------------------------------------------------------------------------------------------
// Writing rights: nobody grants more than they hold (issue 14 #1)

/** The rights given on one company: a role on every establishment (`null`) or on some. */
export interface RightOnCompany {
  level: CompanyRole | 'none';
  establishmentIds: readonly string[] | null;
}

/** What a person holds on one company now: a role, on every establishment (`null`) or some. */
export interface HeldRight {
  role: CompanyRole;
  establishmentIds: ReadonlySet<string> | null;
}

const ROLE_RANK: Record<CompanyRole, number> = { user: 1, admin: 2 };

const beyondOwnRights = (fields?: Record<string, string>) =>
  new AppError(
    'rights_beyond_own',
    403,
    'Vous ne pouvez pas donner plus d’accès que vous n’en avez : choisissez parmi les établissements que vous suivez.',
    fields,
  );

/**
 * The one rule of every path that writes the rights of another person (« Ajouter un
 * utilisateur », « Modifier les droits », an invitation accepted later): nobody grants more than
 * they hold.
 * - Company level: the grantor administers the company (`users.manage`, else 404) and gives a
 *   role no higher than theirs.
 * - Establishment level: every establishment given is in the grantor's perimeter; « toute la
 *   société » (`null`, which also covers the establishments to come) only when the grantor's own
 *   role covers the whole company.
 * What the person already holds may be kept or narrowed: kept as it is, it is not a grant.
 *
 * Returns the right to write (establishments deduplicated; every establishment chosen one by one
 * by a grantor who covers the whole company is the whole company). Throws 404 for an
 * establishment the grantor does not follow and the person does not hold (its existence is not
 * revealed), 403 `rights_beyond_own` for more than the grantor holds; `field` names the form
 * field of the error.
 */
export function boundGrant(input: {
  grantor: EmployerActor;
  companyId: string;
  /** The establishments of the company in the grantor's perimeter. */
  grantorEstablishmentIds: ReadonlySet<string>;
  held: HeldRight | undefined;
  requested: RightOnCompany;
  field?: string;
}): RightOnCompany {
  const { grantor, companyId, grantorEstablishmentIds: mine, held, requested } = input;
  const grant = authorize(grantor, 'users.manage', companyId);
  if (requested.level === 'none') return { level: 'none', establishmentIds: null };
  const fields = input.field ? { [input.field]: 'Au-delà de vos propres accès' } : undefined;
  const rank = ROLE_RANK[requested.level];
  if (rank > ROLE_RANK[grant.role]) throw beyondOwnRights(fields);
  const heldAtLeast = held !== undefined && ROLE_RANK[held.role] >= rank;
  if (requested.establishmentIds === null) {
    if (grant.allEstablishments) return requested;
    if (heldAtLeast && held.establishmentIds === null) return requested;
    throw beyondOwnRights(fields);
  }
  const ids = [...new Set(requested.establishmentIds)];
  for (const id of ids) {
    if (mine.has(id)) continue;
    const holds = held !== undefined && (held.establishmentIds?.has(id) ?? false);
    if (!holds) throw notFound('Établissement introuvable.');
    if (!heldAtLeast) throw beyondOwnRights(fields);
  }
  const whole =
    grant.allEstablishments && ids.length === mine.size && ids.every((id) => mine.has(id));
  return { level: requested.level, establishmentIds: whole ? null : ids };
}

/** What adding an establishment to one's own perimeter, with its proof, does (SPEC §4.4). */
export type ProvenAddition = 'already_followed' | 'follow' | 'become_admin' | 'refused';

/**
 * Adding an establishment to one's own perimeter with its SIRET and « code identifiant » (one at
 * a time or by file): the proof widens the perimeter within the role already held, never the
 * role. On a company where the person has no role, it makes them its administrator only when the
 * company has no active administrator (like « Activer mon espace »); otherwise it is refused and
 * they ask that administrator.
 */
export function provenAddition(
  held: { allEstablishments: boolean; follows: boolean } | undefined,
  companyHasActiveAdmin: boolean,
): ProvenAddition {
  if (held) return held.allEstablishments || held.follows ? 'already_followed' : 'follow';
  return companyHasActiveAdmin ? 'refused' : 'become_admin';
}
