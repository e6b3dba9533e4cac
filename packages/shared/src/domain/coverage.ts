import type { CoverageStatus } from './enums';

/**
 * Status of a coverage on `today` (all ISO dates): « à venir » before its effective date,
 * « terminé » after its end date, « en cours » otherwise (the end date itself is still covered).
 */
export function coverageStatus(
  effectiveDate: string,
  endDate: string | null,
  today: string,
): CoverageStatus {
  if (effectiveDate > today) return 'upcoming';
  if (endDate !== null && endDate < today) return 'ended';
  return 'current';
}
