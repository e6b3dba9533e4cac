import { describe, expect, it } from 'vitest';
import { validateStaffSearch } from './staff-search';

describe('« Équipe de l’assureur » address', () => {
  it('keeps a known status and the search, trimmed; drops the rest', () => {
    expect(validateStaffSearch({ status: 'suspended', q: ' martin ', page: 2 })).toEqual({
      status: 'suspended',
      q: 'martin',
    });
    expect(validateStaffSearch({ status: 'autre', q: 'x'.repeat(101) })).toEqual({});
    expect(validateStaffSearch({ q: '   ' })).toEqual({});
  });
});
