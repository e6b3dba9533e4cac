import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './global.css';

import type { ReactNode } from 'react';
import { useMemo } from 'react';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { isApiError } from '../lib/api';
import { useBranding, useBrandingReady } from '../lib/branding';
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
      <Notifications position="top-right" />
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
      <ThemedApp>{children}</ThemedApp>
    </QueryClientProvider>
  );
}
