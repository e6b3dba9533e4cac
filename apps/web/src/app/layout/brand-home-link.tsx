import { Link } from '@tanstack/react-router';
import { BrandLogo } from '../../components/brand-logo';
import { useBranding } from '../../lib/branding';
import { paths } from '../../config/paths';
import classes from './layout.module.css';

/** The insurer's logo, as a link to the home page. */
export function BrandHomeLink({
  to = paths.home,
  label = 'retour à l’accueil',
}: {
  to?: typeof paths.home | typeof paths.backOffice;
  label?: string;
}) {
  const { brandName } = useBranding();
  return (
    <Link
      to={to}
      className={classes.logoLink}
      aria-label={`${brandName}, ${label}`}
      activeOptions={{ exact: true }}
    >
      <BrandLogo />
    </Link>
  );
}
