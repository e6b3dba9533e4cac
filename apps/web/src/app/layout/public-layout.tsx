import type { ReactNode } from 'react';
import { Container } from '@mantine/core';
import { Outlet } from '@tanstack/react-router';
import { useBranding } from '../../lib/branding';
import { brandStripeStyle } from './brand-stripe';
import { AppFooter } from './app-footer';
import { BrandHomeLink } from './brand-home-link';
import { MAIN_CONTENT_ID, SkipLink } from './skip-link';
import classes from './layout.module.css';

/** The frame of the pages reached without an account: logo, content, support footer. */
export function PublicShell({ children }: { children: ReactNode }) {
  const branding = useBranding();
  return (
    <div className={classes.shell} style={brandStripeStyle(branding)}>
      <SkipLink />
      <header className={classes.publicHeader}>
        <Container size="xl" className={classes.headerInner}>
          <BrandHomeLink />
        </Container>
      </header>
      <main id={MAIN_CONTENT_ID} tabIndex={-1} className={classes.publicMain}>
        <Container size="xl">{children}</Container>
      </main>
      <AppFooter />
    </div>
  );
}

export function PublicLayout() {
  return (
    <PublicShell>
      <Outlet />
    </PublicShell>
  );
}
