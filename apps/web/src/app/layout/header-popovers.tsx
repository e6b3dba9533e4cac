import type { ReactElement } from 'react';
import { useEffect, useState } from 'react';
import { ActionIcon, Menu, Popover, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import {
  IconChevronDown,
  IconHelpCircle,
  IconLogout,
  IconUser,
  IconUserCircle,
} from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { AnchorLink } from '../../components/links';
import { SupportContact } from '../../components/support-contact';
import { paths } from '../../config/paths';
import { fullName, useMe } from '../../lib/use-me';
import { useSignOut } from '../../features/auth/api/use-sign-out';
import { HEADER_ICON_SIZE } from './header-actions';
import classes from './layout.module.css';

// The header's menus, popovers and tooltips (Mantine's Menu, Popover and Tooltip bring
// floating-ui: about 35 KB compressed), loaded by `useHeaderPopovers` at the first sign that the
// person reaches for the header, not with every page. Each takes `defaultOpened`: a click on the
// stand-in trigger before this module arrived opens it once it has.

export interface DeferredProps {
  /** Open at once: the stand-in was clicked before this module arrived. */
  defaultOpened?: boolean;
}

/**
 * A menu's or popover's open state. Asked for before this module arrived, it opens a frame after
 * mounting, once DeferredHeader has put the focus on the real trigger: the trigger is then where
 * the focus goes back when it closes.
 */
function useOpened(defaultOpened: boolean) {
  const [opened, setOpened] = useState(false);
  useEffect(() => {
    if (!defaultOpened) return;
    const frame = requestAnimationFrame(() => setOpened(true));
    return () => cancelAnimationFrame(frame);
  }, [defaultOpened]);
  return [opened, setOpened] as const;
}

/** The tooltip of an icon link of the header. */
export function IconTooltip({ label, children }: { label: string; children: ReactElement }) {
  return <Tooltip label={label}>{children}</Tooltip>;
}

/** « Mes démarches » in the desktop bar: its items in a menu. */
export function ProceduresMenu({
  label,
  items,
  active,
  defaultOpened = false,
}: DeferredProps & { label: string; items: { to: string; label: string }[]; active: boolean }) {
  const [opened, setOpened] = useOpened(defaultOpened);
  return (
    <Menu position="bottom-start" width={300} shadow="md" opened={opened} onChange={setOpened}>
      <Menu.Target>
        <UnstyledButton
          className={classes.navLink}
          data-active={active || undefined}
          data-header-action="procedures"
        >
          {label}
          <IconChevronDown size={16} aria-hidden />
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        {items.map((item) => (
          <Menu.Item key={item.to} component={Link} to={item.to}>
            {item.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

/** « Besoin d'aide ? »: the support phone and hours in a popover. */
export function HelpPopover({ defaultOpened = false }: DeferredProps) {
  const [opened, setOpened] = useOpened(defaultOpened);
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
            data-header-action="help"
            onClick={() => setOpened((o) => !o)}
          >
            <IconHelpCircle size={HEADER_ICON_SIZE} aria-hidden />
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
export function ProfileMenu({
  space = 'employer',
  defaultOpened = false,
}: DeferredProps & { space?: 'employer' | 'backoffice' }) {
  const signOut = useSignOut(space);
  const me = useMe().data;
  const [opened, setOpened] = useOpened(defaultOpened);
  const profilePath = space === 'backoffice' ? paths.backOfficeProfile : paths.profile;
  return (
    <Menu position="bottom-end" width={260} shadow="md" opened={opened} onChange={setOpened}>
      <Menu.Target>
        <Tooltip label="Mon profil" disabled={opened}>
          <ActionIcon
            variant="subtle"
            size="lg"
            aria-label="Mon profil"
            data-header-action="profile"
          >
            <IconUserCircle size={HEADER_ICON_SIZE + 4} aria-hidden />
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
