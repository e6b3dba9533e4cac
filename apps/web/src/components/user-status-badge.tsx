import type { UserStatus } from '@affilia/shared/domain/enums';
import { USER_STATUS_LABELS } from '@affilia/shared/domain/enums';
import { StatusBadge } from './status-badge';

const STATUS_COLORS: Record<UserStatus, string> = {
  invited: 'brand',
  active: 'teal',
  suspended: 'orange',
  deactivated: 'gray',
};

/** « invité », « actif », « suspendu » or « désactivé », each in its colour. */
export function UserStatusBadge({ status }: { status: UserStatus }) {
  return <StatusBadge color={STATUS_COLORS[status]}>{USER_STATUS_LABELS[status]}</StatusBadge>;
}
