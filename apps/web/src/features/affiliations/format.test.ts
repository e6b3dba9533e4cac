import { describe, expect, it } from 'vitest';
import { employeeName, formatDate, reminderBlocker, reminderSummary } from './format';

describe('formatDate', () => {
  it('reads a calendar date as it is and an instant as its day in Paris', () => {
    expect(formatDate('2025-02-07')).toBe('07/02/2025');
    expect(formatDate('2025-02-06T23:30:00.000Z')).toBe('07/02/2025');
    expect(formatDate(null)).toBe('');
    expect(formatDate('nope')).toBe('');
  });
});

describe('reminders', () => {
  it('summarises the reminders', () => {
    expect(reminderSummary({ reminderCount: 0, lastReminderAt: null })).toBe('Aucune relance');
    expect(reminderSummary({ reminderCount: 1, lastReminderAt: '2025-02-07T09:00:00Z' })).toBe(
      '1 relance, dernière le 07/02/2025',
    );
    expect(reminderSummary({ reminderCount: 3, lastReminderAt: '2025-02-08T09:00:00Z' })).toBe(
      '3 relances, dernière le 08/02/2025',
    );
  });

  it('says why a reminder is not possible', () => {
    const base = { mode: 'email', status: 'sent' } as const;
    expect(reminderBlocker({ ...base, canRemind: true, nextReminderAt: null })).toBeNull();
    expect(
      reminderBlocker({ ...base, canRemind: true, nextReminderAt: '2025-02-08T09:00:00Z' }),
    ).toBe('Une relance par jour au plus : prochaine relance possible le 08/02/2025.');
    expect(
      reminderBlocker({ mode: 'mail', status: 'sent', canRemind: false, nextReminderAt: null }),
    ).toBe('Demande en mode Courrier : pas de relance par e-mail.');
    expect(
      reminderBlocker({
        mode: 'email',
        status: 'finalised',
        canRemind: false,
        nextReminderAt: null,
      }),
    ).toBe('Relance possible uniquement tant que la demande est envoyée ou démarrée.');
  });

  it('writes the name as in the guide', () => {
    expect(employeeName({ firstName: 'Hélène', lastName: 'LEFÈVRE' })).toBe('Hélène LEFÈVRE');
  });
});
