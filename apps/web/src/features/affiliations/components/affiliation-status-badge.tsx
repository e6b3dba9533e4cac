import { Badge } from '@mantine/core';
import type { AffiliationStatus } from '@affilia/shared/domain/enums';
import { AFFILIATION_STATUS_LABELS } from '@affilia/shared/domain/enums';

const STATUS_COLORS: Record<AffiliationStatus, string> = {
  sent: 'brand',
  started: 'yellow',
  finalised: 'teal',
  validated: 'green',
  returned: 'orange',
  abandoned: 'gray',
};

/** « Envoyé à l'employé », « Démarré par le salarié »… each in its colour. */
export function AffiliationStatusBadge({ status }: { status: AffiliationStatus }) {
  return (
    <Badge
      variant="light"
      color={STATUS_COLORS[status]}
      tt="none"
      size="md"
      radius="sm"
      miw="max-content"
      // Mantine's light text is too pale on its own background for these colours.
      c={
        status === 'abandoned'
          ? 'gray.8'
          : status === 'started'
            ? 'yellow.9'
            : status === 'returned'
              ? 'orange.9'
              : undefined
      }
    >
      {AFFILIATION_STATUS_LABELS[status]}
    </Badge>
  );
}
