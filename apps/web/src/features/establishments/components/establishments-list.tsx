import { useDeferredValue, useState } from 'react';
import {
  Alert,
  Group,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  ThemeIcon,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { IconAlertCircle, IconBuildingSkyscraper, IconSearch } from '@tabler/icons-react';
import { errorMessage } from '../../../lib/form-errors';
import type { PerimeterEstablishment } from '../api/use-establishments';
import { matchesEstablishment } from '../establishment-search';
import { formatSiret } from '../format-siret';

/** From this many establishments on, a search field helps. */
const SEARCH_FROM = 8;

function street(e: PerimeterEstablishment): string {
  return [e.addressLine1, e.addressLine2].filter(Boolean).join(', ');
}

function town(e: PerimeterEstablishment): string {
  return [e.postalCode, e.city].filter(Boolean).join(' ');
}

function address(e: PerimeterEstablishment): string {
  return [street(e), town(e)].filter(Boolean).join(', ');
}

function countLabel(n: number): string {
  return `${n} établissement${n > 1 ? 's' : ''}`;
}

/** The companies of the list, each with its establishments, in the server's order. */
function byCompany(establishments: PerimeterEstablishment[]) {
  const groups: { company: PerimeterEstablishment['company']; items: PerimeterEstablishment[] }[] =
    [];
  for (const e of establishments) {
    const last = groups[groups.length - 1];
    if (last && last.company.id === e.company.id) last.items.push(e);
    else groups.push({ company: e.company, items: [e] });
  }
  return groups;
}

function EmptyState() {
  return (
    <Paper withBorder radius="md" p="xl">
      <Stack align="center" gap="sm" ta="center" maw={560} mx="auto">
        <ThemeIcon variant="light" size={56} radius="xl" aria-hidden>
          <IconBuildingSkyscraper size={30} />
        </ThemeIcon>
        <Title order={2} fz="lg">
          Vous ne suivez encore aucun établissement
        </Title>
        <Text c="dimmed">
          Ajoutez un établissement avec son numéro de SIRET et son code identifiant, qui figure sur
          les courriers de votre assureur, ou plusieurs à la fois à partir d’un fichier.
        </Text>
      </Stack>
    </Paper>
  );
}

/** On a wide screen: one row per establishment. */
function EstablishmentsTable({
  establishments: shown,
  caption,
}: {
  establishments: PerimeterEstablishment[];
  caption: string;
}) {
  return (
    <Paper withBorder radius="md" visibleFrom="sm" style={{ overflow: 'hidden' }}>
      <Table.ScrollContainer minWidth={720} type="native">
        <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
          <Table.Caption>
            <VisuallyHidden>{caption}</VisuallyHidden>
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Société</Table.Th>
              <Table.Th scope="col">SIRET</Table.Th>
              <Table.Th scope="col">Établissement</Table.Th>
              <Table.Th scope="col">Ville</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>
                  <Text size="sm">{e.company.name}</Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
                  <Text size="sm">{formatSiret(e.siret)}</Text>
                </Table.Td>
                <Table.Th scope="row" fw="inherit">
                  <Text size="sm" fw={600}>
                    {e.name}
                  </Text>
                  {street(e) ? (
                    <Text size="xs" c="dimmed">
                      {street(e)}
                    </Text>
                  ) : null}
                </Table.Th>
                <Table.Td>
                  <Text size="sm">{town(e) || '—'}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

/** On a phone: the establishments as cards, under their company. */
function EstablishmentCards({
  establishments: shown,
}: {
  establishments: PerimeterEstablishment[];
}) {
  return (
    <Stack gap="md" hiddenFrom="sm">
      {byCompany(shown).map((group) => (
        <Stack key={group.company.id} gap="xs">
          <Title order={3} fz="md">
            {group.company.name}
          </Title>
          <Stack
            gap="xs"
            component="ul"
            aria-label={`Établissements de ${group.company.name}`}
            m={0}
            p={0}
            style={{ listStyle: 'none' }}
          >
            {group.items.map((e) => (
              <Paper component="li" key={e.id} withBorder radius="md" p="sm">
                <Text fw={600} size="sm">
                  {e.name}
                </Text>
                <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
                  SIRET {formatSiret(e.siret)}
                </Text>
                {address(e) ? (
                  <Text size="xs" c="dimmed">
                    {address(e)}
                  </Text>
                ) : null}
              </Paper>
            ))}
          </Stack>
        </Stack>
      ))}
    </Stack>
  );
}

/** The establishments of the perimeter: a table on a wide screen, cards on a phone. */
export function EstablishmentsList({
  establishments,
  isPending,
  error,
}: {
  establishments: PerimeterEstablishment[] | undefined;
  isPending: boolean;
  error: unknown;
}) {
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query.trim());

  if (isPending) {
    return (
      <Stack gap="xs" aria-busy="true" aria-label="Chargement des établissements">
        <Skeleton height={40} />
        <Skeleton height={40} />
        <Skeleton height={40} />
      </Stack>
    );
  }
  if (error || !establishments) {
    return (
      <Alert color="red" variant="light" role="alert" icon={<IconAlertCircle aria-hidden />}>
        {errorMessage(error)}
      </Alert>
    );
  }
  if (establishments.length === 0) return <EmptyState />;

  const shown = establishments.filter((e) => matchesEstablishment(e, deferredQuery));
  const companies = new Set(establishments.map((e) => e.company.id)).size;
  const caption = `Établissements suivis : ${countLabel(establishments.length)}${
    companies > 1 ? ` dans ${companies} sociétés` : ''
  }`;

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Title order={2} fz="lg">
          {countLabel(establishments.length)}
          {companies > 1 ? ` dans ${companies} sociétés` : ''}
        </Title>
        {establishments.length >= SEARCH_FROM ? (
          <TextInput
            label="Rechercher un établissement"
            placeholder="Nom, ville ou SIRET"
            leftSection={<IconSearch size={16} aria-hidden />}
            value={query}
            onChange={(event) => setQuery(event.currentTarget.value)}
            w={{ base: '100%', sm: 320 }}
          />
        ) : null}
      </Group>
      {deferredQuery ? (
        <Text size="sm" role="status">
          {shown.length === 0
            ? 'Aucun établissement ne correspond à votre recherche.'
            : `${countLabel(shown.length)} sur ${establishments.length}`}
        </Text>
      ) : null}

      {shown.length > 0 ? (
        <>
          <EstablishmentsTable establishments={shown} caption={caption} />

          <EstablishmentCards establishments={shown} />
        </>
      ) : null}
    </Stack>
  );
}
