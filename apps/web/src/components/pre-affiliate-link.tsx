import { IconFileSpreadsheet, IconUserPlus } from '@tabler/icons-react';
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

/** « Pré-affilier par fichier » (issue 20): an action of « Pré-affiliation » and « Suivi ». */
export function PreAffiliateByFileLink() {
  return (
    <ButtonLink
      to={paths.affiliationImport}
      variant="default"
      leftSection={<IconFileSpreadsheet size={18} aria-hidden />}
    >
      Pré-affilier par fichier
    </ButtonLink>
  );
}
