import { AFFILIATION_STATUSES, type AffiliationStatus } from '@affilia/shared/domain/enums';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors';
import { assertTransition, canTransition } from './status';

const allowed: [AffiliationStatus, AffiliationStatus][] = [
  ['sent', 'started'],
  // A paper BIA (« Courrier ») received by the insurer.
  ['sent', 'finalised'],
  ['started', 'finalised'],
  ['finalised', 'validated'],
  ['finalised', 'returned'],
  ['returned', 'started'],
  ['returned', 'finalised'],
  ['sent', 'abandoned'],
  ['started', 'abandoned'],
  ['returned', 'abandoned'],
  // A dispense asked by the employee or recorded from a signed paper (issue 19), then decided.
  ['sent', 'dispense_requested'],
  ['started', 'dispense_requested'],
  ['returned', 'dispense_requested'],
  ['dispense_requested', 'dispensed'],
  ['dispense_requested', 'returned'],
];

describe('affiliation status transitions', () => {
  it.each(allowed)('allows %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  const refused = AFFILIATION_STATUSES.flatMap((from) =>
    AFFILIATION_STATUSES.filter((to) => !allowed.some(([f, t]) => f === from && t === to)).map(
      (to) => [from, to] as [AffiliationStatus, AffiliationStatus],
    ),
  );

  it.each(refused)('refuses %s → %s with a 409 invalid_transition', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    try {
      assertTransition(from, to);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('invalid_transition');
      expect((err as AppError).statusCode).toBe(409);
    }
  });

  it('has nothing after validated, abandoned or dispensed', () => {
    for (const to of AFFILIATION_STATUSES) {
      expect(canTransition('validated', to)).toBe(false);
      expect(canTransition('abandoned', to)).toBe(false);
      expect(canTransition('dispensed', to)).toBe(false);
    }
  });
});
