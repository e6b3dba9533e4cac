import { describe, expect, it } from 'vitest';
import { withUnread } from './header-actions';

describe('the bell’s accessible name', () => {
  it('says « non lues » for the notifications, « non lus » for the messages', () => {
    expect(withUnread('Notifications', 3, true)).toBe('Notifications, 3 non lues');
    expect(withUnread('Notifications', 1, true)).toBe('Notifications, 1 non lue');
    expect(withUnread('Notifications', 0, true)).toBe('Notifications');
    expect(withUnread('Messages', 2)).toBe('Messages, 2 non lus');
    expect(withUnread('Messages', 1)).toBe('Messages, 1 non lu');
  });
});
