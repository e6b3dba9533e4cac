import { Container } from '@mantine/core';
import { Outlet } from '@tanstack/react-router';
import { useBranding } from '../../lib/branding';
import { AppFooter } from './app-footer';
import { brandStripeStyle } from './brand-stripe';
import { EmployerHeader } from './employer-header';
import { MAIN_CONTENT_ID, SkipLink } from './skip-link';
import classes from './layout.module.css';

/** The employer space: header with the navigation, the page, the support footer. */
export function EmployerLayout() {
  const branding = useBranding();
  return (
    <div className={classes.shell} style={brandStripeStyle(branding)}>
      <SkipLink />
      <EmployerHeader />
      <main id={MAIN_CONTENT_ID} tabIndex={-1} className={classes.main}>
        <Container size="xl">
          <Outlet />
        </Container>
      </main>
      <AppFooter />
    </div>
  );
}
