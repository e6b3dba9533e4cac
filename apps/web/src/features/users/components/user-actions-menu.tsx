import type { ComponentType } from 'react';
import { useState } from 'react';
import { ActionIcon, Menu, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { ofName } from '@affilia/shared/domain/person-name';
import {
  IconDotsVertical,
  IconMailForward,
  IconPlayerPause,
  IconPlayerPlay,
  IconShieldCheck,
  IconUserEdit,
  IconUserOff,
} from '@tabler/icons-react';
import type { ManagedUser } from '../api/use-users';

export type UserActionKind =
  'profile' | 'rights' | 'invitation' | 'suspend' | 'reactivate' | 'deactivate';

interface ActionEntry {
  kind: UserActionKind;
  label: string;
  icon: ComponentType<{ size?: number; 'aria-hidden'?: boolean }>;
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
  const [opened, setOpened] = useState(false);
  const entries = userActions(user);
  const name = fullName(user);
  if (entries.length === 0) {
    return (
      <Text size="sm" c="gray.8">
        <span aria-hidden>—</span>
        <VisuallyHidden>Aucune action possible pour {name}</VisuallyHidden>
      </Text>
    );
  }
  const blocker = deactivationBlocker(user);
  const label = `Actions pour ${name}`;
  return (
    <Menu
      position="bottom-end"
      width={300}
      shadow="md"
      withinPortal
      opened={opened}
      onChange={setOpened}
    >
      <Menu.Target>
        <Tooltip label={label} disabled={opened}>
          <ActionIcon variant="subtle" color="gray.8" size="lg" aria-label={label}>
            <IconDotsVertical size={20} aria-hidden />
          </ActionIcon>
        </Tooltip>
      </Menu.Target>
      <Menu.Dropdown>
        {entries.map(({ kind, label: itemLabel, icon: Icon, danger, disabled }) => (
          <Menu.Item
            key={kind}
            color={danger ? 'red' : undefined}
            leftSection={<Icon size={18} aria-hidden />}
            disabled={disabled}
            onClick={() => onAction(kind, user)}
          >
            {itemLabel}
          </Menu.Item>
        ))}
        {blocker ? (
          <>
            <Menu.Divider />
            <Text size="xs" c="gray.8" px="sm" py={6}>
              {blocker}
            </Text>
          </>
        ) : null}
      </Menu.Dropdown>
    </Menu>
  );
}
