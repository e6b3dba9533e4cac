import { Alert, Paper, Skeleton, Stack, Table, Tabs, Text, VisuallyHidden } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { AFFILIATION_MODE_LABELS } from '@affilia/shared/domain/enums';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { AnchorLink } from '../../../components/links';
import { Page } from '../../../components/page';
import { paths } from '../../../config/paths';
import { formatDateTime } from '../../../lib/format-date';
import { errorMessage } from '../../../lib/form-errors';
import type { QueueFilter } from '../api/use-backoffice-affiliations';
import { useBackofficeQueue } from '../api/use-backoffice-affiliations';
import { AffiliationStatusBadge } from '../components/affiliation-status-badge';
import {
  DEFAULT_QUEUE_TAB,
  isQueueTab,
  QUEUE_TABS,
  type QueueTab,
} from '../affiliations-queue-search';

const TABS = {
  'a-valider': { label: 'À valider', filter: { statuses: ['finalised'] } },
  courriers: {
    label: 'Courriers attendus',
    filter: { statuses: ['sent', 'started'], mode: 'mail' },
  },
  retournes: { label: 'Retournés', filter: { statuses: ['returned'] } },
  valides: { label: 'Validés', filter: { statuses: ['validated'] } },
} as const satisfies Record<QueueTab, { label: string; filter: QueueFilter }>;
type TabId = QueueTab;
const TAB_IDS = QUEUE_TABS;

function QueueTable({ tab }: { tab: TabId }) {
  const { label, filter } = TABS[tab];
  const queue = useBackofficeQueue(filter);

  if (queue.isPending) {
    return (
      <Stack gap="xs" aria-busy="true">
        <VisuallyHidden role="status">Chargement des demandes…</VisuallyHidden>
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} h={36} />
        ))}
      </Stack>
    );
  }
  if (queue.isError) {
    return (
      <Alert color="red" variant="light" role="alert" icon={<IconAlertCircle aria-hidden />}>
        {errorMessage(queue.error)}
      </Alert>
    );
  }
  const { items, truncated } = queue.data;
  return (
    <Stack gap="sm">
      <Text size="sm" role="status">
        {items.length === 0
          ? 'Aucune demande dans cette liste.'
          : `${items.length} demande${items.length > 1 ? 's' : ''}${truncated ? ' (les plus récentes)' : ''}`}
      </Text>
      {items.length > 0 ? (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={820}>
            <Table
              striped
              highlightOnHover
              verticalSpacing="sm"
              aria-label={`Demandes d’affiliation : ${label}`}
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Société</Table.Th>
                  <Table.Th scope="col">Établissement</Table.Th>
                  <Table.Th scope="col">Salarié</Table.Th>
                  <Table.Th scope="col">Mode</Table.Th>
                  <Table.Th scope="col">Statut</Table.Th>
                  <Table.Th scope="col">Date</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((item) => (
                  <Table.Tr key={item.id}>
                    <Table.Td>{item.companyName}</Table.Td>
                    <Table.Td>{item.establishmentName}</Table.Td>
                    <Table.Th scope="row" fw={400}>
                      <AnchorLink
                        to={paths.backOfficeAffiliation}
                        params={{ requestId: item.id }}
                        fw={600}
                      >
                        {item.lastName} {item.firstName}
                      </AnchorLink>
                    </Table.Th>
                    <Table.Td>{AFFILIATION_MODE_LABELS[item.mode]}</Table.Td>
                    <Table.Td>
                      <AffiliationStatusBadge status={item.status} />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {formatDateTime(item.statusChangedAt)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      ) : null}
    </Stack>
  );
}

/** `/back-office/affiliations`: « Demandes d'affiliation » (SPEC §6). */
export function BackOfficeAffiliationsPage() {
  const navigate = useNavigate();
  const tab =
    useSearch({ from: '/back-office/back-office/affiliations' }).onglet ?? DEFAULT_QUEUE_TAB;
  return (
    <Page
      title="Demandes d’affiliation"
      description="Les bulletins finalisés par les salariés à valider ou à retourner, et les bulletins papier attendus."
    >
      <Tabs
        value={tab}
        onChange={(value) => {
          if (isQueueTab(value)) {
            void navigate({
              to: paths.backOfficeAffiliations,
              search: value === DEFAULT_QUEUE_TAB ? {} : { onglet: value },
            });
          }
        }}
        keepMounted={false}
      >
        <Tabs.List>
          {TAB_IDS.map((id) => (
            <Tabs.Tab key={id} value={id}>
              {TABS[id].label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {TAB_IDS.map((id) => (
          <Tabs.Panel key={id} value={id} pt="md">
            <QueueTable tab={id} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Page>
  );
}
