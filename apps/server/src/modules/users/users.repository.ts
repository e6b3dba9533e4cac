import type { Insertable, Kysely, Updateable } from 'kysely';
import type { ManagedCompany, ManagedUser } from '@affilia/shared/schemas/users';
import type { UserStatus } from '@affilia/shared/domain/enums';
import type { Permission } from '@affilia/shared/domain/permissions';
import { matchesSearch } from '@affilia/shared/validators/search';
import type { Database, User, UserCompanyRolesTable, UsersTable } from '../../db/schema';
import {
  companyIdsWith,
  employerActor,
  inPerimeter,
  type EmployerActor,
  type HeldRight,
} from '../../lib/policies';
import { compiledOnce } from '../../db/compiled-once';

/**
 * Reads of « Gestion des habilitations », always limited to the companies the administrator
 * manages (`users.manage`): a user without a role there is invisible.
 */

/**
 * The establishments of the actor's perimeter for `permission`, with their company's name and
 * SIREN, by company then establishment name.
 */
export function findPerimeterEstablishments(
  db: Kysely<Database>,
  actor: EmployerActor,
  permission: Permission,
) {
  return db
    .selectFrom('establishments as e')
    .innerJoin('companies as c', 'c.id', 'e.company_id')
    .select(['e.id', 'e.name', 'e.siret', 'e.company_id', 'c.name as company_name', 'c.siren'])
    .where((eb) =>
      inPerimeter(eb, actor, permission, { establishment: 'e.id', company: 'e.company_id' }),
    )
    .orderBy('c.name')
    .orderBy('e.name')
    .execute();
}

/** The companies the actor administers, with the establishments of their perimeter. */
export async function findManagedCompanies(
  db: Kysely<Database>,
  actor: EmployerActor,
): Promise<ManagedCompany[]> {
  const companyIds = companyIdsWith(actor, 'users.manage');
  if (companyIds.length === 0) return [];
  const [companies, establishments] = await Promise.all([
    db
      .selectFrom('companies')
      .select(['id', 'name', 'siren'])
      .where('id', 'in', companyIds)
      .orderBy('name')
      .execute(),
    findPerimeterEstablishments(db, actor, 'users.manage'),
  ]);
  return companies.map((c) => ({
    ...c,
    wholeCompany: actor.grants.get(c.id)?.allEstablishments ?? false,
    establishments: establishments
      .filter((e) => e.company_id === c.id)
      .map((e) => ({ id: e.id, name: e.name, siret: e.siret })),
  }));
}

/** What the user holds on each company now (read again inside a transaction). */
export async function findHeldRights(
  db: Kysely<Database>,
  userId: string,
): Promise<Map<string, HeldRight>> {
  const [roles, followed] = await Promise.all([
    db
      .selectFrom('user_company_roles')
      .select(['company_id', 'role', 'all_establishments'])
      .where('user_id', '=', userId)
      .execute(),
    db
      .selectFrom('user_establishments as ue')
      .innerJoin('establishments as e', 'e.id', 'ue.establishment_id')
      .select(['ue.establishment_id', 'e.company_id'])
      .where('ue.user_id', '=', userId)
      .execute(),
  ]);
  return new Map(
    roles.map((r) => [
      r.company_id,
      {
        role: r.role,
        establishmentIds:
          r.all_establishments === 1
            ? null
            : new Set(
                followed
                  .filter((f) => f.company_id === r.company_id)
                  .map((f) => f.establishment_id),
              ),
      },
    ]),
  );
}

export interface UserFilter {
  companyId?: string;
  status?: UserStatus;
  q?: string;
  userId?: string;
}

/** The users holding a role on the managed companies (with those roles only), by name. */
export async function findManagedUsers(
  db: Kysely<Database>,
  actor: EmployerActor,
  filter: UserFilter,
): Promise<ManagedUser[]> {
  const managed = companyIdsWith(actor, 'users.manage');
  const companyIds = filter.companyId ? managed.filter((id) => id === filter.companyId) : managed;
  if (companyIds.length === 0) return [];
  let query = db
    .selectFrom('users as u')
    .selectAll('u')
    .where('u.kind', '=', 'employer')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_company_roles as r')
          .select('r.id')
          .whereRef('r.user_id', '=', 'u.id')
          .where('r.company_id', 'in', companyIds),
      ),
    );
  if (filter.userId) query = query.where('u.id', '=', filter.userId);
  if (filter.status) query = query.where('u.status', '=', filter.status);
  const rows = await query.orderBy('u.last_name').orderBy('u.first_name').execute();
  // The users of one's companies are few: the text is matched here, by the search rule of every
  // list (@affilia/shared/validators/search), accents ignored.
  const q = filter.q ?? '';
  const users = rows
    .filter((u) => matchesSearch(q, u.last_name, u.first_name, u.email, u.third_party_firm))
    .slice(0, 1000);
  return toManagedUsers(db, actor, managed, users);
}

async function toManagedUsers(
  db: Kysely<Database>,
  actor: EmployerActor,
  managed: string[],
  users: User[],
): Promise<ManagedUser[]> {
  if (users.length === 0) return [];
  const ids = users.map((u) => u.id);
  const [roles, restricted, invitations] = await Promise.all([
    db
      .selectFrom('user_company_roles as r')
      .innerJoin('companies as c', 'c.id', 'r.company_id')
      .select(['r.user_id', 'r.company_id', 'r.role', 'r.all_establishments', 'c.name'])
      .where('r.user_id', 'in', ids)
      .orderBy('c.name')
      .execute(),
    db
      .selectFrom('user_establishments as ue')
      .innerJoin('establishments as e', 'e.id', 'ue.establishment_id')
      .select(['ue.user_id', 'ue.establishment_id', 'e.company_id'])
      .where('ue.user_id', 'in', ids)
      .where('e.company_id', 'in', managed)
      .execute(),
    db
      .selectFrom('action_tokens')
      .select(['user_id', (eb) => eb.fn.max('created_at').as('sent_at')])
      .where('user_id', 'in', ids)
      .where('purpose', '=', 'invitation')
      .groupBy('user_id')
      .execute(),
  ]);
  const managedSet = new Set(managed);
  const sentAt = new Map(invitations.map((i) => [i.user_id, i.sent_at]));
  return users.map((u) => {
    const own = roles.filter((r) => r.user_id === u.id);
    return {
      id: u.id,
      lastName: u.last_name,
      firstName: u.first_name,
      email: u.email,
      mobilePhone: u.mobile_phone,
      isThirdParty: u.is_third_party === 1,
      thirdPartyFirm: u.third_party_firm,
      status: u.status,
      lastSignInAt: u.last_sign_in_at,
      createdAt: u.created_at,
      invitationSentAt: sentAt.get(u.id) ?? null,
      companies: own
        .filter((r) => managedSet.has(r.company_id))
        .map((r) => ({
          companyId: r.company_id,
          companyName: r.name,
          role: r.role,
          establishmentIds:
            r.all_establishments === 1
              ? null
              : restricted
                  .filter((e) => e.user_id === u.id && e.company_id === r.company_id)
                  .map((e) => e.establishment_id),
        })),
      hasOtherCompanies: own.some((r) => !managedSet.has(r.company_id)),
      isSelf: u.id === actor.user.id,
    };
  });
}

/**
 * Active administrators of a company, other than `exceptUserId` when given (the
 * last-administrator rule; « Activer mon espace » for a company that has none).
 */
export async function countActiveAdmins(
  db: Kysely<Database>,
  companyId: string,
  exceptUserId?: string,
): Promise<number> {
  const row = await db
    .selectFrom('user_company_roles as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('r.company_id', '=', companyId)
    .where('r.role', '=', 'admin')
    .where('u.status', '=', 'active')
    .$if(exceptUserId !== undefined, (q) => q.where('u.id', '!=', exceptUserId!))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** What a new account is created with; every other column starts empty. */
export type NewUserFields = Pick<
  Insertable<UsersTable>,
  'id' | 'kind' | 'email' | 'first_name' | 'last_name' | 'status' | 'created_at'
> &
  Partial<Insertable<UsersTable>>;

/** A user's row: no password, phone, second factor or sign-in yet unless `fields` says so. */
export function newUserRow(fields: NewUserFields) {
  return {
    email_verified_at: null,
    password_hash: null,
    password_changed_at: null,
    mobile_phone: null,
    mobile_phone_verified_at: null,
    staff_role: null,
    third_party_firm: null,
    totp_secret_encrypted: null,
    totp_enabled_at: null,
    last_sign_in_at: null,
    last_sign_in_ip: null,
    failed_sign_in_day: null,
    last_failed_sign_in_at: null,
    locked_until: null,
    created_by_user_id: null,
    updated_at: fields.created_at,
    deactivated_at: null,
    ...fields,
  } satisfies Insertable<UsersTable>;
}

export async function insertUser(db: Kysely<Database>, fields: NewUserFields): Promise<void> {
  await db.insertInto('users').values(newUserRow(fields)).execute();
}

/** Writes these columns of the user's row (the caller sets `updated_at`). */
export async function updateUser(
  db: Kysely<Database>,
  userId: string,
  changes: Updateable<UsersTable>,
): Promise<void> {
  await db.updateTable('users').set(changes).where('id', '=', userId).execute();
}

/** Whether an account other than `exceptUserId` already uses this address. */
export async function isEmailTaken(
  db: Kysely<Database>,
  email: string,
  exceptUserId?: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', email)
    .$if(exceptUserId !== undefined, (q) => q.where('id', '!=', exceptUserId!))
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The active employer users with a role in the company who follow the establishment (a role on
 * every establishment, or this one listed), with their role; the caller checks the permission.
 */
export function findUsersFollowing(
  db: Kysely<Database>,
  companyId: string,
  establishmentId: string,
) {
  return db
    .selectFrom('users as u')
    .innerJoin('user_company_roles as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.email', 'u.first_name', 'r.role'])
    .where('u.kind', '=', 'employer')
    .where('u.status', '=', 'active')
    .where('r.company_id', '=', companyId)
    .where((eb) =>
      eb.or([
        eb('r.all_establishments', '=', 1),
        eb.exists(
          eb
            .selectFrom('user_establishments as ue')
            .select('ue.user_id')
            .whereRef('ue.user_id', '=', 'u.id')
            .where('ue.establishment_id', '=', establishmentId),
        ),
      ]),
    )
    .orderBy('u.id')
    .execute();
}

/** The account of any kind that uses this address, if any. */
export function findAccountByEmail(db: Kysely<Database>, email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

/** A user known to exist (just created, or referenced by a row): throws when missing. */
export function loadUser(db: Kysely<Database>, id: string): Promise<User> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** The invited account becomes active with its password; false when it is no longer invited. */
export async function activateInvitedUser(
  db: Kysely<Database>,
  userId: string,
  changes: { passwordHash: string; emailVerifiedAt: string; at: string },
): Promise<boolean> {
  const res = await db
    .updateTable('users')
    .set({
      password_hash: changes.passwordHash,
      password_changed_at: changes.at,
      email_verified_at: changes.emailVerifiedAt,
      status: 'active',
      updated_at: changes.at,
    })
    .where('id', '=', userId)
    .where('status', '=', 'invited')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

// ---------------------------------------------------------------------------------------------
// Roles per company and followed establishments (rights.ts, the first administrator)

export function findCompanyRoles(db: Kysely<Database>, userId: string) {
  return db.selectFrom('user_company_roles').selectAll().where('user_id', '=', userId).execute();
}

/** Whether the user holds a role in one of these companies. */
export async function hasRoleIn(
  db: Kysely<Database>,
  userId: string,
  companyIds: string[],
): Promise<boolean> {
  if (companyIds.length === 0) return false;
  const row = await db
    .selectFrom('user_company_roles')
    .select('id')
    .where('user_id', '=', userId)
    .where('company_id', 'in', companyIds)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertCompanyRole(
  db: Kysely<Database>,
  row: Insertable<UserCompanyRolesTable>,
): Promise<void> {
  await db.insertInto('user_company_roles').values(row).execute();
}

export async function updateCompanyRole(
  db: Kysely<Database>,
  id: string,
  changes: Updateable<UserCompanyRolesTable>,
): Promise<void> {
  await db.updateTable('user_company_roles').set(changes).where('id', '=', id).execute();
}

export async function deleteCompanyRole(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('user_company_roles').where('id', '=', id).execute();
}

/** The user no longer follows any establishment of the company. */
export async function clearFollowedInCompany(
  db: Kysely<Database>,
  userId: string,
  companyId: string,
): Promise<void> {
  await db
    .deleteFrom('user_establishments')
    .where('user_id', '=', userId)
    .where('establishment_id', 'in', (eb) =>
      eb.selectFrom('establishments').select('id').where('company_id', '=', companyId),
    )
    .execute();
}

/** The user follows these establishments (added by `addedBy`). */
export async function insertFollowed(
  db: Kysely<Database>,
  userId: string,
  establishmentIds: readonly string[],
  added: { by: string | null; at: string },
): Promise<void> {
  if (establishmentIds.length === 0) return;
  await db
    .insertInto('user_establishments')
    .values(
      establishmentIds.map((establishmentId) => ({
        user_id: userId,
        establishment_id: establishmentId,
        added_by_user_id: added.by,
        created_at: added.at,
      })),
    )
    .execute();
}

// On every signed-in employer's request: compiled once (db/compiled-once.ts).
const rolesOfUser = compiledOnce(1, (db, userId: string) =>
  db
    .selectFrom('user_company_roles')
    .select(['company_id', 'role', 'all_establishments'])
    .where('user_id', '=', userId),
);

/** The signed-in employer user with their roles and followed establishments (once a request). */
export async function loadEmployerActor(db: Kysely<Database>, user: User): Promise<EmployerActor> {
  const roles = await rolesOfUser(db, user.id);
  const followed = roles.some((r) => r.all_establishments === 0)
    ? await db
        .selectFrom('user_establishments')
        .select('establishment_id')
        .where('user_id', '=', user.id)
        .execute()
    : [];
  return employerActor(
    user,
    roles,
    followed.map((f) => f.establishment_id),
  );
}
