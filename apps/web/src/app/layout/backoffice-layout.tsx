import { Badge, Container, Group } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { NavLinkLink } from '../../components/links';
import { paths } from '../../config/paths';
import { AppFooter } from './app-footer';
import { BrandHomeLink } from './brand-home-link';
import { backOfficeNavigation } from './employer-navigation';
import { DeferredHeader, ProfileMenu } from './header-actions';
import { LazyNavDrawer } from './lazy-nav-drawer';
import { DesktopNav, MenuBurger, SpaceShell } from './space-shell';
import classes from './layout.module.css';

/** The insurer's back office (« Espace assureur »): its own navigation, same frame. */
export function BackOfficeLayout() {
  return (
    <SpaceShell
      header={<BackOfficeHeader />}
      footer={<AppFooter space="Espace assureur" withSupport={false} />}
    />
  );
}

function BackOfficeHeader() {
  const [opened, { toggle, close }] = useDisclosure(false);
  return (
    <DeferredHeader className={`${classes.header} ${classes.backOfficeHeader}`}>
      <Container size="xl" className={classes.headerInner}>
        <BrandHomeLink to={paths.backOffice} label="accueil de l’espace assureur" />
        <Badge
          variant="light"
          size="md"
          radius="sm"
          className={classes.spaceLabel}
          visibleFrom="xs"
        >
          Espace assureur
        </Badge>
        <DesktopNav
          label="Navigation du back-office"
          items={backOfficeNavigation}
          exactTo={paths.backOffice}
        />
        <Group gap={4} className={classes.actions} wrap="nowrap">
          <ProfileMenu space="backoffice" />
          <MenuBurger opened={opened} onClick={toggle} />
        </Group>
      </Container>
      <LazyNavDrawer opened={opened} onClose={close}>
        {backOfficeNavigation.map((item) => (
          <NavLinkLink
            key={item.to}
            to={item.to}
            label={item.label}
            activeOptions={{ exact: item.to === paths.backOffice }}
            onClick={close}
          />
        ))}
      </LazyNavDrawer>
    </DeferredHeader>
  );
}
