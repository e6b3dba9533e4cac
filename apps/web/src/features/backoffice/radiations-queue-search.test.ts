import { describe, expect, it } from 'vitest';
import { queueStatus, radiationsQueueList, withQueueStatus } from './radiations-queue-search';

describe('the « Radiations » queue’s address', () => {
  it('leaves « À traiter » (the API’s default) and defaults out, drops what is unknown', () => {
    expect(radiationsQueueList.validate({ status: 'sent', page: '1', pageSize: 25 })).toEqual({});
    expect(radiationsQueueList.validate({ status: 'bogus', sort: 'name', q: '  ' })).toEqual({});
    expect(
      radiationsQueueList.validate({ status: 'processed', companyId: 'c1', q: 'Mar', page: 2 }),
    ).toEqual({ status: 'processed', companyId: 'c1', q: 'Mar', page: 2 });
  });

  it('asks the API for the tab, company and name, without a sort', () => {
    expect(radiationsQueueList.queryString({})).toBe('page=1&pageSize=25');
    expect(radiationsQueueList.queryString({ status: 'returned', q: 'Mar' })).toBe(
      'status=returned&q=Mar&page=1&pageSize=25',
    );
  });

  it('changes tab keeping the company and name, back to page 1', () => {
    const search = radiationsQueueList.validate({ status: 'processed', q: 'Mar', page: 3 });
    expect(queueStatus(search)).toBe('processed');
    expect(withQueueStatus(search, 'sent')).toEqual({ q: 'Mar' });
    expect(queueStatus(withQueueStatus(search, 'sent'))).toBe('sent');
  });
});
