/**
 * « Équipe de l'assureur » (SPEC §2, §6): the insurer's staff accounts, managed by back-office
 * administrators (the first one is created from the command line, see staff.cli.ts).
 *
 * Rules (the same as the employer side's « Gestion des habilitations », modules/users):
 * - a new account is « invité » and receives a password-creation link valid 72 hours; the
 *   « Créer mon mot de passe » page and API are the employer's (users/invitation.service.ts);
 * - an address already used by any account (staff or employer) is refused (409 `email_taken`);
 * - the email and the mobile can be changed only while « invité »;
 * - the back office always keeps one active administrator: the last one cannot be demoted,
 *   suspended or deactivated (409 `last_staff_administrator`); nobody suspends or deactivates
 *   themself (409 `self_action`);
 * - suspending or deactivating ends the sessions at once; a permanent deactivation cannot be
 *   undone and keeps the history.
 */
import type { Kysely } from 'kysely';
import { expireLinks } from '../auth/auth.repository';
import type { z } from 'zod';
import type {
  InviteStaffRequestSchema,
  StaffList,
  StaffListQuery,
  StaffMember,
  UpdateStaffRequestSchema,
} from '@affilia/shared/schemas/staff';
import type { StaffRole, UserStatus } from '@affilia/shared/domain/enums';
import type { Database, User } from '../../db/schema';
import type { AuditAction } from '@affilia/shared/domain/audit';
import { recordAudit } from '../../lib/audit';

/** `invited` for `staff.invited`: the staff actions of the audit log. */
type StaffAuditAction<A = AuditAction> = A extends `staff.${infer Name}` ? Name : never;
import type { AppContext } from '../../lib/context';
import { AppError, conflict, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { enqueueEmail } from '../../lib/outbox/outbox';
import type { RequestMeta } from '../../lib/request-meta';
import { assertWithinLimit } from '../auth/throttle';
import { getBranding } from '../settings/settings.service';
import { insertUser, isEmailTaken, updateUser } from '../users/users.repository';
import { endUserAccess, invitationUrl } from '../users/users.service';
import { resendInvitationLink } from '../users/invitation-resend';
import {
  countOtherActiveStaffAdmins,
  findStaff,
  findStaffUser,
  toStaffMember,
} from './staff.repository';

type Ctx = AppContext;
type InviteStaffInput = z.output<typeof InviteStaffRequestSchema>;
type UpdateStaffInput = z.output<typeof UpdateStaffRequestSchema>;

/** Who acts: a signed-in back-office administrator, or the command line (`user: null`). */
export interface StaffActor {
  user: User | null;
  meta: RequestMeta;
}

const CLI_META: RequestMeta = { ip: 'cli', userAgent: 'affilia-cli' };
export const cliActor: StaffActor = { user: null, meta: CLI_META };

const notFoundStaff = () => notFound('Membre de l’équipe introuvable.');

const emailTaken = () =>
  new AppError('email_taken', 409, 'Cette adresse e-mail est déjà utilisée par un autre compte.', {
    email: 'Cette adresse e-mail est déjà utilisée par un autre compte',
  });

function inviterName(actor: StaffActor, brandName: string): string {
  return actor.user ? `${actor.user.first_name} ${actor.user.last_name}` : `L’équipe ${brandName}`;
}

async function audit(
  trx: Kysely<Database>,
  now: Date,
  actor: StaffActor,
  action: StaffAuditAction,
  targetId: string,
  details?: Record<string, unknown>,
) {
  await recordAudit(trx, now, {
    action: `staff.${action}`,
    actorUserId: actor.user?.id ?? null,
    actorKind: actor.user ? 'staff' : 'system',
    targetType: 'user',
    targetId,
    ip: actor.meta.ip,
    userAgent: actor.meta.userAgent,
    ...(details ? { details } : {}),
  });
}

export async function listStaff(
  ctx: Ctx,
  actor: StaffActor,
  filter: StaffListQuery,
): Promise<StaffList> {
  return { items: await findStaff(ctx.db, filter, actor.user?.id ?? null) };
}

async function getStaffMember(ctx: Ctx, actor: StaffActor, id: string): Promise<StaffMember> {
  const user = await findStaffUser(ctx.db, id);
  if (!user) throw notFoundStaff();
  return toStaffMember(user, actor.user?.id ?? null);
}

/** The staff account for a change; permanently deactivated accounts are refused. */
async function loadChangeable(trx: Kysely<Database>, id: string): Promise<User> {
  const user = await findStaffUser(trx, id);
  if (!user) throw notFoundStaff();
  if (user.status === 'deactivated') {
    throw conflict(
      'user_deactivated',
      'Ce compte a été désactivé définitivement : il ne peut plus être modifié.',
    );
  }
  return user;
}

/** The last active back-office administrator keeps their role and their access. */
async function assertNotLastAdmin(trx: Kysely<Database>, user: User, doing: string) {
  if (user.staff_role !== 'admin' || user.status !== 'active') return;
  if ((await countOtherActiveStaffAdmins(trx, user.id)) === 0) {
    throw conflict(
      'last_staff_administrator',
      `Le back-office doit garder au moins un administrateur actif : nommez-en un autre avant de ${doing} celui-ci.`,
    );
  }
}

async function sendInvitation(
  ctx: Ctx,
  trx: Kysely<Database>,
  input: {
    actor: StaffActor;
    user: { id: string; email: string; firstName: string };
    branding: Awaited<ReturnType<typeof getBranding>>;
    now: Date;
  },
): Promise<string> {
  const url = await invitationUrl(ctx, trx, input.user.id, input.now);
  await enqueueEmail(trx, {
    to: input.user.email,
    template: 'staff_invitation',
    data: {
      firstName: input.user.firstName,
      inviterName: inviterName(input.actor, input.branding.brandName),
      url,
      validity: '72 heures',
    },
    branding: input.branding,
    now: input.now,
  });
  return url;
}

/**
 * « Ajouter un membre de l'équipe »: a new staff account (« invité ») and its password-creation
 * link, emailed. The link is also returned for the command line, never to the web.
 */
export async function inviteStaff(
  ctx: Ctx,
  actor: StaffActor,
  input: InviteStaffInput,
): Promise<{ member: StaffMember; url: string }> {
  if (actor.user) await assertWithinLimit(ctx, `staff-invite:${actor.user.id}`, 50, 3600_000);
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const branding = await getBranding(ctx);
  const { userId, url } = await ctx.db.transaction().execute(async (trx) => {
    if (await isEmailTaken(trx, input.email)) throw emailTaken();
    const id = newId();
    await insertUser(trx, {
      id,
      kind: 'staff',
      email: input.email,
      first_name: input.firstName,
      last_name: input.lastName,
      mobile_phone: input.mobilePhone,
      status: 'invited',
      staff_role: input.role,
      is_third_party: 0,
      created_by_user_id: actor.user?.id ?? null,
      created_at: nowIso,
    });
    await audit(trx, now, actor, 'invited', id, {
      role: input.role,
      via: actor.user ? 'backoffice' : 'cli',
    });
    const link = await sendInvitation(ctx, trx, {
      actor,
      user: { id, email: input.email, firstName: input.firstName },
      branding,
      now,
    });
    return { userId: id, url: link };
  });
  ctx.outboxWorker?.wake();
  return { member: await getStaffMember(ctx, actor, userId), url };
}

/** « Modifier »: names and role; email and mobile while « invité » only. */
export async function updateStaff(
  ctx: Ctx,
  actor: StaffActor,
  id: string,
  input: UpdateStaffInput,
): Promise<StaffMember> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const user = await loadChangeable(trx, id);
    const emailChanged = input.email !== undefined && input.email !== user.email;
    const phoneChanged = input.mobilePhone !== undefined && input.mobilePhone !== user.mobile_phone;
    if ((emailChanged || phoneChanged) && user.status !== 'invited') {
      throw conflict(
        'identity_locked',
        'L’adresse e-mail et le téléphone mobile servent à la connexion : seule la personne peut les modifier, depuis son profil.',
      );
    }
    if (emailChanged && (await isEmailTaken(trx, input.email ?? '', id))) throw emailTaken();
    const roleChanged = input.role !== user.staff_role;
    if (roleChanged && input.role !== 'admin') await assertNotLastAdmin(trx, user, 'rétrograder');
    await updateUser(trx, id, {
      first_name: input.firstName,
      last_name: input.lastName,
      staff_role: input.role,
      ...(emailChanged ? { email: input.email } : {}),
      ...(phoneChanged ? { mobile_phone: input.mobilePhone ?? null } : {}),
      updated_at: now.toISOString(),
    });
    if (emailChanged) {
      // The links sent to the old address die; « Renvoyer le lien » sends a new one.
      await expireLinks(trx, id, now);
    }
    const fields = [
      user.last_name !== input.lastName && 'lastName',
      user.first_name !== input.firstName && 'firstName',
      emailChanged && 'email',
      phoneChanged && 'mobilePhone',
    ].filter(Boolean);
    if (fields.length > 0) await audit(trx, now, actor, 'profile_changed', id, { fields });
    if (roleChanged) {
      await audit(trx, now, actor, 'role_changed', id, {
        from: user.staff_role,
        to: input.role satisfies StaffRole,
      });
    }
  });
  return getStaffMember(ctx, actor, id);
}

/** « Renvoyer le lien »: a new password-creation link (the previous ones die). */
export async function resendStaffInvitation(
  ctx: Ctx,
  actor: StaffActor,
  id: string,
): Promise<StaffMember> {
  const user = await findStaffUser(ctx.db, id);
  if (!user) throw notFoundStaff();
  if (user.status !== 'invited') {
    throw conflict(
      'user_not_invited',
      user.status === 'active'
        ? 'Cette personne a déjà créé son mot de passe. Si elle l’a oublié, elle peut utiliser « Mot de passe oublié ».'
        : 'Réactivez ce compte avant d’envoyer un lien.',
    );
  }
  await resendInvitationLink(ctx, id, async (trx, branding, now) => {
    await sendInvitation(ctx, trx, {
      actor,
      user: { id, email: user.email, firstName: user.first_name },
      branding,
      now,
    });
    await audit(trx, now, actor, 'invitation_resent', id);
  });
  return getStaffMember(ctx, actor, id);
}

export type StaffStatusChange = 'suspend' | 'reactivate' | 'deactivate';

/** « Suspendre », « Réactiver », « Désactiver définitivement ». */
export async function changeStaffStatus(
  ctx: Ctx,
  actor: StaffActor,
  id: string,
  change: StaffStatusChange,
): Promise<StaffMember> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const user = await loadChangeable(trx, id);
    if (change !== 'reactivate' && user.id === actor.user?.id) {
      throw conflict(
        'self_action',
        'Vous ne pouvez pas suspendre ni désactiver votre propre compte. Demandez-le à un autre administrateur.',
      );
    }
    let status: UserStatus;
    if (change === 'reactivate') {
      if (user.status !== 'suspended')
        throw conflict('user_not_suspended', 'Ce compte n’est pas suspendu.');
      status = user.password_hash ? 'active' : 'invited';
    } else {
      if (change === 'suspend' && user.status === 'suspended')
        throw conflict('user_suspended', 'Ce compte est déjà suspendu.');
      await assertNotLastAdmin(trx, user, change === 'suspend' ? 'suspendre' : 'désactiver');
      status = change === 'suspend' ? 'suspended' : 'deactivated';
    }
    await updateUser(trx, id, {
      status,
      updated_at: now.toISOString(),
      ...(status === 'deactivated' ? { deactivated_at: now.toISOString() } : {}),
    });
    if (change !== 'reactivate') await endUserAccess(ctx, trx, id, status);
    await audit(
      trx,
      now,
      actor,
      change === 'suspend' ? 'suspended' : change === 'reactivate' ? 'reactivated' : 'deactivated',
      id,
      { from: user.status, to: status },
    );
  });
  return getStaffMember(ctx, actor, id);
}
