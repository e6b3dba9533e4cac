import { describe, expect, it } from 'vitest';
import { dispenseQueueStatus, validateDispensesQueueSearch } from './dispenses-queue-search';

describe('the « Dispenses » queue’s address', () => {
  it('leaves « À vérifier » (the API’s default) out, drops what is unknown', () => {
    expect(validateDispensesQueueSearch({ status: 'requested' })).toEqual({});
    expect(validateDispensesQueueSearch({ status: 'bogus', page: 2 })).toEqual({});
    expect(validateDispensesQueueSearch({ status: 'refused' })).toEqual({ status: 'refused' });
  });

  it('shows « À vérifier » when the address names no tab', () => {
    expect(dispenseQueueStatus({})).toBe('requested');
    expect(dispenseQueueStatus({ status: 'validated' })).toBe('validated');
  });
});
