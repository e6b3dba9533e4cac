import type { QueryClient } from '@tanstack/react-query';
import type { PendingTerms } from '@affilia/shared/schemas/content';
import { ME_QUERY_KEY, type Me } from '../../lib/use-me';
import { pendingTermsKey } from './api/use-terms-update';

interface EmbeddedSession {
  me: Me;
  pendingTerms: PendingTerms | null;
}

function isEmbeddedSession(value: unknown): value is EmbeddedSession {
  if (typeof value !== 'object' || value === null) return false;
  const { me, pendingTerms } = value as { me?: unknown; pendingTerms?: unknown };
  if (typeof me !== 'object' || me === null) return false;
  const { id, kind } = me as { id?: unknown; kind?: unknown };
  return (
    typeof id === 'string' &&
    (kind === 'employer' || kind === 'staff') &&
    (pendingTerms === null || (typeof pendingTerms === 'object' && 'terms' in pendingTerms))
  );
}

/**
 * The signed-in user the server wrote into the page (`<script id="affilia-session">`,
 * apps/server/src/modules/auth/page-session.ts) put in the query cache as if `GET /api/auth/me`
 * and `GET /api/auth/terms/pending` had just answered: the spaces' guards (guards.ts) then let
 * the page open at once instead of after two round trips. Nothing without it (signed out, or
 * the Vite dev server): the guards ask the API as before. Checked by hand, not with zod (22 KB on
 * the entry chunk).
 */
export function seedEmbeddedSession(
  queryClient: QueryClient,
  doc: Pick<Document, 'getElementById'> = document,
): void {
  const text = doc.getElementById('affilia-session')?.textContent;
  if (!text) return;
  let session: unknown;
  try {
    session = JSON.parse(text);
  } catch {
    return;
  }
  if (!isEmbeddedSession(session)) return;
  queryClient.setQueryData(ME_QUERY_KEY, session.me);
  if (session.pendingTerms) {
    queryClient.setQueryData(pendingTermsKey(session.me.id), session.pendingTerms);
  }
}
