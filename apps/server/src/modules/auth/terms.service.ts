import type { Terms } from '@affilia/shared/schemas/auth';
import { recordAudit } from '../../lib/audit';
import type { AppContext } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { newId } from '../../lib/ids';
import type { RequestMeta } from '../../lib/request-meta';
import {
  findCurrentTermsAcceptance,
  findCurrentTermsRow,
  hasAcceptedTerms,
  insertTermsAcceptance,
} from './auth.repository';

function toTerms(row: {
  id: string;
  version: string;
  title: string;
  content_markdown: string;
  published_at: string;
}): Terms {
  return {
    id: row.id,
    version: row.version,
    title: row.title,
    contentMarkdown: row.content_markdown,
    publishedAt: row.published_at,
  };
}

/** The latest published version of the terms of use. */
export async function getCurrentTerms(ctx: Pick<AppContext, 'db'>): Promise<Terms | null> {
  const row = await findCurrentTermsRow(ctx.db);
  return row?.published_at ? toTerms({ ...row, published_at: row.published_at }) : null;
}

/**
 * Whether a version of the terms was published since this user's last acceptance. One light
 * query (ids only) on every employer API call: the employer API refuses their calls until they
 * accept it (plugins/auth.ts `requireEmployer`).
 */
export async function hasTermsToAccept(
  ctx: Pick<AppContext, 'db'>,
  userId: string,
): Promise<boolean> {
  const row = await findCurrentTermsAcceptance(ctx.db, userId);
  return row !== undefined && !row.accepted;
}

/** The version in force when this user has not accepted it yet, else null. */
export async function getTermsToAccept(
  ctx: Pick<AppContext, 'db'>,
  userId: string,
): Promise<Terms | null> {
  return (await hasTermsToAccept(ctx, userId)) ? getCurrentTerms(ctx) : null;
}

/** « J'accepte »: records the acceptance of the version in force (idempotent), audited. */
export async function acceptCurrentTerms(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  userId: string,
  termsVersionId: string,
  meta: RequestMeta,
): Promise<void> {
  const current = await getCurrentTerms(ctx);
  if (!current || current.id !== termsVersionId) {
    throw new AppError(
      'terms_outdated',
      409,
      'Les conditions d’utilisation ont changé entre-temps : relisez la nouvelle version.',
    );
  }
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    if (await hasAcceptedTerms(trx, userId, current.id)) return;
    await insertTermsAcceptance(trx, {
      id: newId(),
      user_id: userId,
      terms_version_id: current.id,
      accepted_at: now.toISOString(),
      ip: meta.ip,
      user_agent: meta.userAgent,
    });
    await recordAudit(trx, now, {
      action: 'auth.terms_accepted',
      actorUserId: userId,
      actorKind: 'employer',
      targetType: 'terms',
      targetId: current.id,
      ip: meta.ip,
      userAgent: meta.userAgent,
      details: { termsVersion: current.version },
    });
  });
}
