import { ofName } from '@affilia/shared/domain/person-name';
import { AccountActionModal } from '../../../components/account-action-modal';
import type { StaffMember } from '../api/use-staff';
import { useStaffAction } from '../api/use-staff';
import { STAFF_ACTION_LABELS, staffName } from '../staff-rules';

/** « Suspendre » and « Désactiver définitivement »: what happens, then a confirmation. */
export function StaffConfirmModal({
  opened,
  action,
  member,
  onClose,
  onDone,
}: {
  opened: boolean;
  action: 'suspend' | 'deactivate';
  /** Kept while the dialog closes. */
  member: StaffMember | null;
  onClose: () => void;
  onDone: (member: StaffMember) => void;
}) {
  const mutation = useStaffAction();
  const name = member ? staffName(member) : '';
  return (
    <AccountActionModal
      opened={opened}
      action={action}
      name={name}
      title={`${STAFF_ACTION_LABELS[action]} le compte ${ofName(name)}`}
      submitLabel={STAFF_ACTION_LABELS[action]}
      suspendNotice={`${name} ne pourra plus se connecter au back-office et ses sessions ouvertes seront fermées. Vous pourrez réactiver son compte à tout moment.`}
      input={member && { member, action }}
      mutation={mutation}
      onClose={onClose}
      onDone={onDone}
    />
  );
}
