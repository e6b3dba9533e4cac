import { describe, expect, it } from 'vitest';
import {
  affiliationsQueryString,
  applyFilters,
  hasFilters,
  pageCount,
  pickFilters,
  rangeLabel,
  toggleSort,
  validateAffiliationsSearch,
} from './affiliations-search';

describe('validateAffiliationsSearch', () => {
  it('keeps the known filters and drops the rest', () => {
    expect(
      validateAffiliationsSearch({
        siren: 732829320,
        establishmentId: ' est-1 ',
        type: 'affiliation',
        status: 'affiliation.started',
        mode: 'mail',
        q: 'dupont',
        from: '2025-02-01',
        to: '2025-02-28',
        unknown: 'x',
      }),
    ).toEqual({
      siren: '732829320',
      establishmentId: 'est-1',
      type: 'affiliation',
      status: 'affiliation.started',
      q: 'dupont',
      from: '2025-02-01',
      to: '2025-02-28',
    });
  });

  it('accepts the statuses of both types, named with their type, and refuses unknown values', () => {
    expect(validateAffiliationsSearch({ status: 'affiliation.validated' })).toEqual({
      status: 'affiliation.validated',
    });
    expect(validateAffiliationsSearch({ type: 'radiation', status: 'radiation.returned' })).toEqual(
      { type: 'radiation', status: 'radiation.returned' },
    );
    expect(validateAffiliationsSearch({ status: 'validated', type: 'departure' })).toEqual({});
  });

  it('drops invalid dates, empty texts and over-long texts', () => {
    expect(
      validateAffiliationsSearch({
        from: '2025-02-30',
        to: '07/02/2025',
        q: '  ',
        siren: 'x'.repeat(21),
      }),
    ).toEqual({});
  });

  it('leaves the defaults out of the address', () => {
    expect(
      validateAffiliationsSearch({
        sort: 'status_changed_at',
        order: 'desc',
        page: 1,
        pageSize: 25,
      }),
    ).toEqual({});
    expect(
      validateAffiliationsSearch({ sort: 'name', order: 'asc', page: '3', pageSize: '50' }),
    ).toEqual({ sort: 'name', order: 'asc', page: 3, pageSize: 50 });
    expect(validateAffiliationsSearch({ page: 0, pageSize: 30 })).toEqual({});
  });
});

describe('filters and query', () => {
  it('applies new filters back on page 1 with the sort kept', () => {
    const current = validateAffiliationsSearch({
      sort: 'name',
      page: 4,
      status: 'affiliation.sent',
    });
    expect(applyFilters(current, { type: 'radiation' })).toEqual({
      sort: 'name',
      type: 'radiation',
    });
  });

  it('picks the filters and tells whether there are some', () => {
    const search = validateAffiliationsSearch({ q: 'martin', page: 2 });
    expect(pickFilters(search)).toEqual({ q: 'martin' });
    expect(hasFilters(search)).toBe(true);
    expect(hasFilters({ page: 2 })).toBe(false);
  });

  it('builds the API query with the defaults', () => {
    expect(affiliationsQueryString({ status: 'affiliation.sent' })).toBe(
      'status=affiliation.sent&sort=status_changed_at&order=desc&page=1&pageSize=25',
    );
  });

  it('toggles the sort', () => {
    expect(toggleSort({}, 'status_changed_at')).toEqual({ order: 'asc' });
    expect(toggleSort({}, 'name')).toEqual({ sort: 'name', order: 'asc' });
    expect(toggleSort({ sort: 'name', order: 'asc', page: 3 }, 'name')).toEqual({ sort: 'name' });
  });

  it('sorts by « Demandée le », newest first, apart from « Dernière mise à jour » (issue 14 #24)', () => {
    expect(toggleSort({ page: 2 }, 'created_at')).toEqual({ sort: 'created_at' });
    expect(toggleSort({ sort: 'created_at' }, 'created_at')).toEqual({
      sort: 'created_at',
      order: 'asc',
    });
    expect(toggleSort({ sort: 'created_at' }, 'status_changed_at')).toEqual({});
    expect(validateAffiliationsSearch({ sort: 'created_at' })).toEqual({ sort: 'created_at' });
    // An address of the former single « Date » column: the default sort.
    expect(validateAffiliationsSearch({ sort: 'date' })).toEqual({});
  });
});

describe('rangeLabel and pageCount', () => {
  it('says how many requests are shown', () => {
    expect(rangeLabel(0, 1, 25)).toBe('Aucune demande');
    expect(rangeLabel(1, 1, 25)).toBe('1 demande');
    expect(rangeLabel(12, 1, 25)).toBe('12 demandes');
    expect(rangeLabel(60, 2, 25)).toBe('26–50 sur 60 demandes');
  });

  it('counts the pages', () => {
    expect(pageCount(0, 25)).toBe(1);
    expect(pageCount(51, 25)).toBe(3);
  });
});
