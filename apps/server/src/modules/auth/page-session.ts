/**
 * The signed-in user written into the page itself (plugins/web.ts' page data), so that a page of
 * the employer space or the back office opens without waiting for `GET /api/auth/me` and then
 * `GET /api/auth/terms/pending` — two round trips fewer before the page asks for its own data on
 * a phone (issue 15). The same answers as those two routes, through their schemas (nothing more
 * leaves the server); nothing when nobody is signed in. A page with it is not stored by any cache
 * (`no-store`, plugins/web.ts).
 */
import type { FastifyRequest } from 'fastify';
import { MeSchema } from '@affilia/shared/schemas/auth';
import { PendingTermsSchema } from '@affilia/shared/schemas/content';
import type { AppContext } from '../../lib/context';
import { toMe } from './auth.repository';
import { SESSION_COOKIE } from './cookies';
import { loadSession } from './sessions.service';
import { getTermsToAccept } from './terms.service';

export interface PageSession {
  me: ReturnType<typeof MeSchema.parse>;
  /** The employer's pending terms of use (`GET /api/auth/terms/pending`); null for the staff. */
  pendingTerms: ReturnType<typeof PendingTermsSchema.parse> | null;
}

export async function pageSession(
  ctx: AppContext,
  request: FastifyRequest,
): Promise<PageSession | null> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return null;
  const loaded = await loadSession(ctx, token);
  if (!loaded) return null;
  const me = MeSchema.parse(await toMe(ctx.db, loaded.user));
  const pendingTerms =
    loaded.user.kind === 'employer'
      ? PendingTermsSchema.parse({ terms: await getTermsToAccept(ctx, loaded.user.id) })
      : null;
  return { me, pendingTerms };
}
