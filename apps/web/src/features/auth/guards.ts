import type { QueryClient } from '@tanstack/react-query';
import type { ParsedLocation } from '@tanstack/react-router';
import { redirect } from '@tanstack/react-router';
import { paths } from '../../config/paths';
import type { Me } from '../../lib/use-me';
import { loadMe } from '../../lib/use-me';
import { hasPendingTerms } from './api/use-terms-update';

interface GuardArgs {
  context: { queryClient: QueryClient };
  location: ParsedLocation;
}

/**
 * `beforeLoad` of the employer space: an employer account must be signed in. Nobody → the
 * sign-in page, which brings the user back here afterwards; an insurer's staff → the back office.
 */
/** Where to come back after signing in; nothing to say for the space's home. */
function returnTo(location: ParsedLocation, home: string): { redirect?: string } {
  return location.href === home ? {} : { redirect: location.href };
}

/* eslint-disable @typescript-eslint/only-throw-error -- TanStack Router's guards throw its
   redirect objects, which the router catches and follows. */

export async function requireEmployer({ context, location }: GuardArgs): Promise<{ me: Me }> {
  const me = await loadMe(context.queryClient);
  if (!me) throw redirect({ to: paths.signIn, search: returnTo(location, paths.home) });
  if (me.kind !== 'employer') throw redirect({ to: paths.backOffice });
  // A new version of the terms of use: « Conditions d'utilisation mises à jour » first.
  if (await hasPendingTerms(context.queryClient, me.id)) {
    throw redirect({ to: paths.termsUpdate, search: returnTo(location, paths.home) });
  }
  return { me };
}

/** `beforeLoad` of the back office: a staff account must be signed in. */
export async function requireStaff({ context, location }: GuardArgs): Promise<{ me: Me }> {
  const me = await loadMe(context.queryClient);
  if (!me)
    throw redirect({ to: paths.backOfficeSignIn, search: returnTo(location, paths.backOffice) });
  if (me.kind !== 'staff') throw redirect({ to: paths.backOfficeSignIn });
  return { me };
}
