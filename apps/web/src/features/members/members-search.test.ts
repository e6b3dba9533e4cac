import { describe, expect, it } from 'vitest';
import {
  applyFilters,
  hasFilters,
  listSettings,
  membersExportUrl,
  membersQueryString,
  pageCount,
  pickFilters,
  rangeLabel,
  resultsHeading,
  toggleSort,
  validateMembersSearch,
} from './members-search';

describe('validateMembersSearch', () => {
  it('keeps every filter, the sort and the page of a shared address', () => {
    const search = {
      siren: '732829320',
      siret: '73282932000074',
      establishmentId: 'est_1',
      contractStatus: 'current',
      professionalStatus: 'non_cadre',
      contractId: 'ctr_1',
      q: 'dupont jean',
      sort: 'effective_date',
      order: 'desc',
      page: 3,
      pageSize: 100,
    };
    expect(validateMembersSearch(search)).toEqual(search);
  });

  it('takes back as text what the router read as a number', () => {
    expect(validateMembersSearch({ siren: 732829320, siret: 73282932000074, q: 184 })).toEqual({
      siren: '732829320',
      siret: '73282932000074',
      q: '184',
    });
    expect(validateMembersSearch({ page: '2', pageSize: '25' })).toEqual({
      page: 2,
      pageSize: 25,
    });
  });

  it('drops unknown values, defaults and blanks', () => {
    expect(
      validateMembersSearch({
        siren: '  ',
        contractStatus: 'expired',
        professionalStatus: 'CADRE',
        sort: 'nir',
        order: 'up',
        page: 0,
        pageSize: 30,
        other: 'x',
      }),
    ).toEqual({});
    expect(validateMembersSearch({ sort: 'name', order: 'asc', page: 1, pageSize: 50 })).toEqual(
      {},
    );
    expect(validateMembersSearch({ page: 1.5 })).toEqual({});
    expect(validateMembersSearch({ page: 100_001 })).toEqual({});
    expect(validateMembersSearch({ q: 'x'.repeat(101) })).toEqual({});
    expect(validateMembersSearch({ q: '  Dupont ' })).toEqual({ q: 'Dupont' });
  });
});

describe('the list state', () => {
  it('applies the form: its filters, the same sort and page size, back to page 1', () => {
    const current = validateMembersSearch({
      q: 'martin',
      sort: 'end_date',
      order: 'desc',
      page: 4,
      pageSize: 25,
    });
    expect(
      applyFilters(current, { professionalStatus: 'non_cadre', establishmentId: 'e1' }),
    ).toEqual({
      professionalStatus: 'non_cadre',
      establishmentId: 'e1',
      sort: 'end_date',
      order: 'desc',
      pageSize: 25,
    });
    expect(applyFilters(current, {})).toEqual({ sort: 'end_date', order: 'desc', pageSize: 25 });
  });

  it('sorts by a column, then reverses it; back to page 1', () => {
    const byName = toggleSort({ page: 3, q: 'a' }, 'name');
    expect(byName).toEqual({ q: 'a', order: 'desc' });
    expect(toggleSort(byName, 'name')).toEqual({ q: 'a' });
    expect(toggleSort(byName, 'establishment')).toEqual({ q: 'a', sort: 'establishment' });
    expect(toggleSort({ sort: 'end_date' }, 'end_date')).toEqual({
      sort: 'end_date',
      order: 'desc',
    });
  });

  it('tells the filters apart from the rest', () => {
    const search = validateMembersSearch({ siren: '1', page: 2, sort: 'end_date' });
    expect(pickFilters(search)).toEqual({ siren: '1' });
    expect(hasFilters(search)).toBe(true);
    expect(hasFilters({ page: 2, sort: 'end_date' })).toBe(false);
    expect(listSettings({})).toEqual({ sort: 'name', order: 'asc', page: 1, pageSize: 50 });
  });
});

describe('API addresses', () => {
  it('asks the API for the page with every setting', () => {
    expect(membersQueryString({ professionalStatus: 'cadre', q: '1 84 12' })).toBe(
      'professionalStatus=cadre&q=1+84+12&sort=name&order=asc&page=1&pageSize=50',
    );
  });

  it('exports the filtered list in the same order, without the page', () => {
    expect(
      membersExportUrl({ establishmentId: 'e1', sort: 'end_date', order: 'desc', page: 3 }, 'csv'),
    ).toBe('/api/members/export?format=csv&establishmentId=e1&sort=end_date&order=desc');
    expect(membersExportUrl({}, 'xlsx')).toBe(
      '/api/members/export?format=xlsx&sort=name&order=asc',
    );
  });
});

describe('counts', () => {
  it('says which rows are shown', () => {
    expect(rangeLabel(0, 1, 50)).toBe('Aucun salarié');
    expect(rangeLabel(1, 1, 50)).toBe('1 salarié');
    expect(rangeLabel(30, 1, 50)).toBe('30 salariés');
    expect(rangeLabel(100_000, 1, 50)).toBe('1–50 sur 100\u202f000 salariés');
    expect(rangeLabel(120, 3, 50)).toBe('101–120 sur 120 salariés');
    expect(rangeLabel(120, 9, 50)).toBe('120 salariés');
  });

  it('counts the pages', () => {
    expect(pageCount(0, 50)).toBe(1);
    expect(pageCount(50, 50)).toBe(1);
    expect(pageCount(51, 50)).toBe(2);
    expect(pageCount(100_000_000, 25)).toBe(100_000);
  });
});

describe('resultsHeading', () => {
  it('says which members the list and its total count (issue 14 #23)', () => {
    expect(resultsHeading(undefined)).toEqual({
      title: 'Salariés affiliés',
      scope: 'Tous, quel que soit le statut du contrat : en cours, à venir ou terminé.',
    });
    expect(resultsHeading('current')).toEqual({
      title: 'Salariés couverts aujourd’hui',
      scope: 'Statut du contrat « En cours » : le total de la page d’accueil.',
    });
    expect(resultsHeading('upcoming').title).toBe('Salariés dont la couverture est à venir');
    expect(resultsHeading('ended').title).toBe('Salariés dont la couverture est terminée');
  });

  it('names the « En portabilité » list (issue 18)', () => {
    expect(resultsHeading(undefined, 'active').title).toBe('Anciens salariés en portabilité');
    expect(resultsHeading('ended', 'active').title).toBe('Anciens salariés en portabilité');
  });
});

describe('« En portabilité » (issue 18)', () => {
  it('keeps portability=active in the address and the API query, drops anything else', () => {
    expect(validateMembersSearch({ portability: 'active', page: 2 })).toEqual({
      portability: 'active',
      page: 2,
    });
    expect(validateMembersSearch({ portability: 'yes' })).toEqual({});
    expect(membersQueryString({ portability: 'active' })).toBe(
      'portability=active&sort=name&order=asc&page=1&pageSize=50',
    );
  });
});
