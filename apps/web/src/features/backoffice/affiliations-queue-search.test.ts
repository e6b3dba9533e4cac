import { describe, expect, it } from 'vitest';
import { validateAffiliationsQueueSearch } from './affiliations-queue-search';

describe('validateAffiliationsQueueSearch', () => {
  it('keeps a known tab other than the default', () => {
    expect(validateAffiliationsQueueSearch({ onglet: 'courriers' })).toEqual({
      onglet: 'courriers',
    });
  });

  it('drops the default tab, an unknown one and other keys', () => {
    expect(validateAffiliationsQueueSearch({ onglet: 'a-valider' })).toEqual({});
    expect(validateAffiliationsQueueSearch({ onglet: 'rien', page: 2 })).toEqual({});
  });
});
