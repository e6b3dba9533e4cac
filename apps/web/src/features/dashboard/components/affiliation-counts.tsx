import { Paper, SimpleGrid, Text } from '@mantine/core';
import { AnchorLink } from '../../../components/links';
import { paths } from '../../../config/paths';
import type { Dashboard } from '../api/use-dashboard';
import { formatCount } from '../chart-slices';

/**
 * « Vos affiliations » in three figures (issue 19): the employees covered today, those dispensed
 * (a validated dispense in force) and the requests waiting for someone — each a link to its list.
 */
export function AffiliationCounts({ data, siren }: { data: Dashboard; siren?: string }) {
  const figures = [
    {
      key: 'covered',
      label: data.insuredTotal > 1 ? 'salariés couverts' : 'salarié couvert',
      count: data.insuredTotal,
      link: (
        <AnchorLink
          to={paths.members}
          search={{ contractStatus: 'current', ...(siren ? { siren } : {}) }}
          size="sm"
        >
          Mes salariés
        </AnchorLink>
      ),
    },
    {
      key: 'dispensed',
      label: data.dispensedTotal > 1 ? 'salariés dispensés' : 'salarié dispensé',
      count: data.dispensedTotal,
      link: (
        <AnchorLink to={paths.dispenses} size="sm">
          Dispenses
        </AnchorLink>
      ),
    },
    {
      key: 'pending',
      label: data.pendingRequestsTotal > 1 ? 'demandes en cours' : 'demande en cours',
      count: data.pendingRequestsTotal,
      link: (
        <AnchorLink to={paths.affiliations} size="sm">
          Suivi des demandes
        </AnchorLink>
      ),
    },
  ];
  return (
    <SimpleGrid
      component="ul"
      cols={{ base: 1, xs: 3 }}
      spacing="sm"
      m={0}
      p={0}
      style={{ listStyle: 'none' }}
      aria-label="Vos affiliations en chiffres"
    >
      {figures.map((f) => (
        <Paper component="li" key={f.key} withBorder radius="md" p="md">
          <Text fz={28} fw={700} lh={1.1}>
            {formatCount(f.count)}
          </Text>
          <Text size="sm" c="gray.8">
            {f.label}
          </Text>
          {f.link}
        </Paper>
      ))}
    </SimpleGrid>
  );
}
