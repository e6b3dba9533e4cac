import { describe, expect, it } from 'vitest';
import {
  memberChangesQueueStatus,
  validateMemberChangesQueueSearch,
} from './member-changes-queue-search';

describe('the « Changements des salariés » queue’s address', () => {
  it('leaves « À traiter » (the API’s default) out, drops what is unknown', () => {
    expect(validateMemberChangesQueueSearch({ status: 'sent' })).toEqual({});
    expect(validateMemberChangesQueueSearch({ status: 'cancelled' })).toEqual({});
    expect(validateMemberChangesQueueSearch({ status: 'returned' })).toEqual({
      status: 'returned',
    });
  });

  it('shows « À traiter » when the address names no tab', () => {
    expect(memberChangesQueueStatus({})).toBe('sent');
    expect(memberChangesQueueStatus({ status: 'validated' })).toBe('validated');
  });
});
