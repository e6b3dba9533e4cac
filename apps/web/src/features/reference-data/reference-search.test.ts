import { describe, expect, it } from 'vitest';
import { referenceList, referenceView, validateReferenceSearch } from './reference-search';

describe('« Référentiel » address', () => {
  it('keeps a known tab, the search, the company and the page; drops the rest', () => {
    expect(
      validateReferenceSearch({ tab: 'assures', q: ' dupont ', companyId: 'c1', page: 2, x: 1 }),
    ).toEqual({ tab: 'assures', q: 'dupont', companyId: 'c1', page: 2 });
    expect(validateReferenceSearch({ tab: 'autre', q: 'x'.repeat(101), page: 0 })).toEqual({});
  });

  it('never narrows « Entreprises » to a company', () => {
    expect(referenceView(validateReferenceSearch({ companyId: 'c1' }))).toEqual({
      tab: 'entreprises',
      companyId: undefined,
    });
    expect(referenceView({ tab: 'contrats', companyId: 'c1' })).toEqual({
      tab: 'contrats',
      companyId: 'c1',
    });
  });

  it('a new search goes back to page 1', () => {
    expect(
      referenceList.applyFilters({ tab: 'contrats', page: 3 }, { tab: 'contrats', q: 'A' }),
    ).toEqual({
      tab: 'contrats',
      q: 'A',
    });
  });
});
