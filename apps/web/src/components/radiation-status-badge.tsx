import type { RadiationStatus } from '@affilia/shared/domain/radiation';
import { RADIATION_STATUS_LABELS } from '@affilia/shared/domain/radiation';
import { StatusBadge } from './status-badge';

const STATUS_COLORS: Record<RadiationStatus, string> = {
  sent: 'blue',
  processed: 'teal',
  returned: 'grape',
  cancelled: 'gray',
};

/**
 * The status of a radiation (issue 18), in words and its colour: « Envoyée à l’assureur »,
 * « Traitée », « Retournée à l’employeur », « Annulée » — in both spaces.
 */
export function RadiationStatusBadge({ status }: { status: RadiationStatus }) {
  return <StatusBadge color={STATUS_COLORS[status]}>{RADIATION_STATUS_LABELS[status]}</StatusBadge>;
}
