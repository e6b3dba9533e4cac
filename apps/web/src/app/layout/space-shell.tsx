import type { ReactNode } from 'react';
import { Burger, Container, Group } from '@mantine/core';
import { Link, Outlet } from '@tanstack/react-router';
import { useBranding } from '../../lib/branding';
import { brandStripeStyle } from './brand-stripe';
import { MAIN_CONTENT_ID, SkipLink } from './skip-link';
import classes from './layout.module.css';

/** Where the desktop bar gives way to the burger, in both spaces. */
export const DESKTOP = 'lg';

/**
 * The frame of the employer space and of the back office: the insurer's stripe, the skip link,
 * the space's header, the page and the space's footer.
 */
export function SpaceShell({ header, footer }: { header: ReactNode; footer: ReactNode }) {
  const branding = useBranding();
  return (
    <div className={classes.shell} style={brandStripeStyle(branding)}>
      <SkipLink />
      {header}
      <main id={MAIN_CONTENT_ID} tabIndex={-1} className={classes.main}>
        <Container size="xl">
          <Outlet />
        </Container>
      </main>
      {footer}
    </div>
  );
}

/** A space's links in the desktop bar; `exactTo` is the space's home, active on itself only. */
export function DesktopNav({
  label,
  items,
  exactTo,
  children,
}: {
  label: string;
  items: readonly { to: string; label: string }[];
  exactTo?: string;
  children?: ReactNode;
}) {
  return (
    <Group component="nav" aria-label={label} className={classes.mainNav} visibleFrom={DESKTOP}>
      <ul className={classes.navList}>
        {items.map((item) => (
          <li key={item.to}>
            <Link
              to={item.to}
              className={classes.navLink}
              activeOptions={{ exact: item.to === exactTo }}
            >
              {item.label}
            </Link>
          </li>
        ))}
        {children}
      </ul>
    </Group>
  );
}

/** The burger that opens the navigation drawer below the desktop breakpoint. */
export function MenuBurger({ opened, onClick }: { opened: boolean; onClick: () => void }) {
  return (
    <Burger
      opened={opened}
      onClick={onClick}
      hiddenFrom={DESKTOP}
      size="sm"
      ml={4}
      aria-label="Menu"
      aria-expanded={opened}
    />
  );
}
