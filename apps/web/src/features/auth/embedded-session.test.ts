import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { ME_QUERY_KEY } from '../../lib/use-me';
import { pendingTermsKey } from './api/use-terms-update';
import { seedEmbeddedSession } from './embedded-session';

const docWith = (text: string | undefined) => ({
  getElementById: (id: string) =>
    id === 'affilia-session' && text !== undefined ? ({ textContent: text } as HTMLElement) : null,
});

const me = { id: 'u1', kind: 'employer', firstName: 'Eugénie', companies: [] };

describe('seedEmbeddedSession', () => {
  it('puts the user and their pending terms in the cache, fresh', () => {
    const client = new QueryClient();
    const terms = { terms: { id: 't', version: '2026-09' } };
    seedEmbeddedSession(client, docWith(JSON.stringify({ me, pendingTerms: terms })));
    expect(client.getQueryData(ME_QUERY_KEY)).toEqual(me);
    expect(client.getQueryData(pendingTermsKey('u1'))).toEqual(terms);
    expect(client.getQueryState(ME_QUERY_KEY)?.isInvalidated).toBe(false);
  });

  it('leaves the cache empty without a block, with a broken one or a wrong shape', () => {
    for (const text of [undefined, '{', JSON.stringify({ me: { id: 1 } }), JSON.stringify(null)]) {
      const client = new QueryClient();
      seedEmbeddedSession(client, docWith(text));
      expect(client.getQueryData(ME_QUERY_KEY), String(text)).toBeUndefined();
    }
  });

  it('a staff member has no terms to accept', () => {
    const client = new QueryClient();
    seedEmbeddedSession(
      client,
      docWith(JSON.stringify({ me: { ...me, kind: 'staff' }, pendingTerms: null })),
    );
    expect(client.getQueryData(ME_QUERY_KEY)).toMatchObject({ kind: 'staff' });
    expect(client.getQueryData(pendingTermsKey('u1'))).toBeUndefined();
  });
});
