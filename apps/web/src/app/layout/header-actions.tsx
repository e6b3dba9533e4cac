import type { ReactNode } from 'react';
import { useState } from 'react';
import { ActionIcon, Indicator, Menu, Popover, Stack, Text, Tooltip } from '@mantine/core';
import {
  IconBell,
  IconHelpCircle,
  IconLogout,
  IconMail,
  IconUser,
  IconUserCircle,
} from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { AnchorLink } from '../../components/links';
import { SupportContact } from '../../components/support-contact';
import { paths } from '../../config/paths';
import { fullName, useMe } from '../../features/auth/api/use-me';
import { useSignOut } from '../../features/auth/api/use-sign-out';
import { useUnreadNotificationCount } from '../../features/notifications/api/use-notifications';
import { useUnreadConversationCount } from '../../features/messages/api/use-messages';

const ICON_SIZE = 22;

/** The accessible name of an icon link with an unread count: « Messages, 3 non lus ». */
export function withUnread(label: string, count: number | undefined, feminine = false): string {
  if (!count) return label;
  return `${label}, ${count} non ${feminine ? 'lue' : 'lu'}${count > 1 ? 's' : ''}`;
}

function CountIconLink({
  to,
  label,
  icon,
  count,
  feminine = false,
}: {
  to: typeof paths.messages | typeof paths.notifications;
  label: string;
  icon: ReactNode;
  /** Unread items; nothing is shown while it is unknown or zero. */
  count: number | undefined;
  /** « non lues » for a feminine label (« Notifications »). */
  feminine?: boolean;
}) {
  return (
    <Indicator
      disabled={!count}
      label={count}
      maxValue={99}
      size={18}
      offset={6}
      color="red"
      // The count is already in the link's accessible name.
      attributes={{ indicator: { 'aria-hidden': true } }}
    >
      <Tooltip label={label}>
        <ActionIcon
          component={Link}
          to={to}
          variant="subtle"
          size="lg"
          aria-label={withUnread(label, count, feminine)}
        >
          {icon}
        </ActionIcon>
      </Tooltip>
    </Indicator>
  );
}

/** « Besoin d'aide ? »: the support phone and hours in a popover. */
export function HelpPopover() {
  const [opened, setOpened] = useState(false);
  return (
    <Popover
      width={320}
      position="bottom-end"
      withArrow
      shadow="md"
      trapFocus
      returnFocus
      opened={opened}
      onChange={setOpened}
    >
      <Popover.Target>
        <Tooltip label="Besoin d’aide ?" disabled={opened}>
          <ActionIcon
            variant="subtle"
            size="lg"
            aria-label="Besoin d’aide ?"
            onClick={() => setOpened((o) => !o)}
          >
            <IconHelpCircle size={ICON_SIZE} aria-hidden />
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="sm">
          <SupportContact />
          <AnchorLink to={paths.help} size="sm">
            Toutes les informations d’aide
          </AnchorLink>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

/**
 * « Mon profil » (silhouette icon) and its menu: the user's name, « Mon profil » and
 * « Se déconnecter ».
 */
export function ProfileMenu({ space = 'employer' }: { space?: 'employer' | 'backoffice' }) {
  const signOut = useSignOut(space);
  const me = useMe().data;
  const [opened, setOpened] = useState(false);
  const profilePath = space === 'backoffice' ? paths.backOfficeProfile : paths.profile;
  return (
    <Menu position="bottom-end" width={260} shadow="md" opened={opened} onChange={setOpened}>
      <Menu.Target>
        <Tooltip label="Mon profil" disabled={opened}>
          <ActionIcon variant="subtle" size="lg" aria-label="Mon profil">
            <IconUserCircle size={ICON_SIZE + 4} aria-hidden />
          </ActionIcon>
        </Tooltip>
      </Menu.Target>
      <Menu.Dropdown>
        {me ? (
          <>
            <Menu.Label>
              <Text size="sm" fw={700} c="gray.9" lh={1.3}>
                {fullName(me)}
              </Text>
              <Text size="xs" c="gray.7" lh={1.3} style={{ overflowWrap: 'anywhere' }}>
                {me.isThirdParty && me.thirdPartyFirm ? me.thirdPartyFirm : me.email}
              </Text>
            </Menu.Label>
            <Menu.Divider />
          </>
        ) : null}
        <Menu.Item
          component={Link}
          to={profilePath}
          leftSection={<IconUser size={18} aria-hidden />}
        >
          Mon profil
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item
          leftSection={<IconLogout size={18} aria-hidden />}
          onClick={() => signOut.mutate()}
          disabled={signOut.isPending}
        >
          Se déconnecter
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/** The envelope: conversations with unread replies, polled every 60 s unless given. */
export function MessagesIconLink({ unread }: { unread?: number }) {
  const polled = useUnreadConversationCount(unread === undefined).data;
  return (
    <CountIconLink
      to={paths.messages}
      label="Messages"
      icon={<IconMail size={ICON_SIZE} aria-hidden />}
      count={unread ?? polled}
    />
  );
}

/** The bell: its unread count is polled every 60 s unless given. */
export function NotificationsIconLink({ unread }: { unread?: number }) {
  const polled = useUnreadNotificationCount(unread === undefined).data;
  return (
    <CountIconLink
      to={paths.notifications}
      label="Notifications"
      icon={<IconBell size={ICON_SIZE} aria-hidden />}
      count={unread ?? polled}
      feminine
    />
  );
}
