/**
 * « Mes habilitations / Gestion des habilitations » (SPEC §4.3): an administrator manages who may
 * access the companies where they are administrator.
 *
 * Rules:
 * - only companies where the caller holds `users.manage` are read or changed (others: 404);
 * - one account per person: rights given to an address already known are added to its account;
 * - a company always keeps one active administrator (`last_administrator`);
 * - the email and mobile of a user who has created their password are theirs to change (from
 *   « Mon profil »), never the administrator's: they are the sign-in and the second factor;
 * - suspending or deactivating ends the user's sessions at once; a permanent deactivation cannot
 *   be undone and keeps the history;
 * - an account also used by companies the caller does not administer cannot be suspended by
 *   them: they remove its rights on their companies instead.
 */
import { resendInvitationLink } from './invitation-resend';
import type { Kysely } from 'kysely';
import { expireLinks, findUserById } from '../auth/auth.repository';
import type {
  InviteUserRequestSchema,
  ManagedUser,
  UpdateRightsRequestSchema,
  UpdateUserRequestSchema,
  UserList,
} from '@affilia/shared/schemas/users';
import type { UserStatus } from '@affilia/shared/domain/enums';
import type { z } from 'zod';
import type { Database, User } from '../../db/schema';
import { recordAudit } from '../../lib/audit';
import type { AppContext } from '../../lib/context';
import { AppError, conflict, forbidden, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { enqueueEmail } from '../../lib/outbox/outbox';
import { companyIdsWith, type EmployerActor } from '../../lib/policies';
import { createActionToken } from '../auth/links.service';
import type { RequestMeta } from '../../lib/request-meta';
import { revokeUserSessions } from '../auth/sessions.service';
import { assertWithinLimit } from '../auth/throttle';
import { getBranding } from '../settings/settings.service';
import type { CompanyInvitation } from './company-invitations.repository';
import { findManagedInvitations } from './company-invitations.repository';
import {
  changeCompanyInvitationStatus,
  findManagedInvitation,
  inviteExistingAccount,
  resendCompanyInvitation,
  updateCompanyInvitationProfile,
  updateCompanyInvitationRights,
} from './company-invitations.service';
import { actorName, applyRights, auditRightsChanges, userAuditOf, validateRights } from './rights';
import {
  countActiveAdmins,
  findAccountByEmail,
  findHeldRights,
  findManagedCompanies,
  findManagedUsers,
  insertUser,
  isEmailTaken,
  loadUser,
  updateUser as updateUserRow,
  type UserFilter,
} from './users.repository';

type Ctx = AppContext;
export const INVITATION_TTL_MS = 72 * 3600_000;

type InviteUserInput = z.output<typeof InviteUserRequestSchema>;
type UpdateUserInput = z.output<typeof UpdateUserRequestSchema>;
type UpdateRightsInput = z.output<typeof UpdateRightsRequestSchema>;

/** The caller must administer at least one company (403 otherwise: the role does not allow it). */
function assertAdministrator(actor: EmployerActor): string[] {
  const managed = companyIdsWith(actor, 'users.manage');
  if (managed.length === 0) throw forbidden();
  return managed;
}

export async function listUsers(
  ctx: Ctx,
  actor: EmployerActor,
  filter: Omit<UserFilter, 'userId'>,
): Promise<UserList> {
  assertAdministrator(actor);
  const [users, invitations, companies] = await Promise.all([
    findManagedUsers(ctx.db, actor, filter),
    findManagedInvitations(ctx.db, actor, filter),
    findManagedCompanies(ctx.db, actor),
  ]);
  // An invitation to an existing account is a row « invité » like any other, in name order.
  const byName = (a: ManagedUser, b: ManagedUser) =>
    a.lastName.localeCompare(b.lastName, 'fr') || a.firstName.localeCompare(b.firstName, 'fr');
  const rows =
    invitations.length === 0 ? users : [...users, ...invitations.map((i) => i.view)].sort(byName);
  return { users: rows, companies };
}

/**
 * One row the caller manages: a user holding a role on their companies, or an invitation to an
 * existing account proposing one (`invitation` then set); 404 otherwise.
 */
async function findManaged(
  db: Kysely<Database>,
  actor: EmployerActor,
  id: string,
): Promise<{ view: ManagedUser; invitation?: CompanyInvitation }> {
  assertAdministrator(actor);
  const [user] = await findManagedUsers(db, actor, { userId: id });
  if (user) return { view: user };
  const invited = await findManagedInvitation(db, actor, id);
  if (invited) return { view: invited.view, invitation: invited.row };
  throw notFound('Utilisateur introuvable.');
}

/** One user the caller manages; 404 when they hold no role on the caller's companies. */
export async function getManagedUser(
  db: Kysely<Database>,
  actor: EmployerActor,
  userId: string,
): Promise<ManagedUser> {
  return (await findManaged(db, actor, userId)).view;
}

/**
 * « Ajouter un utilisateur à mon espace entreprise »: a new account (status « invité ») with a
 * password-creation link valid 72 hours. An address that already has an account, whatever it is,
 * gets the same answer and nothing is attached: the person is invited to accept
 * (company-invitations.service.ts).
 */
export async function inviteUser(
  ctx: Ctx,
  actor: EmployerActor,
  input: InviteUserInput,
  meta: RequestMeta,
): Promise<{ user: ManagedUser }> {
  assertAdministrator(actor);
  await assertWithinLimit(ctx, `invite:${actor.user.id}`, 50, 3600_000);
  const rights = await validateRights(ctx.db, actor, input.rights);
  const granted = rights.filter((r) => r.level !== 'none');
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const branding = await getBranding(ctx);

  const result = await ctx.db.transaction().execute(async (trx) => {
    const existing = await findAccountByEmail(trx, input.email);
    if (existing) {
      const id = await inviteExistingAccount(ctx, trx, {
        actor,
        account: existing,
        person: input,
        rights: granted,
        now,
        branding,
        meta,
      });
      return { userId: id };
    }

    const userId = newId();
    await insertUser(trx, {
      id: userId,
      kind: 'employer',
      email: input.email,
      first_name: input.firstName,
      last_name: input.lastName,
      mobile_phone: input.mobilePhone,
      status: 'invited',
      is_third_party: input.isThirdParty ? 1 : 0,
      third_party_firm: input.isThirdParty ? input.thirdPartyFirm : null,
      created_by_user_id: actor.user.id,
      created_at: nowIso,
    });
    const user = await loadUser(trx, userId);
    const changes = await applyRights(trx, { actor, user, rights: granted, now });
    await recordAudit(trx, now, {
      ...userAuditOf(actor, meta, userId, granted[0]?.companyId ?? null),
      action: 'users.invited',
      details: { thirdParty: input.isThirdParty },
    });
    await auditRightsChanges(trx, now, actor, userId, changes, meta, granted);
    await enqueueEmail(trx, {
      to: input.email,
      template: 'invitation',
      data: {
        firstName: input.firstName,
        inviterName: actorName(actor),
        url: await invitationUrl(ctx, trx, userId, now),
        validity: '72 heures',
      },
      branding,
      now,
    });
    return { userId };
  });
  ctx.outboxWorker?.wake();
  return { user: await getManagedUser(ctx.db, actor, result.userId) };
}

/** A new password-creation link (the previous ones die); also used for staff accounts. */
export async function invitationUrl(ctx: Ctx, trx: Kysely<Database>, userId: string, now: Date) {
  await expireLinks(trx, userId, now, 'invitation');
  const token = await createActionToken(trx, now, {
    purpose: 'invitation',
    userId,
    ttlMs: INVITATION_TTL_MS,
  });
  return `${ctx.config.publicUrl}/creer-mot-de-passe/${token}`;
}

/** Loads the user for a change, refusing permanently deactivated accounts. */
async function loadChangeableUser(trx: Kysely<Database>, userId: string): Promise<User> {
  const user = await findUserById(trx, userId);
  if (!user) throw notFound('Utilisateur introuvable.');
  if (user.status === 'deactivated') {
    throw conflict(
      'user_deactivated',
      'Ce compte a été désactivé définitivement : il ne peut plus être modifié.',
    );
  }
  return user;
}

/** « Modifier le profil »: names and third-party flag; email and mobile while « invité » only. */
export async function updateUser(
  ctx: Ctx,
  actor: EmployerActor,
  userId: string,
  input: UpdateUserInput,
  meta: RequestMeta,
): Promise<ManagedUser> {
  const { view: before, invitation } = await findManaged(ctx.db, actor, userId);
  if (invitation) {
    await updateCompanyInvitationProfile(ctx, invitation, input);
    return getManagedUser(ctx.db, actor, userId);
  }
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const user = await loadChangeableUser(trx, userId);
    const emailChanged = input.email !== undefined && input.email !== user.email;
    const phoneChanged = input.mobilePhone !== undefined && input.mobilePhone !== user.mobile_phone;
    if ((emailChanged || phoneChanged) && user.status !== 'invited') {
      throw conflict(
        'identity_locked',
        'L’adresse e-mail et le téléphone mobile servent à la connexion : seul l’utilisateur peut les modifier, depuis son profil.',
      );
    }
    if (emailChanged) {
      if (await isEmailTaken(trx, input.email ?? '')) {
        throw new AppError('email_taken', 409, 'Cette adresse e-mail est déjà utilisée.', {
          email: 'Cette adresse e-mail est déjà utilisée',
        });
      }
    }
    await updateUserRow(trx, userId, {
      last_name: input.lastName,
      first_name: input.firstName,
      is_third_party: input.isThirdParty ? 1 : 0,
      third_party_firm: input.isThirdParty ? input.thirdPartyFirm : null,
      ...(emailChanged ? { email: input.email } : {}),
      ...(phoneChanged ? { mobile_phone: input.mobilePhone } : {}),
      updated_at: now.toISOString(),
    });
    if (emailChanged) {
      // The links sent to the old address die; send a new one with « renvoyer un lien ».
      await expireLinks(trx, userId, now);
    }
    await recordAudit(trx, now, {
      ...userAuditOf(actor, meta, userId, before.companies[0]?.companyId ?? null),
      action: 'users.profile_changed',
      details: {
        fields: [
          user.last_name !== input.lastName && 'lastName',
          user.first_name !== input.firstName && 'firstName',
          (user.is_third_party === 1) !== input.isThirdParty && 'isThirdParty',
          emailChanged && 'email',
          phoneChanged && 'mobilePhone',
        ].filter(Boolean),
      },
    });
  });
  return getManagedUser(ctx.db, actor, userId);
}

/** « Modifier les droits » on the companies the caller administers. */
export async function updateRights(
  ctx: Ctx,
  actor: EmployerActor,
  userId: string,
  input: UpdateRightsInput,
  meta: RequestMeta,
): Promise<ManagedUser> {
  const { invitation } = await findManaged(ctx.db, actor, userId);
  if (invitation) {
    await updateCompanyInvitationRights(ctx, actor, invitation, input.rights);
    return getManagedUser(ctx.db, actor, userId);
  }
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const user = await loadChangeableUser(trx, userId);
    const rights = await validateRights(
      trx,
      actor,
      input.rights,
      await findHeldRights(trx, userId),
    );
    const changes = await applyRights(trx, { actor, user, rights, now });
    await auditRightsChanges(trx, now, actor, userId, changes, meta, rights);
  });
  const [after] = await findManagedUsers(ctx.db, actor, { userId });
  // The caller may have removed the last right this company gave: the user leaves their list.
  if (!after) throw notFound('Utilisateur introuvable.');
  return after;
}

/** « Renvoyer un lien de création de mot de passe » (users who have not created one yet). */
export async function resendInvitation(
  ctx: Ctx,
  actor: EmployerActor,
  userId: string,
  meta: RequestMeta,
): Promise<ManagedUser> {
  const { view: managed, invitation } = await findManaged(ctx.db, actor, userId);
  if (invitation) {
    await resendCompanyInvitation(ctx, actor, invitation, managed);
    return getManagedUser(ctx.db, actor, userId);
  }
  if (managed.status !== 'invited') {
    throw conflict(
      'user_not_invited',
      managed.status === 'active'
        ? 'Cet utilisateur a déjà créé son mot de passe. S’il l’a oublié, il peut utiliser « Mot de passe oublié ».'
        : 'Réactivez cet utilisateur avant de lui envoyer un lien.',
    );
  }
  await resendInvitationLink(ctx, userId, async (trx, branding, now) => {
    await enqueueEmail(trx, {
      to: managed.email,
      template: 'invitation',
      data: {
        firstName: managed.firstName,
        inviterName: actorName(actor),
        url: await invitationUrl(ctx, trx, userId, now),
        validity: '72 heures',
      },
      branding,
      now,
    });
    await recordAudit(trx, now, {
      ...userAuditOf(actor, meta, userId, managed.companies[0]?.companyId ?? null),
      action: 'users.invitation_resent',
    });
  });
  return getManagedUser(ctx.db, actor, userId);
}

type StatusChange = 'suspend' | 'reactivate' | 'deactivate';

/**
 * A suspended or deactivated account (employer or staff): its sessions end at once and its links
 * (password creation, reset) die with the access.
 */
export async function endUserAccess(
  ctx: Pick<Ctx, 'clock'>,
  trx: Kysely<Database>,
  userId: string,
  status: UserStatus,
): Promise<void> {
  await revokeUserSessions({ db: trx, clock: ctx.clock }, userId, `user_${status}`);
  await expireLinks(trx, userId, ctx.clock.now());
}

/**
 * « Désactiver provisoirement » (suspend), « Réactiver », « Désactiver définitivement »: the
 * account's status changes for every company, so the caller must administer all of them.
 */
export async function changeUserStatus(
  ctx: Ctx,
  actor: EmployerActor,
  userId: string,
  change: StatusChange,
  meta: RequestMeta,
): Promise<ManagedUser> {
  const { view: managed, invitation } = await findManaged(ctx.db, actor, userId);
  if (invitation) {
    await changeCompanyInvitationStatus(ctx, invitation, change);
    return getManagedUser(ctx.db, actor, userId);
  }
  if (managed.isSelf) {
    throw conflict(
      'self_action',
      'Vous ne pouvez pas désactiver votre propre accès. Demandez-le à un autre administrateur.',
    );
  }
  if (managed.hasOtherCompanies && change !== 'reactivate') {
    throw conflict(
      'user_has_other_companies',
      'Cet utilisateur accède aussi à d’autres sociétés que les vôtres : retirez-lui ses droits sur vos sociétés au lieu de désactiver son compte.',
    );
  }
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const user = await loadChangeableUser(trx, userId);
    let status: UserStatus;
    if (change === 'reactivate') {
      if (user.status !== 'suspended')
        throw conflict('user_not_suspended', 'Cet utilisateur n’est pas désactivé provisoirement.');
      status = user.password_hash ? 'active' : 'invited';
    } else {
      if (change === 'suspend' && user.status === 'suspended')
        throw conflict('user_suspended', 'Cet utilisateur est déjà désactivé provisoirement.');
      if (user.status === 'active') {
        for (const company of managed.companies.filter((c) => c.role === 'admin')) {
          if ((await countActiveAdmins(trx, company.companyId, userId)) === 0) {
            throw conflict(
              'last_administrator',
              `${company.companyName} doit garder au moins un administrateur actif : nommez-en un autre avant de désactiver celui-ci.`,
            );
          }
        }
      }
      status = change === 'suspend' ? 'suspended' : 'deactivated';
    }
    await updateUserRow(trx, userId, {
      status,
      updated_at: now.toISOString(),
      ...(status === 'deactivated' ? { deactivated_at: now.toISOString() } : {}),
    });
    if (change !== 'reactivate') await endUserAccess(ctx, trx, userId, status);
    for (const company of managed.companies) {
      await recordAudit(trx, now, {
        ...userAuditOf(actor, meta, userId, company.companyId),
        action: `users.${change === 'suspend' ? 'suspended' : change === 'reactivate' ? 'reactivated' : 'deactivated'}`,
        details: { from: user.status, to: status },
      });
    }
  });
  return getManagedUser(ctx.db, actor, userId);
}
