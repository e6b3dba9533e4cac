import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import type { Me } from '@affilia/shared/schemas/auth';
import { safeRedirect } from '../../lib/safe-redirect';
import { setPendingSecondFactor } from './api/second-factor-state';
import { ME_QUERY_KEY } from '../../lib/use-me';
import type { AuthSpace } from './space';
import { SPACE_PAGES } from './space';

/**
 * Once the session is open: remembers the user, forgets the pending attempt, and opens the page
 * the user was going to (when it is a safe path of the app) or the space's home.
 */
export function useAfterSignIn(space: AuthSpace, redirectTo: string | undefined) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useCallback(
    async (user: Me) => {
      queryClient.setQueryData(ME_QUERY_KEY, user);
      setPendingSecondFactor(queryClient, space, null);
      const home = user.kind === 'staff' ? SPACE_PAGES.backoffice.home : SPACE_PAGES.employer.home;
      await navigate({ href: safeRedirect(redirectTo, home), replace: true });
    },
    [queryClient, navigate, space, redirectTo],
  );
}
