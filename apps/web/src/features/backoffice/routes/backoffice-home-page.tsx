import { LoadError } from '../../../components/load-error';
import type { ComponentType } from 'react';
import {
  Alert,
  Group,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  ThemeIcon,
  VisuallyHidden,
} from '@mantine/core';
import {
  IconCircleCheck,
  IconFileText,
  IconMail,
  IconMessages,
  IconShieldCheck,
  IconUserCheck,
} from '@tabler/icons-react';
import { AnchorLink } from '../../../components/links';
import { Page } from '../../../components/page';
import { paths } from '../../../config/paths';
import type { BackofficeOverview } from '../api/use-backoffice-overview';
import { useBackofficeOverview } from '../api/use-backoffice-overview';

interface Queue {
  key: keyof BackofficeOverview;
  title: string;
  /** « 3 demandes finalisées à valider ». */
  describe: (count: number) => string;
  to: string;
  /** Search params of the link (e.g. the « Courriers attendus » tab). */
  search?: Record<string, string>;
  linkLabel: string;
  icon: ComponentType<{ size?: number; 'aria-hidden'?: boolean }>;
}

const plural = (count: number, one: string, many: string) => (count > 1 ? many : one);

const QUEUES: Queue[] = [
  {
    key: 'affiliationsToValidate',
    title: 'À valider',
    describe: (n) =>
      `${n} ${plural(n, 'demande d’affiliation finalisée', 'demandes d’affiliation finalisées')} par le salarié`,
    to: paths.backOfficeAffiliations,
    linkLabel: 'Voir les affiliations à valider',
    icon: IconUserCheck,
  },
  {
    key: 'paperFormsExpected',
    title: 'Courriers attendus',
    describe: (n) =>
      `${n} ${plural(n, 'BIA papier', 'BIA papier')} pas encore ${plural(n, 'reçu', 'reçus')}`,
    to: paths.backOfficeAffiliations,
    search: { onglet: 'courriers' },
    linkLabel: 'Voir les courriers attendus',
    icon: IconMail,
  },
  {
    key: 'dispensesToCheck',
    title: 'Dispenses à vérifier',
    describe: (n) =>
      `${n} ${plural(n, 'demande de dispense d’affiliation', 'demandes de dispense d’affiliation')} à valider ou refuser`,
    to: paths.backOfficeDispenses,
    linkLabel: 'Voir les dispenses à vérifier',
    icon: IconShieldCheck,
  },
  {
    key: 'messagesToAnswer',
    title: 'Messages à traiter',
    describe: (n) =>
      `${n} ${plural(n, 'conversation nouvelle ou non lue', 'conversations nouvelles ou non lues')}`,
    to: paths.backOfficeMessages,
    linkLabel: 'Ouvrir les messages des entreprises',
    icon: IconMessages,
  },
  {
    key: 'documentsDraft',
    title: 'Documents à publier',
    describe: (n) => `${n} ${plural(n, 'document en brouillon', 'documents en brouillon')}`,
    to: paths.backOfficeDocuments,
    linkLabel: 'Voir les documents',
    icon: IconFileText,
  },
];

function QueueCard({ queue, count }: { queue: Queue; count: number }) {
  const Icon = queue.icon;
  const headingId = `queue-${queue.key}`;
  return (
    <Paper component="section" aria-labelledby={headingId} withBorder radius="md" p="lg">
      <Stack gap="sm" h="100%" justify="space-between">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <ThemeIcon variant="light" size={40} radius="md" aria-hidden>
            <Icon size={22} />
          </ThemeIcon>
          <Stack gap={2}>
            <Text component="h2" id={headingId} fw={700} size="md" m={0}>
              {queue.title}
            </Text>
            <Text size="xl" fw={700} lh={1.2} c={count > 0 ? undefined : 'gray.8'}>
              {count}
            </Text>
            <Text size="sm" c="gray.8">
              {queue.describe(count)}
            </Text>
          </Stack>
        </Group>
        <AnchorLink to={queue.to} search={queue.search} size="sm" fw={600}>
          {queue.linkLabel}
        </AnchorLink>
      </Stack>
    </Paper>
  );
}

/** `/back-office`: « Espace assureur » (SPEC §6), the work queues of the team with their counts. */
export function BackOfficeHomePage() {
  const overview = useBackofficeOverview();

  let content;
  if (overview.isPending) {
    content = (
      <>
        <VisuallyHidden role="status">Chargement des files de travail…</VisuallyHidden>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md" aria-hidden>
          {QUEUES.map((q) => (
            <Skeleton key={q.key} h={150} radius="md" />
          ))}
        </SimpleGrid>
      </>
    );
  } else if (overview.isError) {
    content = <LoadError error={overview.error} onRetry={() => void overview.refetch()} compact />;
  } else {
    const data = overview.data;
    const total = QUEUES.reduce((sum, q) => sum + data[q.key], 0);
    content = (
      <Stack gap="md">
        {total === 0 ? (
          <Alert
            color="teal"
            variant="light"
            role="status"
            icon={<IconCircleCheck aria-hidden />}
            title="Tout est à jour"
          >
            Aucune affiliation à valider, aucun courrier attendu, aucun message en attente et aucun
            document en brouillon.
          </Alert>
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md">
          {QUEUES.map((queue) => (
            <QueueCard key={queue.key} queue={queue} count={data[queue.key]} />
          ))}
        </SimpleGrid>
      </Stack>
    );
  }

  return (
    <Page
      title="Espace assureur"
      description="Les files de travail de l’équipe : affiliations à valider, BIA papier attendus, dispenses à vérifier, messages des entreprises et documents à publier."
    >
      {content}
    </Page>
  );
}
