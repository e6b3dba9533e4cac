import { Tabs } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import { AFFILIATION_MODE_LABELS } from '@affilia/shared/domain/enums';
import { useNavigate, useSearch } from '@tanstack/react-router';
import type { DataColumn } from '../../../components/data-table';
import { CardLine, CardLines, DataTable } from '../../../components/data-table';
import { AnchorLink } from '../../../components/links';
import { ListResults } from '../../../components/list-page';
import { ListEmpty } from '../../../components/list-empty';
import { ListSkeleton } from '../../../components/list-skeleton';
import { Page } from '../../../components/page';
import { paths } from '../../../config/paths';
import { formatDateTime } from '../../../lib/format-date';
import { wholeListLabel } from '../../../lib/list-search';
import type {
  BackofficeQueueItem as QueueItem,
  QueueFilter,
} from '../api/use-backoffice-affiliations';
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

const REQUESTS = { none: 'Aucune demande', one: 'demande', many: 'demandes' };

function EmployeeLink({ item }: { item: QueueItem }) {
  return (
    <AnchorLink to={paths.backOfficeAffiliation} params={{ requestId: item.id }} fw={600} size="sm">
      {item.lastName} {item.firstName}
    </AnchorLink>
  );
}

const when = (item: QueueItem) => formatDateTime(item.statusChangedAt);

const columns: DataColumn<QueueItem>[] = [
  { header: 'Société', cell: (item) => item.companyName },
  { header: 'Établissement', cell: (item) => item.establishmentName },
  { header: 'Salarié', rowHeader: true, cell: (item) => <EmployeeLink item={item} /> },
  { header: 'Mode', cell: (item) => AFFILIATION_MODE_LABELS[item.mode] },
  { header: 'Statut', cell: (item) => <AffiliationStatusBadge status={item.status} /> },
  { header: 'Date', noWrap: true, cell: when },
];

/** One tab's requests, newest first: a table on a computer, cards on a phone. */
function QueueTable({ tab }: { tab: TabId }) {
  const { label, filter } = TABS[tab];
  const queue = useBackofficeQueue(filter);
  const truncated = Boolean(queue.data?.truncated);
  return (
    <ListResults
      id={`queue-${tab}`}
      testId={`queue-count-${tab}`}
      list={queue}
      loading="Chargement des demandes…"
      count={(d) =>
        `${wholeListLabel(d.items.length, REQUESTS, false)}${truncated ? ' (les plus récentes)' : ''}`
      }
      skeleton={<ListSkeleton />}
      empty={<ListEmpty icon={IconInbox} title="Aucune demande dans cette liste." />}
    >
      {(items) => (
        <DataTable
          caption={`Demandes d’affiliation : ${label}`}
          columns={columns}
          rows={items}
          minWidth={820}
          striped
          card={{
            title: (item) => <EmployeeLink item={item} />,
            aside: (item) => <AffiliationStatusBadge status={item.status} />,
            body: (item) => (
              <CardLines>
                <CardLine label="Société">{item.companyName}</CardLine>
                <CardLine label="Établissement">{item.establishmentName}</CardLine>
                <CardLine label="Mode">{AFFILIATION_MODE_LABELS[item.mode]}</CardLine>
                <CardLine label="Date">{when(item)}</CardLine>
              </CardLines>
            ),
          }}
        />
      )}
    </ListResults>
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
