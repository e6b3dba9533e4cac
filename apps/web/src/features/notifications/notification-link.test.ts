import { describe, expect, it } from 'vitest';
import { safeNotificationLink } from './notification-link';

describe('safeNotificationLink', () => {
  it('keeps the paths of the app only', () => {
    expect(safeNotificationLink('/affiliations')).toBe('/affiliations');
    expect(safeNotificationLink('/messages/abc')).toBe('/messages/abc');
    // A radiation processed or returned (issue 18) opens the radiation's page.
    expect(safeNotificationLink('/radiations/rad_1')).toBe('/radiations/rad_1');
    expect(safeNotificationLink(null)).toBeNull();
    expect(safeNotificationLink('')).toBeNull();
    expect(safeNotificationLink('https://exemple.fr/')).toBeNull();
    expect(safeNotificationLink('//exemple.fr/')).toBeNull();
    expect(safeNotificationLink('/\\exemple.fr')).toBeNull();
  });
});
