import { Badge } from '@mantine/core';
import type { AffiliationStatus } from '@affilia/shared/domain/enums';
import { AFFILIATION_STATUS_LABELS } from '@affilia/shared/domain/enums';

const COLORS: Record<AffiliationStatus, string> = {
  sent: 'blue',
  started: 'blue',
  finalised: 'orange',
  validated: 'teal',
  returned: 'grape',
  abandoned: 'gray',
  dispense_requested: 'violet',
  dispensed: 'indigo',
};

/** The status of an affiliation request, in words (the colour only repeats them). */
export function AffiliationStatusBadge({ status }: { status: AffiliationStatus }) {
  return (
    <Badge color={COLORS[status]} variant="light" size="sm" tt="none">
      {AFFILIATION_STATUS_LABELS[status]}
    </Badge>
  );
}
