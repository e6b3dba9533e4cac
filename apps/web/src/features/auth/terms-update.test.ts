import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hasPendingTerms } from './api/use-terms-update';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('hasPendingTerms', () => {
  it('asks the server once per user and says whether a new version waits', async () => {
    const fetchMock = vi.fn<typeof fetch>(() =>
      Promise.resolve(
        Response.json({
          terms: {
            id: 't2',
            version: '2026-06',
            title: 'CGU',
            contentMarkdown: 'Texte',
            publishedAt: '2026-06-01T00:00:00.000Z',
          },
        }),
      ),
    );
    vi.stubGlobal('fetch', fetchMock);
    const queryClient = new QueryClient();
    expect(await hasPendingTerms(queryClient, 'u1')).toBe(true);
    expect(await hasPendingTerms(queryClient, 'u1')).toBe(true);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(fetchMock.mock.calls[0]![0]).toBe('/api/auth/terms/pending');

    fetchMock.mockImplementation(() => Promise.resolve(Response.json({ terms: null })));
    expect(await hasPendingTerms(queryClient, 'u2')).toBe(false);
  });
});
