import type { QueryClient } from '@tanstack/react-query';
import { isApiError } from '../lib/api';
import type { Me } from '../lib/use-me';
import { ME_QUERY_KEY } from '../lib/use-me';
import { SPACE_PAGES } from '../features/auth/space';
import type { AppRouter } from './router';

/** Whether an error is the API saying that nobody is signed in (any more). */
export function isUnauthenticated(error: unknown): boolean {
  return isApiError(error) && error.status === 401 && error.code === 'unauthenticated';
}

/**
 * Called with every failed query and mutation. When a signed-in user's call answers 401
 * `unauthenticated` (the session ended after 30 minutes idle, 12 hours in all, or from another
 * device), forgets the cached data and opens the sign-in page with « Votre session a expiré,
 * reconnectez-vous. », to come back to the same page afterwards. Someone who was never signed in
 * is left to the layouts' guards.
 */
export function createSessionExpiryHandler(
  queryClient: QueryClient,
  getRouter: () => AppRouter | undefined,
): (error: unknown) => void {
  let handling = false;
  return (error) => {
    if (handling || !isUnauthenticated(error)) return;
    const me = queryClient.getQueryData<Me>(ME_QUERY_KEY);
    const router = getRouter();
    if (!me || !router) return;
    handling = true;
    const pages = SPACE_PAGES[me.kind === 'staff' ? 'backoffice' : 'employer'];
    const clear = () =>
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'branding' });
    router
      .navigate({
        to: pages.signIn,
        search: { notice: 'session_expired', redirect: router.state.location.href },
      })
      .catch(() => undefined)
      .finally(() => {
        clear();
        handling = false;
      });
  };
}
