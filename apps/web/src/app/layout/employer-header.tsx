import { Container, Divider, Group, NavLink } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconBell,
  IconHelpCircle,
  IconLogout,
  IconMail,
  IconUserCircle,
} from '@tabler/icons-react';
import type { Icon as TablerIcon } from '@tabler/icons-react';
import { useRouterState } from '@tanstack/react-router';
import { NavLinkLink } from '../../components/links';
import { paths } from '../../config/paths';
import { useMe } from '../../lib/use-me';
import { useSignOut } from '../../features/auth/api/use-sign-out';
import { BrandHomeLink } from './brand-home-link';
import { employerNavigation, visibleItems } from './employer-navigation';
import {
  DeferredHeader,
  HelpPopover,
  MessagesIconLink,
  ProceduresMenu,
  NotificationsIconLink,
  ProfileMenu,
} from './header-actions';
import { LazyNavDrawer } from './lazy-nav-drawer';
import { DesktopNav, MenuBurger } from './space-shell';
import classes from './layout.module.css';

/** The drawer's links below the navigation: help, messages, notifications, profile. */
const DRAWER_ACCOUNT_LINKS: { to: string; label: string; icon: TablerIcon; exact?: boolean }[] = [
  { to: paths.help, label: 'Besoin d’aide ?', icon: IconHelpCircle },
  { to: paths.messages, label: 'Messages', icon: IconMail, exact: true },
  { to: paths.notifications, label: 'Notifications', icon: IconBell },
  { to: paths.profile, label: 'Mon profil', icon: IconUserCircle },
];

/**
 * The employer space’s header (SPEC §5): insurer logo, « Mes salariés », « Mes documents
 * pratiques », « Mes habilitations », « Mes démarches », then help, messages, notifications and
 * profile. Below the `lg` breakpoint the links move to a drawer opened by a burger.
 */
export function EmployerHeader() {
  const [opened, { toggle, close }] = useDisclosure(false);
  const signOut = useSignOut();
  const main = visibleItems(employerNavigation.main, useMe().data?.companies ?? []);
  const { procedures } = employerNavigation;
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const proceduresActive = procedures.items.some(
    (item) => pathname === item.to || pathname.startsWith(`${item.to}/`),
  );

  return (
    <DeferredHeader className={classes.header}>
      <Container size="xl" className={classes.headerInner}>
        <BrandHomeLink />

        <DesktopNav label="Navigation principale" items={main}>
          <li>
            <ProceduresMenu
              label={procedures.label}
              items={procedures.items}
              active={proceduresActive}
            />
          </li>
        </DesktopNav>

        <Group gap={4} className={classes.actions} wrap="nowrap">
          <Group gap={4} visibleFrom="sm" wrap="nowrap">
            <HelpPopover />
          </Group>
          <MessagesIconLink />
          <NotificationsIconLink />
          <ProfileMenu />
          <MenuBurger opened={opened} onClick={toggle} />
        </Group>
      </Container>

      <LazyNavDrawer opened={opened} onClose={close}>
        <NavLinkLink
          to={paths.home}
          label="Accueil"
          activeOptions={{ exact: true }}
          onClick={close}
        />
        {main.map((item) => (
          <NavLinkLink key={item.to} to={item.to} label={item.label} onClick={close} />
        ))}
        <div className={classes.drawerSectionLabel} id="drawer-procedures">
          {procedures.label}
        </div>
        <div role="group" aria-labelledby="drawer-procedures">
          {procedures.items.map((item) => (
            <NavLinkLink key={item.to} to={item.to} label={item.label} onClick={close} pl="lg" />
          ))}
        </div>
        <Divider my="sm" />
        {DRAWER_ACCOUNT_LINKS.map(({ to, label, icon: Icon, exact }) => (
          <NavLinkLink
            key={to}
            to={to}
            label={label}
            leftSection={<Icon size={18} aria-hidden />}
            activeOptions={exact ? { exact: true } : undefined}
            onClick={close}
          />
        ))}
        <NavLink
          component="button"
          label="Se déconnecter"
          leftSection={<IconLogout size={18} aria-hidden />}
          disabled={signOut.isPending}
          onClick={() => {
            close();
            signOut.mutate();
          }}
        />
      </LazyNavDrawer>
    </DeferredHeader>
  );
}
