import type { DispenseRegisterState } from '@affilia/shared/domain/dispense';
import { DISPENSE_REGISTER_STATE_LABELS } from '@affilia/shared/domain/dispense';
import { StatusBadge } from '../../../components/status-badge';

const STATE_COLORS: Record<DispenseRegisterState, string> = {
  requested: 'blue',
  valid: 'teal',
  renewal_due: 'grape',
  expired: 'red',
  refused: 'gray',
  ended: 'gray',
};

/** The register's state of a dispense: « Dispensé », « À renouveler », « Expirée »… */
export function DispenseStateBadge({ state }: { state: DispenseRegisterState }) {
  return (
    <StatusBadge color={STATE_COLORS[state]}>{DISPENSE_REGISTER_STATE_LABELS[state]}</StatusBadge>
  );
}
