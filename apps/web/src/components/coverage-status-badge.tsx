import { Badge } from '@mantine/core';
import type { CoverageStatus } from '@affilia/shared/domain/enums';
import { COVERAGE_STATUS_LABELS } from '@affilia/shared/domain/enums';

const STATUS_COLORS: Record<CoverageStatus, string> = {
  current: 'teal',
  upcoming: 'brand',
  ended: 'gray',
};

/** « en cours », « à venir » or « terminé », each in its colour. */
export function CoverageStatusBadge({ status }: { status: CoverageStatus }) {
  return (
    <Badge
      variant="light"
      color={STATUS_COLORS[status]}
      tt="none"
      size="md"
      radius="sm"
      miw="max-content"
      // Mantine's light grey text is too pale on its own background.
      c={status === 'ended' ? 'gray.8' : undefined}
    >
      {COVERAGE_STATUS_LABELS[status]}
    </Badge>
  );
}
