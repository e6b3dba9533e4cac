import type { DispenseStatus } from '@affilia/shared/domain/dispense';
import { DISPENSE_STATUS_LABELS } from '@affilia/shared/domain/dispense';
import { StatusBadge } from './status-badge';

const STATUS_COLORS: Record<DispenseStatus, string> = {
  requested: 'blue',
  validated: 'teal',
  refused: 'red',
  expired: 'orange',
  renewed: 'gray',
  ended: 'gray',
  cancelled: 'gray',
};

/**
 * The status of a request of dispense d'affiliation (issue 19), in words and its colour:
 * « À vérifier par l’assureur », « Dispensé », « Refusée »…
 */
export function DispenseStatusBadge({ status }: { status: DispenseStatus }) {
  return <StatusBadge color={STATUS_COLORS[status]}>{DISPENSE_STATUS_LABELS[status]}</StatusBadge>;
}
