import { describe, expect, it } from 'vitest';
import { validateHomeSearch } from './home-search';

describe('validateHomeSearch', () => {
  it('keeps one company id', () => {
    expect(validateHomeSearch({ companyId: 'c_123' })).toEqual({ companyId: 'c_123' });
    expect(validateHomeSearch({ companyId: 42 })).toEqual({ companyId: '42' });
  });

  it('drops anything else (« Toutes »)', () => {
    expect(validateHomeSearch({})).toEqual({});
    expect(validateHomeSearch({ companyId: '' })).toEqual({});
    expect(validateHomeSearch({ companyId: ['a'] })).toEqual({});
    expect(validateHomeSearch({ companyId: 'x'.repeat(65) })).toEqual({});
    expect(validateHomeSearch({ other: 'y' })).toEqual({});
  });
});
