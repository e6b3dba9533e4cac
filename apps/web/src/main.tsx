import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from '@tanstack/react-router';
import { AppProviders, createQueryClient } from './app/providers';
import type { AppRouter } from './app/router';
import { createAppRouter } from './app/router';
import { createSessionExpiryHandler } from './app/session-expiry';
import { seedEmbeddedSession } from './features/auth/embedded-session';

// The session-expiry watch needs the router, which needs the query client: wire them in turn.
const routerHolder: { current?: AppRouter } = {};
const queryClient = createQueryClient({
  onError: (error) => sessionExpiry(error),
});
const sessionExpiry = createSessionExpiryHandler(queryClient, () => routerHolder.current);
// The signed-in user written into the page: the space's guard does not wait for the API.
seedEmbeddedSession(queryClient);
const router = createAppRouter(queryClient);
routerHolder.current = router;

const container = document.getElementById('root');
if (!container) throw new Error('Missing #root element in index.html');
const root = createRoot(container);

/*
 * The page asked for is resolved first (its code, named in the HTML, is already on its way; the
 * guards read the user written into the page), then rendered as a transition: React builds the
 * whole first screen at once, in slices of a few milliseconds that leave the browser free in
 * between, where it rendered an empty shell, then the page in one long task when the router
 * settled (hundreds of milliseconds on a phone: Lighthouse's Total Blocking Time, issue 15).
 * Nothing is shown later than before: the first screen waited for the same code.
 */
void router
  .load()
  .catch(() => undefined)
  .then(() => {
    startTransition(() => {
      root.render(
        <StrictMode>
          <AppProviders queryClient={queryClient}>
            <RouterProvider router={router} />
          </AppProviders>
        </StrictMode>,
      );
    });
  });
