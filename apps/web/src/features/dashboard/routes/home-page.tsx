import { SimpleGrid, Stack, Text, Title } from '@mantine/core';
import {
  IconFileDescription,
  IconListCheck,
  IconMessages,
  IconUserPlus,
  IconUsers,
} from '@tabler/icons-react';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { paths } from '../../../config/paths';
import { useMe } from '../../../lib/use-me';
import { useDocumentTitle } from '../../../lib/document-title';
import { AffiliationsSection } from '../components/affiliations-section';
import type { HomeTileProps } from '../components/home-tile';
import { HomeTile } from '../components/home-tile';
import { validateHomeSearch } from '../home-search';

const TILES: HomeTileProps[] = [
  {
    to: paths.members,
    label: 'Mes salariés',
    description: 'Vos salariés assurés et leurs contrats',
    icon: IconUsers,
  },
  {
    to: paths.preAffiliation,
    label: 'Pré-affiliation',
    description: 'Affilier un nouveau salarié',
    icon: IconUserPlus,
  },
  {
    to: paths.affiliations,
    label: 'Suivi des demandes',
    description: 'L’avancement des affiliations et des radiations',
    icon: IconListCheck,
  },
  {
    to: paths.documents,
    label: 'Mes documents pratiques',
    description: 'Garanties, notices et formulaires',
    icon: IconFileDescription,
  },
  {
    to: paths.messages,
    label: 'Nous contacter',
    description: 'Écrire à nos conseillers',
    icon: IconMessages,
  },
];

/**
 * `/`: the employer space's home page (SPEC §5.1): the greeting, the five tiles, « Vos
 * affiliations » (with the chosen company in the address: `/?companyId=…`) and « Conseils et
 * astuces ».
 */
export function HomePage() {
  useDocumentTitle('Accueil');
  const firstName = useMe().data?.firstName;
  const { companyId } = validateHomeSearch(useSearch({ strict: false }));
  const navigate = useNavigate();
  const setCompany = (next: string | undefined) =>
    void navigate({
      to: paths.home,
      search: next ? { companyId: next } : {},
      replace: true,
      resetScroll: false,
    });

  return (
    <Stack gap="xl">
      <Stack gap={4}>
        <Title order={1} fz={{ base: 26, sm: 32 }}>
          {firstName ? `Bienvenue ${firstName}` : 'Bienvenue'}
        </Title>
        <Text c="dimmed">Gérez vos salariés assurés en quelques clics.</Text>
      </Stack>
      <nav aria-label="Accès rapides">
        <SimpleGrid component="ul" cols={{ base: 1, xs: 2, md: 3, lg: 5 }} spacing="md" m={0} p={0}>
          {TILES.map((tile) => (
            <li key={tile.to} style={{ listStyle: 'none' }}>
              <HomeTile {...tile} />
            </li>
          ))}
        </SimpleGrid>
      </nav>
      <AffiliationsSection companyId={companyId} onCompanyChange={setCompany} />
    </Stack>
  );
}
