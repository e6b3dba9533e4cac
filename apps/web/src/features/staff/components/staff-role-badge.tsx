import type { StaffRole } from '@affilia/shared/domain/enums';
import { STAFF_ROLE_LABELS } from '@affilia/shared/domain/enums';
import { StatusBadge } from '../../../components/status-badge';

/** « Gestionnaire » or « Administrateur back-office ». */
export function StaffRoleBadge({ role }: { role: StaffRole }) {
  return (
    <StatusBadge color="brand" variant={role === 'admin' ? 'filled' : 'light'}>
      {STAFF_ROLE_LABELS[role]}
    </StatusBadge>
  );
}
