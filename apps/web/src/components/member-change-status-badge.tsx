import type { MemberChangeStatus } from '@affilia/shared/domain/member-change';
import { MEMBER_CHANGE_STATUS_LABELS } from '@affilia/shared/domain/member-change';
import { StatusBadge } from './status-badge';

const STATUS_COLORS: Record<MemberChangeStatus, string> = {
  sent: 'blue',
  validated: 'teal',
  returned: 'grape',
  cancelled: 'gray',
};

/**
 * The status of a change of a member (issue 20), in words and its colour: « Envoyée à
 * l’assureur », « Validée », « Retournée à l’employeur », « Annulée » — in both spaces.
 */
export function MemberChangeStatusBadge({ status }: { status: MemberChangeStatus }) {
  return (
    <StatusBadge color={STATUS_COLORS[status]}>{MEMBER_CHANGE_STATUS_LABELS[status]}</StatusBadge>
  );
}
