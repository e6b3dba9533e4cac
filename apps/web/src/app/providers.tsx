// Mantine's global styles only: each component's styles come with the component (the
// `mantineComponentStyles` plugin of vite.config.ts), so a page loads the CSS of what it shows.
import '@mantine/core/styles/baseline.css';
import '@mantine/core/styles/default-css-variables.css';
import '@mantine/core/styles/global.css';
import './global.css';

import type { ReactNode } from 'react';
import { useMemo } from 'react';
import { DirectionProvider, MantineProvider } from '@mantine/core';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { isApiError } from '../lib/api';
import { useBranding, useBrandingReady } from '../lib/branding';
import { NotificationsHost } from './notifications-host';
import { buildTheme, cssVariablesResolver } from './theme';

export interface QueryClientOptions {
  /** Called with every failed query and mutation (the session-expiry watch). */
  onError?: (error: unknown) => void;
}

export function createQueryClient({ onError }: QueryClientOptions = {}): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError: (error) => onError?.(error) }),
    mutationCache: new MutationCache({ onError: (error) => onError?.(error) }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // A 4xx answer will not change by asking again; a network hiccup may.
        retry: (failureCount, error) =>
          failureCount < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500),
      },
      mutations: { retry: false },
    },
  });
}

function ThemedApp({ children }: { children: ReactNode }) {
  const branding = useBranding();
  const ready = useBrandingReady();
  const theme = useMemo(() => buildTheme(branding.primaryColor), [branding.primaryColor]);
  return (
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      defaultColorScheme="light"
      forceColorScheme="light"
    >
      <NotificationsHost />
      {/* One quick call on the same origin: wait for it so the page opens with its own colours. */}
      {ready ? children : null}
    </MantineProvider>
  );
}

export function AppProviders({
  queryClient,
  children,
}: {
  queryClient: QueryClient;
  children: ReactNode;
}) {
  return (
    <QueryClientProvider client={queryClient}>
      {/* The portal is left-to-right. Provided here, the direction's small module sits in the
          entry chunk: otherwise the bundler puts it with floating-ui, and every page with a
          scroll area (a table) would load the popovers' 14 KB for it. */}
      <DirectionProvider initialDirection="ltr" detectDirection={false}>
        <ThemedApp>{children}</ThemedApp>
      </DirectionProvider>
    </QueryClientProvider>
  );
}
