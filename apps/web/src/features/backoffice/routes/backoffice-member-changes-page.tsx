import { Tabs } from '@mantine/core';
import { IconUserEdit } from '@tabler/icons-react';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { MEMBER_CHANGE_KIND_LABELS } from '@affilia/shared/domain/member-change';
import { formatFrenchDate } from '@affilia/shared/validators/dates';
import type { DataColumn } from '../../../components/data-table';
import { CardLine, CardLines, DataTable } from '../../../components/data-table';
import { AnchorLink } from '../../../components/links';
import { ListEmpty } from '../../../components/list-empty';
import { ListResults } from '../../../components/list-page';
import { ListSkeleton } from '../../../components/list-skeleton';
import { MemberChangeStatusBadge } from '../../../components/member-change-status-badge';
import { memberChangeSummary } from '../../../components/member-change-summary';
import { Page } from '../../../components/page';
import { paths } from '../../../config/paths';
import { formatDateTime } from '../../../lib/format-date';
import { wholeListLabel } from '../../../lib/list-search';
import type { MemberChangeView as Item } from '../api/use-backoffice-member-changes';
import { useBackofficeMemberChanges } from '../api/use-backoffice-member-changes';
import type { MemberChangeQueueStatus } from '../member-changes-queue-search';
import {
  MEMBER_CHANGE_QUEUE_STATUSES,
  memberChangesQueueStatus,
  validateMemberChangesQueueSearch,
} from '../member-changes-queue-search';

const TAB_LABELS: Record<MemberChangeQueueStatus, string> = {
  sent: 'À traiter',
  returned: 'Retournés',
  validated: 'Validés',
};
const CHANGES = { none: 'Aucun changement', one: 'changement', many: 'changements' };

function MemberLink({ item }: { item: Item }) {
  return (
    <AnchorLink to={paths.backOfficeMemberChange} params={{ changeId: item.id }} fw={600} size="sm">
      {item.member.lastName} {item.member.firstName}
    </AnchorLink>
  );
}

const effective = (item: Item) => formatFrenchDate(item.effectiveDate);
const received = (item: Item) => formatDateTime(item.createdAt);

const columns: DataColumn<Item>[] = [
  { header: 'Salarié', rowHeader: true, cell: (item) => <MemberLink item={item} /> },
  { header: 'Société', cell: (item) => item.company.name },
  { header: 'Établissement', cell: (item) => item.establishment.name },
  { header: 'Changement', cell: (item) => MEMBER_CHANGE_KIND_LABELS[item.kind] },
  { header: 'Détail', minWidth: '14rem', cell: (item) => memberChangeSummary(item) },
  { header: 'Date d’effet', noWrap: true, cell: effective },
  { header: 'Statut', cell: (item) => <MemberChangeStatusBadge status={item.status} /> },
  { header: 'Reçu le', noWrap: true, cell: received },
];

/** One tab's changes: a table on a computer, cards on a phone. */
function QueueTable({ status, label }: { status: MemberChangeQueueStatus; label: string }) {
  const queue = useBackofficeMemberChanges(status);
  return (
    <ListResults
      id={`member-changes-${status}`}
      testId={`member-changes-count-${status}`}
      list={queue}
      loading="Chargement des changements…"
      count={(d) => wholeListLabel(d.items.length, CHANGES, false)}
      skeleton={<ListSkeleton />}
      empty={<ListEmpty icon={IconUserEdit} title="Aucun changement dans cette liste." />}
    >
      {(items) => (
        <DataTable
          caption={`Changements des salariés : ${label.toLowerCase()}`}
          columns={columns}
          rows={items}
          minWidth={1080}
          striped
          card={{
            title: (item) => <MemberLink item={item} />,
            aside: (item) => <MemberChangeStatusBadge status={item.status} />,
            body: (item) => (
              <CardLines>
                <CardLine label="Changement">{MEMBER_CHANGE_KIND_LABELS[item.kind]}</CardLine>
                <CardLine label="Détail">{memberChangeSummary(item)}</CardLine>
                <CardLine label="Société">{item.company.name}</CardLine>
                <CardLine label="Établissement">{item.establishment.name}</CardLine>
                <CardLine label="Date d’effet">{effective(item)}</CardLine>
                <CardLine label="Reçu le">{received(item)}</CardLine>
              </CardLines>
            ),
          }}
        />
      )}
    </ListResults>
  );
}

/**
 * `/back-office/changements`: the changes the employers declared for their members (issue 20) —
 * statut, établissement, option, bénéficiaires — to validate or return, the longest waiting first;
 * then those returned or validated. The tab in the address.
 */
export function BackOfficeMemberChangesPage() {
  const navigate = useNavigate();
  const status = memberChangesQueueStatus(
    validateMemberChangesQueueSearch(useSearch({ strict: false })),
  );
  return (
    <Page
      title="Changements des salariés"
      description="Les changements déclarés par les entreprises pour leurs salariés couverts : vérifiez-les et leurs justificatifs, puis validez-les ou retournez-les à l’employeur."
    >
      <Tabs
        value={status}
        onChange={(value) =>
          void navigate({
            to: paths.backOfficeMemberChanges,
            search: validateMemberChangesQueueSearch({ status: value }),
          })
        }
        keepMounted={false}
      >
        <Tabs.List>
          {MEMBER_CHANGE_QUEUE_STATUSES.map((s) => (
            <Tabs.Tab key={s} value={s}>
              {TAB_LABELS[s]}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {MEMBER_CHANGE_QUEUE_STATUSES.map((s) => (
          <Tabs.Panel key={s} value={s} pt="md">
            <QueueTable status={s} label={TAB_LABELS[s]} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Page>
  );
}
