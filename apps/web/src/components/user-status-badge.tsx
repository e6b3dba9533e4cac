import { Badge } from '@mantine/core';
import type { UserStatus } from '@affilia/shared/domain/enums';
import { USER_STATUS_LABELS } from '@affilia/shared/domain/enums';

const STATUS_COLORS: Record<UserStatus, string> = {
  invited: 'brand',
  active: 'teal',
  suspended: 'orange',
  deactivated: 'gray',
};

/** « invité », « actif », « suspendu » or « désactivé », each in its colour. */
export function UserStatusBadge({ status }: { status: UserStatus }) {
  return (
    <Badge
      variant="light"
      color={STATUS_COLORS[status]}
      tt="none"
      size="md"
      radius="sm"
      // Never cut in a narrow table column.
      miw="max-content"
      // Mantine's light grey text is too pale on its own background.
      c={status === 'deactivated' ? 'gray.8' : undefined}
    >
      {USER_STATUS_LABELS[status]}
    </Badge>
  );
}
