import type { ManagedUser } from '../api/use-users';
import { useUserAction } from '../api/use-users';
import { ACTION_LABELS, fullName, ofName } from './user-actions-menu';
import { AccountActionModal } from '../../../components/account-action-modal';

/**
 * « Désactiver provisoirement » and « Désactiver définitivement »: what happens, then the
 * administrator confirms. The permanent one says that it cannot be undone.
 */
export function UserConfirmModal({
  opened,
  action,
  user,
  onClose,
  onDone,
}: {
  opened: boolean;
  action: 'suspend' | 'deactivate';
  /** Kept while the dialog closes. */
  user: ManagedUser | null;
  onClose: () => void;
  onDone: (user: ManagedUser) => void;
}) {
  const mutation = useUserAction();
  const name = user ? fullName(user) : '';
  return (
    <AccountActionModal
      opened={opened}
      action={action}
      name={name}
      title={`${ACTION_LABELS[action]} l’accès ${ofName(name)}`}
      submitLabel={ACTION_LABELS[action]}
      suspendNotice={`${name} ne pourra plus se connecter à l’espace entreprise et ses sessions ouvertes seront fermées. Vous pourrez réactiver son accès à tout moment.`}
      input={user && { user, action }}
      mutation={mutation}
      onClose={onClose}
      onDone={onDone}
    />
  );
}
