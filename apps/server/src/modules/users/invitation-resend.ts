/**
 * « Renvoyer le lien » of an account still « invité », the same for an employer user
 * (users.service.ts) and a staff account (staff/staff.service.ts): five an hour at most per account, the
 * email with its new link and the audit line in one transaction, then the outbox woken.
 */
import type { Branding } from '@affilia/shared/schemas/branding';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { AppContext } from '../../lib/context';
import { assertWithinLimit } from '../auth/throttle';
import { getBranding } from '../settings/settings.service';

export async function resendInvitationLink(
  ctx: AppContext,
  userId: string,
  send: (trx: Kysely<Database>, branding: Branding, now: Date) => Promise<void>,
): Promise<void> {
  await assertWithinLimit(ctx, `invite-resend:${userId}`, 5, 3600_000);
  const now = ctx.clock.now();
  const branding = await getBranding(ctx);
  await ctx.db.transaction().execute((trx) => send(trx, branding, now));
  ctx.outboxWorker?.wake();
}
