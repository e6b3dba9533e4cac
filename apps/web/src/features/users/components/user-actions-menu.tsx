import type { Icon } from '@tabler/icons-react';
import { ofName } from '@affilia/shared/domain/person-name';
import {
  IconMailForward,
  IconPlayerPause,
  IconPlayerPlay,
  IconShieldCheck,
  IconUserEdit,
  IconUserOff,
} from '@tabler/icons-react';
import { RowActionsMenu } from '../../../components/row-actions-menu';
import type { ManagedUser } from '../api/use-users';

export type UserActionKind =
  'profile' | 'rights' | 'invitation' | 'suspend' | 'reactivate' | 'deactivate';

interface ActionEntry {
  kind: UserActionKind;
  label: string;
  icon: Icon;
  danger?: boolean;
  /** The API would refuse it (the reason is `deactivationBlocker`). */
  disabled?: boolean;
}

export const ACTION_LABELS: Record<UserActionKind, string> = {
  profile: 'Modifier le profil',
  rights: 'Modifier les droits',
  invitation: 'Renvoyer l’invitation',
  suspend: 'Désactiver provisoirement',
  reactivate: 'Réactiver',
  deactivate: 'Désactiver définitivement',
};

export function fullName(user: Pick<ManagedUser, 'firstName' | 'lastName'>): string {
  return `${user.firstName} ${user.lastName}`.trim();
}

/** « de Thomas Lefèvre », « d’Eugénie Marchand »: the shared rule (domain/person-name). */
export { ofName };

/** Why the account cannot be deactivated from here, if it cannot. */
export function deactivationBlocker(user: ManagedUser): string | undefined {
  if (user.isSelf) return 'Vous ne pouvez pas désactiver votre propre accès.';
  if (user.hasOtherCompanies)
    return 'Ce compte sert aussi à d’autres sociétés : retirez-lui plutôt ses droits sur les vôtres.';
  return undefined;
}

/**
 * What the administrator may do with a user (SPEC §4.3), as the API allows it: nothing on a
 * permanently deactivated account; the password-creation link for an invited user only.
 */
export function userActions(user: ManagedUser): ActionEntry[] {
  if (user.status === 'deactivated') return [];
  const blocker = deactivationBlocker(user);
  const entries: ActionEntry[] = [
    { kind: 'profile', label: ACTION_LABELS.profile, icon: IconUserEdit },
    { kind: 'rights', label: ACTION_LABELS.rights, icon: IconShieldCheck },
  ];
  if (user.status === 'invited')
    entries.push({ kind: 'invitation', label: ACTION_LABELS.invitation, icon: IconMailForward });
  if (user.status === 'suspended')
    entries.push({ kind: 'reactivate', label: ACTION_LABELS.reactivate, icon: IconPlayerPlay });
  else
    entries.push({
      kind: 'suspend',
      label: ACTION_LABELS.suspend,
      icon: IconPlayerPause,
      disabled: Boolean(blocker),
    });
  entries.push({
    kind: 'deactivate',
    label: ACTION_LABELS.deactivate,
    icon: IconUserOff,
    danger: true,
    disabled: Boolean(blocker),
  });
  return entries;
}

/** The « picto » of a user's row: a menu of the actions allowed on this account. */
export function UserActionsMenu({
  user,
  onAction,
}: {
  user: ManagedUser;
  onAction: (kind: UserActionKind, user: ManagedUser) => void;
}) {
  return (
    <RowActionsMenu
      name={fullName(user)}
      actions={userActions(user).map((entry) => ({
        ...entry,
        key: entry.kind,
        onClick: () => onAction(entry.kind, user),
      }))}
      note={deactivationBlocker(user)}
    />
  );
}
