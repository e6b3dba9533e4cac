import type { ReactNode } from 'react';
import { Badge, Container } from '@mantine/core';
import { Outlet } from '@tanstack/react-router';
import { paths } from '../../config/paths';
import { useBranding } from '../../lib/branding';
import { brandStripeStyle } from './brand-stripe';
import { AppFooter } from './app-footer';
import { BrandHomeLink } from './brand-home-link';
import { MAIN_CONTENT_ID, SkipLink } from './skip-link';
import classes from './layout.module.css';

type PublicSpace = 'employer' | 'backoffice' | 'employee';

/** The name of each space, in the footer. */
const SPACE_NAMES: Record<PublicSpace, string> = {
  employer: 'Espace Entreprise',
  backoffice: 'Espace assureur',
  employee: 'Espace salarié',
};

/**
 * The frame of the pages reached without an account: logo, content, support footer. The back
 * office's variant (« Espace assureur ») names its space and leaves out the employers' support;
 * the employee's form names theirs.
 */
export function PublicShell({
  children,
  space = 'employer',
}: {
  children: ReactNode;
  space?: PublicSpace;
}) {
  const branding = useBranding();
  const backOffice = space === 'backoffice';
  return (
    <div className={classes.shell} style={brandStripeStyle(branding)}>
      <SkipLink />
      <header className={classes.publicHeader}>
        <Container size="xl" className={classes.headerInner}>
          {backOffice ? (
            <>
              <BrandHomeLink to={paths.backOffice} label="accueil de l’espace assureur" />
              <Badge variant="light" size="md" radius="sm" className={classes.spaceLabel}>
                Espace assureur
              </Badge>
            </>
          ) : (
            <BrandHomeLink />
          )}
        </Container>
      </header>
      <main id={MAIN_CONTENT_ID} tabIndex={-1} className={classes.publicMain}>
        <Container size="xl">{children}</Container>
      </main>
      <AppFooter space={SPACE_NAMES[space]} withSupport={!backOffice} />
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

/** The employee's online form (the emailed link). */
export function EmployeeLayout() {
  return (
    <PublicShell space="employee">
      <Outlet />
    </PublicShell>
  );
}

/** The back office's sign-in pages. */
export function PublicBackOfficeLayout() {
  return (
    <PublicShell space="backoffice">
      <Outlet />
    </PublicShell>
  );
}
