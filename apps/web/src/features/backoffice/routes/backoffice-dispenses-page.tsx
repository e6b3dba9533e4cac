import { Tabs } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { useNavigate, useSearch } from '@tanstack/react-router';
import {
  DISPENSE_CASE_SHORT_LABELS,
  DISPENSE_ORIGIN_LABELS,
} from '@affilia/shared/domain/dispense';
import type { DataColumn } from '../../../components/data-table';
import { CardLine, CardLines, DataTable } from '../../../components/data-table';
import { DispenseStatusBadge } from '../../../components/dispense-status-badge';
import { AnchorLink } from '../../../components/links';
import { ListEmpty } from '../../../components/list-empty';
import { ListResults } from '../../../components/list-page';
import { ListSkeleton } from '../../../components/list-skeleton';
import { Page } from '../../../components/page';
import { paths } from '../../../config/paths';
import { formatDateTime } from '../../../lib/format-date';
import { wholeListLabel } from '../../../lib/list-search';
import type { BackofficeDispenseItem as Item } from '../api/use-backoffice-dispenses';
import { useBackofficeDispenses } from '../api/use-backoffice-dispenses';
import type { DispenseQueueStatus } from '../dispenses-queue-search';
import {
  DISPENSE_QUEUE_TABS,
  dispenseQueueSearch,
  dispenseQueueStatus,
} from '../dispenses-queue-search';

const DISPENSES = { none: 'Aucune demande', one: 'demande', many: 'demandes' };

function EmployeeLink({ item }: { item: Item }) {
  return (
    <AnchorLink to={paths.backOfficeDispense} params={{ dispenseId: item.id }} fw={600} size="sm">
      {item.lastName} {item.firstName}
    </AnchorLink>
  );
}

const received = (item: Item) => formatDateTime(item.createdAt);
const renewal = (item: Item) => (item.isRenewal ? 'Oui' : 'Non');

const columns: DataColumn<Item>[] = [
  { header: 'Salarié', rowHeader: true, cell: (item) => <EmployeeLink item={item} /> },
  { header: 'Entreprise', cell: (item) => item.companyName },
  { header: 'Établissement', cell: (item) => item.establishmentName },
  { header: 'Cas', minWidth: '12rem', cell: (item) => DISPENSE_CASE_SHORT_LABELS[item.caseCode] },
  { header: 'Origine', cell: (item) => DISPENSE_ORIGIN_LABELS[item.origin] },
  { header: 'Renouvellement', cell: renewal },
  { header: 'Reçue le', noWrap: true, cell: received },
];

/** One tab's requests of dispense: a table on a computer, cards on a phone. */
function QueueTable({ status, label }: { status: DispenseQueueStatus; label: string }) {
  const queue = useBackofficeDispenses(status);
  const truncated = Boolean(queue.data?.truncated);
  return (
    <ListResults
      id={`dispenses-${status}`}
      testId={`dispenses-count-${status}`}
      list={queue}
      loading="Chargement des demandes de dispense…"
      count={(d) =>
        `${wholeListLabel(d.items.length, DISPENSES, false)}${truncated ? ' (les 500 premières)' : ''}`
      }
      skeleton={<ListSkeleton />}
      empty={
        <ListEmpty icon={IconShieldCheck} title="Aucune demande de dispense dans cette liste." />
      }
    >
      {(items) => (
        <DataTable
          caption={`Demandes de dispense : ${label.toLowerCase()}`}
          columns={columns}
          rows={items}
          minWidth={960}
          striped
          card={{
            title: (item) => <EmployeeLink item={item} />,
            aside: (item) => <DispenseStatusBadge status={item.status} />,
            body: (item) => (
              <CardLines>
                <CardLine label="Entreprise">{item.companyName}</CardLine>
                <CardLine label="Établissement">{item.establishmentName}</CardLine>
                <CardLine label="Cas">{DISPENSE_CASE_SHORT_LABELS[item.caseCode]}</CardLine>
                <CardLine label="Origine">{DISPENSE_ORIGIN_LABELS[item.origin]}</CardLine>
                <CardLine label="Renouvellement">{renewal(item)}</CardLine>
                <CardLine label="Reçue le">{received(item)}</CardLine>
              </CardLines>
            ),
          }}
        />
      )}
    </ListResults>
  );
}

/**
 * `/back-office/dispenses`: the requests of dispense d'affiliation (issue 19) to check, the
 * longest waiting first, then those validated, refused or expired; the tab in the address.
 */
export function BackOfficeDispensesPage() {
  const navigate = useNavigate();
  const status = dispenseQueueStatus(useSearch({ from: '/back-office/back-office/dispenses' }));
  return (
    <Page
      title="Dispenses d’affiliation"
      description="Les demandes de dispense des salariés et les dispenses papier des employeurs : vérifiez le cas et les justificatifs, puis validez ou refusez."
    >
      <Tabs
        value={status}
        onChange={(value) => {
          const tab = DISPENSE_QUEUE_TABS.find((t) => t.status === value);
          if (!tab) return;
          void navigate({ to: paths.backOfficeDispenses, search: dispenseQueueSearch(tab.status) });
        }}
        keepMounted={false}
      >
        <Tabs.List>
          {DISPENSE_QUEUE_TABS.map((t) => (
            <Tabs.Tab key={t.status} value={t.status}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {DISPENSE_QUEUE_TABS.map((t) => (
          <Tabs.Panel key={t.status} value={t.status} pt="md">
            <QueueTable status={t.status} label={t.label} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Page>
  );
}
