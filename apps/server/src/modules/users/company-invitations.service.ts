/**
 * « Ajouter un utilisateur » with an address that already has an account (issue 14 #4).
 *
 * Nothing is attached to that account, and nothing of it is shown: the administrator gets the
 * same answer as for a new address (a row « invité » made of what they typed), whatever the
 * account is (employer, insurer staff, suspended, deactivated). An employer account that can sign
 * in receives a link; the person opens it, signs in if needed, and accepts or declines. The
 * rights are written on acceptance only, checked again against what the inviting administrator
 * holds then (`boundGrant`: nobody grants more than they hold). The link expires after 72 hours;
 * « Renvoyer » sends a new one.
 */
import type {
  CompanyRight,
  CompanyInvitationView,
  ManagedUser,
} from '@affilia/shared/schemas/users';
import type { Database, User } from '../../db/schema';
import type { Kysely } from 'kysely';
import { recordAudit } from '../../lib/audit';
import type { AppContext } from '../../lib/context';
import { AppError, badRequest, conflict } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { enqueueEmail } from '../../lib/outbox/outbox';
import { companyIdsWith, type EmployerActor } from '../../lib/policies';
import { hashToken, newSecretToken } from '../../lib/tokens';
import type { Branding } from '../../lib/mail/templates';
import type { RequestMeta } from '../../lib/request-meta';
import { assertWithinLimit } from '../auth/throttle';
import { getBranding } from '../settings/settings.service';
import {
  findInvitationByTokenHash,
  findInvitationRights,
  findLiveInvitationFor,
  findManagedInvitations,
  insertCompanyInvitation,
  replaceInvitationRights,
  updateCompanyInvitation,
  type CompanyInvitation,
} from './company-invitations.repository';
import { actorName, applyRights, userAuditOf, validateRights } from './rights';
import {
  findHeldRights,
  findManagedCompanies,
  hasRoleIn,
  loadEmployerActor,
  loadUser,
} from './users.repository';
import { findUserById } from '../auth/auth.repository';

type Ctx = AppContext;
export const COMPANY_INVITATION_TTL_MS = 72 * 3600_000;
const VALIDITY = '72 heures';

export interface TypedPerson {
  lastName: string;
  firstName: string;
  email: string;
  mobilePhone: string;
  isThirdParty: boolean;
  thirdPartyFirm: string | null;
}

/** The invitation, as the administrators of its companies see it; undefined when not theirs. */
export async function findManagedInvitation(
  db: Kysely<Database>,
  actor: EmployerActor,
  id: string,
) {
  const [found] = await findManagedInvitations(db, actor, { userId: id });
  return found;
}

/** Only an employer account that can sign in receives the link; the others never learn of it. */
function canReceive(account: User): boolean {
  return (
    account.kind === 'employer' && (account.status === 'active' || account.status === 'invited')
  );
}

async function sendLink(
  ctx: Ctx,
  trx: Kysely<Database>,
  input: {
    actor: EmployerActor;
    account: User;
    invitationId: string;
    companies: string[];
    now: Date;
    branding: Branding;
  },
): Promise<{ token_hash: string; expires_at: string; sent_at: string }> {
  const token = newSecretToken();
  const link = {
    token_hash: hashToken(token),
    expires_at: new Date(input.now.getTime() + COMPANY_INVITATION_TTL_MS).toISOString(),
    sent_at: input.now.toISOString(),
  };
  if (canReceive(input.account)) {
    await enqueueEmail(trx, {
      to: input.account.email,
      template: 'company_invitation',
      data: {
        firstName: input.account.first_name,
        inviterName: actorName(input.actor),
        companies: input.companies.join(', '),
        url: `${ctx.config.publicUrl}/rejoindre/${token}`,
        validity: VALIDITY,
      },
      branding: input.branding,
      now: input.now,
    });
  }
  return link;
}

/**
 * The address belongs to `account`: an invitation instead of rights. Refused only when the
 * administrator already sees this person in their list (a role or a live invitation on their
 * companies): then nothing is revealed that the list does not show.
 */
export async function inviteExistingAccount(
  ctx: Ctx,
  trx: Kysely<Database>,
  input: {
    actor: EmployerActor;
    account: User;
    person: TypedPerson;
    rights: CompanyRight[];
    now: Date;
    branding: Branding;
    meta: RequestMeta;
  },
): Promise<string> {
  const { actor, account, person, rights, now } = input;
  const managed = companyIdsWith(actor, 'users.manage');
  if (account.kind === 'employer') {
    if (await hasRoleIn(trx, account.id, managed)) {
      throw conflict(
        'user_already_listed',
        'Cette personne a déjà accès à l’une de vos sociétés : modifiez ses droits depuis la liste.',
      );
    }
  }
  if (await findLiveInvitationFor(trx, account.id, managed)) {
    throw conflict(
      'invitation_pending',
      'Une invitation attend déjà la réponse de cette personne : vous pouvez la renvoyer depuis la liste.',
    );
  }
  const id = newId();
  const companyNames = new Map((await findManagedCompanies(trx, actor)).map((c) => [c.id, c.name]));
  const granted = rights.filter((r) => r.level !== 'none');
  const link = await sendLink(ctx, trx, {
    actor,
    account,
    invitationId: id,
    companies: granted.map((r) => companyNames.get(r.companyId) ?? ''),
    now,
    branding: input.branding,
  });
  const nowIso = now.toISOString();
  await insertCompanyInvitation(
    trx,
    {
      id,
      user_id: account.id,
      email: account.email,
      last_name: person.lastName,
      first_name: person.firstName,
      mobile_phone: person.mobilePhone,
      is_third_party: person.isThirdParty ? 1 : 0,
      third_party_firm: person.isThirdParty ? person.thirdPartyFirm : null,
      status: 'pending',
      ...link,
      invited_by_user_id: actor.user.id,
      responded_at: null,
      created_at: nowIso,
      updated_at: nowIso,
    },
    granted,
  );
  for (const right of granted) {
    await recordAudit(trx, now, {
      ...userAuditOf(actor, input.meta, account.id, right.companyId),
      action: 'users.company_invitation_sent',
      details: { invitationId: id, role: right.level, delivered: canReceive(account) },
    });
  }
  return id;
}

/** « Renvoyer l’invitation »: a new link, valid 72 hours (the previous one dies). */
export async function resendCompanyInvitation(
  ctx: Ctx,
  actor: EmployerActor,
  invitation: CompanyInvitation,
  view: ManagedUser,
): Promise<void> {
  if (invitation.status !== 'pending') {
    throw conflict('user_not_invited', 'Réactivez cet utilisateur avant de lui envoyer un lien.');
  }
  await assertWithinLimit(ctx, `invite-resend:${invitation.id}`, 5, 3600_000);
  const now = ctx.clock.now();
  const branding = await getBranding(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const account = await loadUser(trx, invitation.user_id);
    const link = await sendLink(ctx, trx, {
      actor,
      account,
      invitationId: invitation.id,
      companies: view.companies.map((c) => c.companyName),
      now,
      branding,
    });
    await updateCompanyInvitation(trx, invitation.id, { ...link, updated_at: now.toISOString() });
  });
  ctx.outboxWorker?.wake();
}

/** « Modifier les droits » of an invitation: the rights it proposes on the caller's companies. */
export async function updateCompanyInvitationRights(
  ctx: Ctx,
  actor: EmployerActor,
  invitation: CompanyInvitation,
  requested: CompanyRight[],
): Promise<void> {
  if (invitation.status === 'cancelled') {
    throw conflict(
      'user_deactivated',
      'Ce compte a été désactivé définitivement : il ne peut plus être modifié.',
    );
  }
  const rights = await validateRights(ctx.db, actor, requested);
  await ctx.db.transaction().execute(async (trx) => {
    await replaceInvitationRights(trx, invitation.id, rights);
    const left = await findInvitationRights(trx, [invitation.id]);
    if (left.length === 0) {
      throw badRequest(
        'rights_required',
        'Donnez un accès à au moins une société. Pour retirer tous ses accès, désactivez l’utilisateur.',
        { rights: 'Donnez un accès à au moins une société' },
      );
    }
    await updateCompanyInvitation(trx, invitation.id, {
      updated_at: ctx.clock.now().toISOString(),
    });
  });
}

/** « Modifier le profil » of an invitation: what the administrator typed. */
export async function updateCompanyInvitationProfile(
  ctx: Ctx,
  invitation: CompanyInvitation,
  input: Omit<TypedPerson, 'email' | 'mobilePhone'> & { email?: string; mobilePhone?: string },
): Promise<void> {
  if (invitation.status === 'cancelled') {
    throw conflict(
      'user_deactivated',
      'Ce compte a été désactivé définitivement : il ne peut plus être modifié.',
    );
  }
  if (input.email !== undefined && input.email !== invitation.email) {
    throw new AppError(
      'invitation_email_locked',
      409,
      'L’invitation est liée à cette adresse : pour en utiliser une autre, désactivez cet utilisateur et ajoutez-le à nouveau.',
      { email: 'Désactivez cet utilisateur et ajoutez-le à nouveau avec l’autre adresse' },
    );
  }
  await updateCompanyInvitation(ctx.db, invitation.id, {
    last_name: input.lastName,
    first_name: input.firstName,
    is_third_party: input.isThirdParty ? 1 : 0,
    third_party_firm: input.isThirdParty ? input.thirdPartyFirm : null,
    ...(input.mobilePhone !== undefined ? { mobile_phone: input.mobilePhone } : {}),
    updated_at: ctx.clock.now().toISOString(),
  });
}

/** Suspend (the link stops working), reactivate, or deactivate (cancelled for good). */
export async function changeCompanyInvitationStatus(
  ctx: Ctx,
  invitation: CompanyInvitation,
  change: 'suspend' | 'reactivate' | 'deactivate',
): Promise<void> {
  if (invitation.status === 'cancelled') {
    throw conflict(
      'user_deactivated',
      'Ce compte a été désactivé définitivement : il ne peut plus être modifié.',
    );
  }
  if (change === 'reactivate' && invitation.status !== 'suspended')
    throw conflict('user_not_suspended', 'Cet utilisateur n’est pas désactivé provisoirement.');
  if (change === 'suspend' && invitation.status === 'suspended')
    throw conflict('user_suspended', 'Cet utilisateur est déjà désactivé provisoirement.');
  const status =
    change === 'suspend' ? 'suspended' : change === 'reactivate' ? 'pending' : 'cancelled';
  await updateCompanyInvitation(ctx.db, invitation.id, {
    status,
    updated_at: ctx.clock.now().toISOString(),
  });
}

// ---------------------------------------------------------------------------------------------
// The invited person: /rejoindre/:token, signed in

const invalidLink = () =>
  new AppError(
    'link_invalid',
    404,
    'Ce lien d’invitation n’est pas valable pour votre compte. S’il vous a été envoyé à une autre adresse, déconnectez-vous puis connectez-vous avec celle-ci.',
  );

/** The invitation behind a link, for the signed-in person it was sent to only. */
async function findOwnInvitation(
  db: Kysely<Database>,
  actor: EmployerActor,
  token: string,
  now: Date,
) {
  const invitation = await findInvitationByTokenHash(db, hashToken(token));
  if (!invitation || invitation.user_id !== actor.user.id) throw invalidLink();
  if (invitation.status === 'accepted' || invitation.status === 'declined')
    throw new AppError('link_used', 410, 'Vous avez déjà répondu à cette invitation.');
  if (invitation.status !== 'pending') throw invalidLink();
  if (invitation.expires_at <= now.toISOString())
    throw new AppError(
      'link_expired',
      410,
      'Cette invitation a expiré : demandez à la personne qui vous a invité de vous la renvoyer.',
    );
  return invitation;
}

async function inviterName(db: Kysely<Database>, invitation: CompanyInvitation) {
  const inviter = invitation.invited_by_user_id
    ? await findUserById(db, invitation.invited_by_user_id)
    : undefined;
  return inviter ? `${inviter.first_name} ${inviter.last_name}` : 'Un administrateur';
}

export async function getCompanyInvitation(
  ctx: Ctx,
  actor: EmployerActor,
  token: string,
): Promise<CompanyInvitationView> {
  const invitation = await findOwnInvitation(ctx.db, actor, token, ctx.clock.now());
  const rights = await findInvitationRights(ctx.db, [invitation.id]);
  return {
    inviterName: await inviterName(ctx.db, invitation),
    expiresAt: invitation.expires_at,
    companies: rights.map((r) => ({
      name: r.companyName,
      role: r.role,
      establishmentCount: r.establishmentIds?.length ?? null,
    })),
  };
}

const outdated = () =>
  new AppError(
    'invitation_outdated',
    410,
    'Cette invitation n’est plus valable : la personne qui l’a envoyée n’a plus ces accès. Demandez une nouvelle invitation à un administrateur de la société.',
  );

/**
 * « Accepter »: the rights are written now, as the inviting administrator could give them today.
 * A company where the person already holds a role (gained meanwhile) keeps that role.
 */
export async function acceptCompanyInvitation(
  ctx: Ctx,
  actor: EmployerActor,
  token: string,
  meta: RequestMeta,
): Promise<{ status: 'accepted' }> {
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const invitation = await findOwnInvitation(trx, actor, token, now);
    const inviter = invitation.invited_by_user_id
      ? await findUserById(trx, invitation.invited_by_user_id)
      : undefined;
    if (!inviter || inviter.status !== 'active') throw outdated();
    const grantor = await loadEmployerActor(trx, inviter);
    const held = await findHeldRights(trx, actor.user.id);
    const proposed = (await findInvitationRights(trx, [invitation.id])).filter(
      (r) => !held.has(r.companyId),
    );
    let rights: CompanyRight[];
    try {
      rights = await validateRights(
        trx,
        grantor,
        proposed.map((r) => ({
          companyId: r.companyId,
          level: r.role,
          establishmentIds: r.establishmentIds,
        })),
        held,
      );
    } catch (err) {
      if (err instanceof AppError) throw outdated();
      throw err;
    }
    if (rights.length > 0)
      await applyRights(trx, { actor: grantor, user: actor.user, rights, now });
    await updateCompanyInvitation(trx, invitation.id, {
      status: 'accepted',
      responded_at: nowIso,
      updated_at: nowIso,
    });
    for (const right of rights) {
      await recordAudit(trx, now, {
        ...userAuditOf(actor, meta, actor.user.id, right.companyId),
        action: 'users.company_invitation_accepted',
        details: {
          invitationId: invitation.id,
          grantedBy: inviter.id,
          role: right.level,
          establishments: right.establishmentIds?.length ?? 'all',
        },
      });
    }
  });
  return { status: 'accepted' };
}

/** « Refuser »: nothing is written; the administrators see the invitation leave their list. */
export async function declineCompanyInvitation(
  ctx: Ctx,
  actor: EmployerActor,
  token: string,
  meta: RequestMeta,
): Promise<{ status: 'declined' }> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const invitation = await findOwnInvitation(trx, actor, token, now);
    await updateCompanyInvitation(trx, invitation.id, {
      status: 'declined',
      responded_at: now.toISOString(),
      updated_at: now.toISOString(),
    });
    await recordAudit(trx, now, {
      ...userAuditOf(actor, meta, actor.user.id),
      action: 'users.company_invitation_declined',
      details: { invitationId: invitation.id },
    });
  });
  return { status: 'declined' };
}
