import { describe, expect, it } from 'vitest';
import { coverageStatus } from './coverage';
import { COVERAGE_STATUS_LABELS } from './enums';

describe('coverageStatus', () => {
  const today = '2025-06-15';

  it('is « à venir » before the effective date', () => {
    expect(coverageStatus('2025-07-01', null, today)).toBe('upcoming');
    expect(coverageStatus('2025-06-16', '2025-12-31', today)).toBe('upcoming');
    expect(COVERAGE_STATUS_LABELS[coverageStatus('2025-07-01', null, today)]).toBe('à venir');
  });

  it('is « en cours » from the effective date to the end date included', () => {
    expect(coverageStatus('2025-06-15', null, today)).toBe('current');
    expect(coverageStatus('2020-01-01', null, today)).toBe('current');
    expect(coverageStatus('2020-01-01', '2025-06-15', today)).toBe('current');
    expect(coverageStatus('2020-01-01', '2030-12-31', today)).toBe('current');
  });

  it('is « terminé » after the end date', () => {
    expect(coverageStatus('2020-01-01', '2025-06-14', today)).toBe('ended');
    expect(COVERAGE_STATUS_LABELS[coverageStatus('2020-01-01', '2024-12-31', today)]).toBe(
      'terminé',
    );
  });
});
