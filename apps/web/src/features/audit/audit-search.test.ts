import { describe, expect, it } from 'vitest';
import {
  applyAuditFilters,
  auditApiUrl,
  auditExportUrl,
  auditHref,
  hasAuditFilters,
  validateAuditSearch,
} from './audit-search';

describe('audit search', () => {
  it('keeps the known filters, trims them and drops bad dates and pages', () => {
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
  });

  it('builds the page, API and export addresses', () => {
    const search = { company: '732 829 320', action: 'users.', page: 2 };
    expect(auditHref('/back-office/audit', search)).toBe(
      '/back-office/audit?company=732+829+320&action=users.&page=2',
    );
    expect(auditHref('/back-office/audit', {})).toBe('/back-office/audit');
    expect(auditApiUrl(search, 50)).toBe(
      '/api/backoffice/audit?company=732+829+320&action=users.&page=2&pageSize=50',
    );
    expect(auditExportUrl(search)).toBe(
      '/api/backoffice/audit/export.csv?company=732+829+320&action=users.',
    );
    expect(auditExportUrl({})).toBe('/api/backoffice/audit/export.csv');
  });

  it('starts again at the first page with new filters', () => {
    expect(applyAuditFilters({ actor: 'a@b.fr', to: '2026-03-02' })).toEqual({
      actor: 'a@b.fr',
      to: '2026-03-02',
    });
    expect(hasAuditFilters({ page: 2 })).toBe(false);
    expect(hasAuditFilters({ from: '2026-01-01' })).toBe(true);
  });
});
