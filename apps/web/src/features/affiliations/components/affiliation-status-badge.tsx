import type { AffiliationStatus } from '@affilia/shared/domain/enums';
import { AFFILIATION_STATUS_LABELS } from '@affilia/shared/domain/enums';
import { StatusBadge } from '../../../components/status-badge';

const STATUS_COLORS: Record<AffiliationStatus, string> = {
  sent: 'brand',
  started: 'yellow',
  finalised: 'teal',
  validated: 'green',
  returned: 'orange',
  abandoned: 'gray',
  dispense_requested: 'violet',
  dispensed: 'indigo',
};

/** Mantine's light text is too pale on these backgrounds: a dark text keeps 4.5:1. */
const DARK_TEXT = new Set<AffiliationStatus>(['started', 'validated', 'returned', 'abandoned']);

/** « Envoyé à l’employé », « Démarré par le salarié »… each in its colour. */
export function AffiliationStatusBadge({ status }: { status: AffiliationStatus }) {
  return (
    <StatusBadge
      color={STATUS_COLORS[status]}
      textColor={DARK_TEXT.has(status) ? 'dark.8' : undefined}
    >
      {AFFILIATION_STATUS_LABELS[status]}
    </StatusBadge>
  );
}
