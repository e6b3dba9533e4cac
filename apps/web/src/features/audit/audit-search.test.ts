import { describe, expect, it } from 'vitest';
import { auditApiUrl, auditExportUrl, auditList, validateAuditSearch } from './audit-search';

describe('audit search', () => {
  it('keeps the filters within the API’s limits, trimmed, and drops bad dates and pages', () => {
    expect(
      validateAuditSearch({
        actor: ' rh@exemple.fr ',
        company: 732829320,
        action: 'auth.',
        from: '2026-03-01',
        to: '01/03/2026',
        page: 3,
        other: 'x',
      }),
    ).toEqual({
      actor: 'rh@exemple.fr',
      company: '732829320',
      action: 'auth.',
      from: '2026-03-01',
      page: 3,
    });
    expect(validateAuditSearch({ page: 1, actor: '' })).toEqual({});
    expect(validateAuditSearch({ page: 'abc', action: { x: 1 } })).toEqual({});
    // Longer than AuditFiltersSchema allows (64): the API would refuse it, the address drops it.
    expect(validateAuditSearch({ company: 'x'.repeat(65) })).toEqual({});
  });

  it('builds the API and export addresses: one order and one page size, no sort sent', () => {
    const search = validateAuditSearch({ company: '732 829 320', action: 'users.', page: 2 });
    expect(auditApiUrl(search)).toBe(
      '/api/backoffice/audit?company=732+829+320&action=users.&page=2&pageSize=50',
    );
    expect(auditExportUrl(search)).toBe(
      '/api/backoffice/audit/export.csv?company=732+829+320&action=users.',
    );
    expect(auditExportUrl({})).toBe('/api/backoffice/audit/export.csv');
  });

  it('starts again at the first page with new filters', () => {
    const current = validateAuditSearch({ action: 'auth.', page: 4 });
    expect(auditList.applyFilters(current, { actor: 'a@b.fr', to: '2026-03-02' })).toEqual({
      actor: 'a@b.fr',
      to: '2026-03-02',
    });
    expect(auditList.hasFilters({ page: 2 })).toBe(false);
    expect(auditList.hasFilters({ from: '2026-01-01' })).toBe(true);
  });
});
