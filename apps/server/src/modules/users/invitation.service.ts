/**
 * The password-creation link of an invited user (« Ajouter un utilisateur à mon espace
 * entreprise »): valid 72 hours, single use, dead when the user is suspended or deactivated.
 * Creating the password activates the account; the first sign-in then asks for an SMS code.
 */
import { loadPasswordEvaluator } from '@affilia/shared/domain/password-policy';
import { recordAudit } from '../../lib/audit';
import type { AppContext } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { hashPassword } from '../../lib/passwords';
import { findUserById } from '../auth/auth.repository';
import { insertTermsAcceptance, useToken } from '../auth/auth.repository';
import { activateInvitedUser } from './users.repository';
import { findLiveToken } from '../auth/links.service';
import type { RequestMeta } from '../../lib/request-meta';
import { getCurrentTerms } from '../auth/terms.service';

type Ctx = AppContext;

const invalidLink = () =>
  new AppError(
    'link_invalid',
    404,
    'Ce lien n’est pas valide. Vérifiez que vous avez copié l’adresse en entier.',
  );

async function findInvitedUser(ctx: Ctx, token: string, now: Date) {
  const row = await findLiveToken(ctx.db, now, 'invitation', token);
  const user = await findUserById(ctx.db, row.user_id);
  if (!user || user.status !== 'invited') throw invalidLink();
  return { row, user };
}

export async function checkInvitation(ctx: Ctx, token: string) {
  const { user } = await findInvitedUser(ctx, token, ctx.clock.now());
  const terms = await getCurrentTerms(ctx);
  return {
    email: user.email,
    firstName: user.first_name,
    termsVersionId: terms?.id ?? null,
    kind: user.kind,
  };
}

export async function acceptInvitation(
  ctx: Ctx,
  input: { token: string; password: string; termsVersionId: string | null; meta: RequestMeta },
): Promise<{ email: string }> {
  const now = ctx.clock.now();
  const { row, user } = await findInvitedUser(ctx, input.token, now);
  const terms = await getCurrentTerms(ctx);
  // The first back-office administrator of a new deployment comes before any published terms.
  const termsWaived = !terms && user.kind === 'staff' && input.termsVersionId === null;
  if (!termsWaived && (!terms || terms.id !== input.termsVersionId)) {
    throw new AppError(
      'terms_outdated',
      409,
      'Les conditions générales ont changé : relisez-les et acceptez la nouvelle version.',
    );
  }
  const evaluatePassword = await loadPasswordEvaluator();
  const evaluation = evaluatePassword(input.password, [
    user.first_name,
    user.last_name,
    user.email,
  ]);
  if (!evaluation.ok) {
    throw new AppError('password_weak', 400, evaluation.error ?? 'Mot de passe trop faible.', {
      password: evaluation.error ?? 'Mot de passe trop faible',
    });
  }
  const passwordHash = await hashPassword(input.password);
  const nowIso = now.toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await useToken(trx, row.id, now)))
      throw new AppError('link_used', 410, 'Ce lien a déjà été utilisé.');
    const activated = await activateInvitedUser(trx, user.id, {
      passwordHash,
      // The link was opened from the mailbox: the address is proven.
      emailVerifiedAt: user.email_verified_at ?? nowIso,
      at: nowIso,
    });
    if (!activated) throw invalidLink();
    if (terms) {
      await insertTermsAcceptance(trx, {
        id: newId(),
        user_id: user.id,
        terms_version_id: terms.id,
        accepted_at: nowIso,
        ip: input.meta.ip,
        user_agent: input.meta.userAgent,
      });
    }
    await recordAudit(trx, now, {
      action: 'users.invitation_accepted',
      actorUserId: user.id,
      actorKind: user.kind,
      targetType: 'user',
      targetId: user.id,
      ip: input.meta.ip,
      userAgent: input.meta.userAgent,
      details: { termsVersion: terms?.version ?? null },
    });
  });
  return { email: user.email };
}
