import { IconUserPlus } from '@tabler/icons-react';
import { paths } from '../config/paths';
import { ButtonLink } from './links';

/** « Pré-affilier un salarié »: the page's action, or `light` in an empty list. */
export function PreAffiliateLink({ variant }: { variant?: 'light' }) {
  return (
    <ButtonLink
      to={paths.preAffiliation}
      variant={variant}
      leftSection={<IconUserPlus size={18} aria-hidden />}
    >
      Pré-affilier un salarié
    </ButtonLink>
  );
}
