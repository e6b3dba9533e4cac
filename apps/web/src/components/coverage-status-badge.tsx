import type { CoverageStatus } from '@affilia/shared/domain/enums';
import { COVERAGE_STATUS_LABELS } from '@affilia/shared/domain/enums';
import { StatusBadge } from './status-badge';

const STATUS_COLORS: Record<CoverageStatus, string> = {
  current: 'teal',
  upcoming: 'brand',
  ended: 'gray',
};

/** « en cours », « à venir » or « terminé », each in its colour. */
export function CoverageStatusBadge({ status }: { status: CoverageStatus }) {
  return <StatusBadge color={STATUS_COLORS[status]}>{COVERAGE_STATUS_LABELS[status]}</StatusBadge>;
}
