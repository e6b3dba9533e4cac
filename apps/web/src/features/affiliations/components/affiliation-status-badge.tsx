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

const DARK_TEXT = new Set<AffiliationStatus>(['started', 'validated', 'returned', 'abandoned']);

/** « Envoyé à l’employé », « Démarré par le salarié »… each in its colour. */
export function AffiliationStatusBadge({ status }: { status: AffiliationStatus }) {
  return (
    <Badge
      variant="light"
      color={STATUS_COLORS[status]}
      tt="none"
      size="md"
      radius="sm"
      miw="max-content"
      // Mantine's light text is too pale on these backgrounds: a dark text keeps 4.5:1.
      c={DARK_TEXT.has(status) ? 'dark.8' : undefined}
    >
      {AFFILIATION_STATUS_LABELS[status]}
    </Badge>
  );
}
