import { Badge, Burger, Container, Group } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet } from '@tanstack/react-router';
import { NavLinkLink } from '../../components/links';
import { paths } from '../../config/paths';
import { useBranding } from '../../lib/branding';
import { AppFooter } from './app-footer';
import { BrandHomeLink } from './brand-home-link';
import { brandStripeStyle } from './brand-stripe';
import { backOfficeNavigation } from './employer-navigation';
import { DeferredHeader, ProfileMenu } from './header-actions';
import { LazyNavDrawer } from './lazy-nav-drawer';
import { MAIN_CONTENT_ID, SkipLink } from './skip-link';
import classes from './layout.module.css';

const DESKTOP = 'lg';

/** The insurer's back office (« Espace assureur »): its own navigation, same frame. */
export function BackOfficeLayout() {
  const branding = useBranding();
  const [opened, { toggle, close }] = useDisclosure(false);
  return (
    <div className={classes.shell} style={brandStripeStyle(branding)}>
      <SkipLink />
      <DeferredHeader className={classes.header}>
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
          <Group
            component="nav"
            aria-label="Navigation du back-office"
            className={classes.mainNav}
            visibleFrom={DESKTOP}
          >
            <ul className={classes.navList}>
              {backOfficeNavigation.map((item) => (
                <li key={item.to}>
                  <Link
                    to={item.to}
                    className={classes.navLink}
                    activeOptions={{ exact: item.to === paths.backOffice }}
                  >
                    {item.label}
                  </Link>
                </li>
              ))}
            </ul>
          </Group>
          <Group gap={4} className={classes.actions} wrap="nowrap">
            <ProfileMenu space="backoffice" />
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom={DESKTOP}
              size="sm"
              ml={4}
              aria-label="Menu"
              aria-expanded={opened}
            />
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
      <main id={MAIN_CONTENT_ID} tabIndex={-1} className={classes.main}>
        <Container size="xl">
          <Outlet />
        </Container>
      </main>
      <AppFooter space="Espace assureur" withSupport={false} />
    </div>
  );
}
