import { Badge } from '@mantine/core';
import type { StaffRole } from '@affilia/shared/domain/enums';
import { STAFF_ROLE_LABELS } from '@affilia/shared/domain/enums';

/** « Gestionnaire » or « Administrateur back-office ». */
export function StaffRoleBadge({ role }: { role: StaffRole }) {
  return (
    <Badge
      variant={role === 'admin' ? 'filled' : 'light'}
      color="brand"
      tt="none"
      size="md"
      radius="sm"
      miw="max-content"
    >
      {STAFF_ROLE_LABELS[role]}
    </Badge>
  );
}
