import { describe, expect, it } from 'vitest';
import { dispensesDownloadUrl, dispensesList, rangeLabel } from './dispenses-search';

describe('the register’s address', () => {
  it('keeps the known filters and drops the rest and the defaults', () => {
    expect(
      dispensesList.validate({
        state: 'expired',
        caseCode: 'css',
        q: ' Dupont ',
        establishmentId: 'e1',
        sort: 'name',
        order: 'asc',
        foo: 'bar',
        page: '1',
      }),
    ).toEqual({ state: 'expired', caseCode: 'css', q: 'Dupont', establishmentId: 'e1' });
    expect(dispensesList.validate({ state: 'nope' })).toEqual({});
  });

  it('gives the API query, the exports and the audit zip with the filters', () => {
    const search = dispensesList.validate({ state: 'renewal_due', sort: 'end_date', page: '2' });
    expect(dispensesList.queryString(search)).toBe(
      'state=renewal_due&sort=end_date&order=asc&page=2&pageSize=25',
    );
    expect(dispensesDownloadUrl(search, 'csv')).toBe(
      '/api/dispenses/export?format=csv&state=renewal_due',
    );
    expect(dispensesDownloadUrl({}, 'zip')).toBe('/api/dispenses/archive.zip');
    expect(rangeLabel(1, 1, 25)).toBe('1 dispense');
    expect(rangeLabel(0, 1, 25)).toBe('Aucune dispense');
  });
});
