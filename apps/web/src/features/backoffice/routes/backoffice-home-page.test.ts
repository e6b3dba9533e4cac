import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import {
  RouterProvider,
  createMemoryHistory,
  createRootRoute,
  createRouter,
} from '@tanstack/react-router';
import type { BackofficeOverview } from '../api/use-backoffice-overview';
import { BackOfficeHomePage } from './backoffice-home-page';

/** « Espace assureur » as the server would render it, with the counts already loaded. */
async function render(overview: BackofficeOverview): Promise<string> {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  client.setQueryData(['backoffice', 'overview'], overview);
  const router = createRouter({
    routeTree: createRootRoute({ component: BackOfficeHomePage }),
    history: createMemoryHistory({ initialEntries: ['/'] }),
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

describe('« Espace assureur »', () => {
  it('shows each work queue with its count and a link', async () => {
    const html = await render({
      affiliationsToValidate: 3,
      paperFormsExpected: 1,
      messagesToAnswer: 2,
      documentsDraft: 0,
    });
    expect(html).toContain('À valider');
    expect(html).toContain('3 demandes d’affiliation finalisées par le salarié');
    expect(html).toContain('Courriers attendus');
    expect(html).toContain('2 conversations nouvelles ou non lues');
    expect(html).toContain('0 document en brouillon');
    expect(html).toContain('href="/back-office/affiliations"');
    expect(html).toContain('href="/back-office/messages"');
    expect(html).not.toContain('Tout est à jour');
  });

  it('says when every queue is empty', async () => {
    const html = await render({
      affiliationsToValidate: 0,
      paperFormsExpected: 0,
      messagesToAnswer: 0,
      documentsDraft: 0,
    });
    expect(html).toContain('Tout est à jour');
  });
});
