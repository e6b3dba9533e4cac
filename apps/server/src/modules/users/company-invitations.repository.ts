import type { ExpressionBuilder, Kysely, Selectable } from 'kysely';
import type { CompanyRight, ManagedUser } from '@affilia/shared/schemas/users';
import type { UserStatus } from '@affilia/shared/domain/enums';
import type { CompanyInvitationStatus, CompanyInvitationsTable, Database } from '../../db/schema';
import { companyIdsWith, type EmployerActor } from '../../lib/policies';
import type { UserFilter } from './users.repository';

/**
 * Reads and writes of the invitations of existing accounts (issue 14 #4). An administrator sees
 * the invitations that propose a right on a company they administer, as rows of « Gestion des
 * habilitations » shaped like an invited user: what they typed, never the account's own data.
 */

type Db = Kysely<Database>;
export type CompanyInvitation = Selectable<CompanyInvitationsTable>;

/** Live invitations: the list shows them; accepted and declined ones leave it. */
const LISTED: CompanyInvitationStatus[] = ['pending', 'suspended', 'cancelled'];

/** How a row of the list shows an invitation (the statuses of an invited user). */
const STATUS_OF: Partial<Record<CompanyInvitationStatus, UserStatus>> = {
  pending: 'invited',
  suspended: 'suspended',
  cancelled: 'deactivated',
};
const INVITATION_STATUS_OF: Partial<Record<UserStatus, CompanyInvitationStatus>> = {
  invited: 'pending',
  suspended: 'suspended',
  deactivated: 'cancelled',
};

export async function insertCompanyInvitation(
  db: Db,
  invitation: CompanyInvitation,
  rights: CompanyRight[],
): Promise<void> {
  await db.insertInto('company_invitations').values(invitation).execute();
  await replaceInvitationRights(db, invitation.id, rights);
}

/** Rewrites the rights of the invitation on the companies of `rights` (level « none » removes). */
export async function replaceInvitationRights(
  db: Db,
  invitationId: string,
  rights: CompanyRight[],
): Promise<void> {
  if (rights.length === 0) return;
  await db
    .deleteFrom('company_invitation_rights')
    .where('invitation_id', '=', invitationId)
    .where(
      'company_id',
      'in',
      rights.map((r) => r.companyId),
    )
    .execute();
  const given = rights.filter((r) => r.level !== 'none');
  if (given.length === 0) return;
  await db
    .insertInto('company_invitation_rights')
    .values(
      given.map((r) => ({
        invitation_id: invitationId,
        company_id: r.companyId,
        role: r.level === 'admin' ? ('admin' as const) : ('user' as const),
        establishment_ids: r.establishmentIds ? JSON.stringify(r.establishmentIds) : null,
      })),
    )
    .execute();
}

/** The rights an invitation proposes, by company name. */
export async function findInvitationRights(db: Db, invitationIds: readonly string[]) {
  if (invitationIds.length === 0) return [];
  const rows = await db
    .selectFrom('company_invitation_rights as r')
    .innerJoin('companies as c', 'c.id', 'r.company_id')
    .select(['r.invitation_id', 'r.company_id', 'r.role', 'r.establishment_ids', 'c.name'])
    .where('r.invitation_id', 'in', invitationIds)
    .orderBy('c.name')
    .execute();
  return rows.map((r) => ({
    invitationId: r.invitation_id,
    companyId: r.company_id,
    companyName: r.name,
    role: r.role,
    establishmentIds: r.establishment_ids ? (JSON.parse(r.establishment_ids) as string[]) : null,
  }));
}

export async function findInvitationByTokenHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('company_invitations')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** The invitation `i` proposes a right on one of these companies. */
function proposesRightOn(
  eb: ExpressionBuilder<Database & { i: CompanyInvitationsTable }, 'i'>,
  companyIds: string[],
) {
  return eb.exists(
    eb
      .selectFrom('company_invitation_rights as r')
      .select('r.company_id')
      .whereRef('r.invitation_id', '=', 'i.id')
      .where('r.company_id', 'in', companyIds),
  );
}

/** A live invitation of this account proposing a right on one of these companies. */
export async function findLiveInvitationFor(db: Db, userId: string, companyIds: string[]) {
  if (companyIds.length === 0) return undefined;
  return db
    .selectFrom('company_invitations as i')
    .select('i.id')
    .where('i.user_id', '=', userId)
    .where('i.status', 'in', ['pending', 'suspended'])
    .where((eb) => proposesRightOn(eb, companyIds))
    .executeTakeFirst();
}

/**
 * The invitations proposing a right on a company the actor administers, as rows of the list:
 * only those companies are shown, like the roles of a user.
 */
export async function findManagedInvitations(
  db: Db,
  actor: EmployerActor,
  filter: UserFilter,
): Promise<{ row: CompanyInvitation; view: ManagedUser }[]> {
  const managed = companyIdsWith(actor, 'users.manage');
  const companyIds = filter.companyId ? managed.filter((id) => id === filter.companyId) : managed;
  if (companyIds.length === 0) return [];
  const status = filter.status ? INVITATION_STATUS_OF[filter.status] : undefined;
  if (filter.status && !status) return [];
  let query = db
    .selectFrom('company_invitations as i')
    .selectAll('i')
    .where('i.status', 'in', status ? [status] : LISTED)
    .where((eb) => proposesRightOn(eb, companyIds));
  if (filter.userId) query = query.where('i.id', '=', filter.userId);
  const rows = await query.orderBy('i.last_name').orderBy('i.first_name').limit(1000).execute();
  const words = (filter.q ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5);
  const matching = rows.filter((r) => {
    const text = [r.email, r.last_name, r.first_name, r.third_party_firm ?? '']
      .join(' ')
      .toLowerCase();
    return words.every((w) => text.includes(w));
  });
  const managedSet = new Set(managed);
  const rights = await findInvitationRights(
    db,
    matching.map((r) => r.id),
  );
  return matching.map((row) => ({
    row,
    view: {
      id: row.id,
      lastName: row.last_name,
      firstName: row.first_name,
      email: row.email,
      mobilePhone: row.mobile_phone,
      isThirdParty: row.is_third_party === 1,
      thirdPartyFirm: row.third_party_firm,
      status: STATUS_OF[row.status] ?? 'invited',
      lastSignInAt: null,
      createdAt: row.created_at,
      invitationSentAt: row.sent_at,
      companies: rights
        .filter((r) => r.invitationId === row.id && managedSet.has(r.companyId))
        .map((r) => ({
          companyId: r.companyId,
          companyName: r.companyName,
          role: r.role,
          establishmentIds: r.establishmentIds,
        })),
      hasOtherCompanies: false,
      isSelf: false,
    },
  }));
}

export async function updateCompanyInvitation(
  db: Db,
  id: string,
  set: Partial<Omit<CompanyInvitation, 'id' | 'user_id' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('company_invitations').set(set).where('id', '=', id).execute();
}

export { INVITATION_STATUS_OF };
