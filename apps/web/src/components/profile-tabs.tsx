import { Group } from '@mantine/core';
import { paths } from '../config/paths';
import { ButtonLink } from './links';

/**
 * The sub-navigation of « Mon profil »: the profile page itself and the establishments of the
 * perimeter (each its own route, so a link can point to either).
 */
export function ProfileTabs({ current }: { current: 'profile' | 'establishments' }) {
  return (
    <Group component="nav" aria-label="Rubriques du profil" gap="xs">
      <ButtonLink
        to={paths.profile}
        variant={current === 'profile' ? 'filled' : 'default'}
        aria-current={current === 'profile' ? 'page' : undefined}
      >
        Mes informations
      </ButtonLink>
      <ButtonLink
        to={paths.profileEstablishments}
        variant={current === 'establishments' ? 'filled' : 'default'}
        aria-current={current === 'establishments' ? 'page' : undefined}
      >
        Établissements suivis
      </ButtonLink>
    </Group>
  );
}
