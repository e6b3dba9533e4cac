import { StrictMode } from 'react';
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

// The first paint waits for the branding (app/providers.tsx): meanwhile, fetch the code of the
// page asked for, instead of after the branding as the router would once rendered.
for (const route of router.getMatchedRoutes(window.location.pathname)[0]) {
  void router.loadRouteChunk(route)?.catch(() => undefined);
}

const container = document.getElementById('root');
if (!container) throw new Error('Missing #root element in index.html');

createRoot(container).render(
  <StrictMode>
    <AppProviders queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>
  </StrictMode>,
);
