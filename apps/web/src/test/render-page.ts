import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { AnyRoute, RouteComponent } from '@tanstack/react-router';
import {
  RouterProvider,
  createMemoryHistory,
  createRootRoute,
  createRouter,
} from '@tanstack/react-router';

/** What a page's queries answer: their keys and the data already loaded. */
export type LoadedQueries = [key: readonly unknown[], data: unknown][];

/**
 * The HTML the server would send for a page whose queries are already answered: `page` (a
 * component, or a route tree for pages that read their address) at `url`, inside the query
 * client, Mantine and the router.
 */
export async function renderPage(
  page: RouteComponent | AnyRoute,
  data: LoadedQueries,
  url = '/',
): Promise<string> {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  for (const [key, value] of data) client.setQueryData(key, value);
  const router = createRouter({
    routeTree: typeof page === 'function' ? createRootRoute({ component: page }) : page,
    history: createMemoryHistory({ initialEntries: [url] }),
  });
  await router.load();
  return renderToString(
    createElement(
      QueryClientProvider,
      { client },
      createElement(MantineProvider, null, createElement(RouterProvider, { router })),
    ),
  );
}

/**
 * The page's text, tags and styles left out, breaking spaces folded: the non-breaking ones stay
 * (« Mes salariés », 1 000), as a reader sees them.
 */
export function pageText(html: string): string {
  return (
    html
      .replace(/<style[^>]*>.*?<\/style>/gs, '')
      // React's separators between a text and a value: nothing on screen.
      .replace(/<!-- -->/g, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/[ \t\r\n]+/g, ' ')
  );
}
