import type { ReactNode } from 'react';
import { Group, Paper, Skeleton, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { listName } from '@affilia/shared/domain/person-name';
import { AFFILIATION_MODE_LABELS } from '@affilia/shared/domain/enums';
import type { AffiliationSort } from '@affilia/shared/schemas/affiliations';
import type { AffiliationRow } from '../api/use-affiliations';
import type { SortOrder } from '../affiliations-search';
import { formatDate, formatSiren, formatSiret, reminderSummary } from '../format';
import { AffiliationActionsMenu } from './affiliation-actions-menu';
import { AffiliationStatusBadge } from './affiliation-status-badge';
import { SortHeader } from '../../../components/sort-header';
import classes from './affiliation-list.module.css';

const CAPTION = 'Demandes d’affiliation';

interface ListProps {
  rows: AffiliationRow[];
  onRemind: (row: AffiliationRow) => void;
  onCancel: (row: AffiliationRow) => void;
  /** The row whose reminder is on its way. */
  remindingId: string | null;
}

/** Both dates of a request, each sortable (issue 14 #24). */
const SORT_LABELS: Record<AffiliationSort, string> = {
  created_at: 'Demandée le',
  status_changed_at: 'Dernière mise à jour',
  name: 'Nom Prénom',
};

function sortDescription(sort: AffiliationSort, order: SortOrder): string {
  if (sort !== 'name') {
    const by = sort === 'created_at' ? 'date de la demande' : 'date de dernière mise à jour';
    return `triées par ${by}, ${order === 'desc' ? 'de la plus récente à la plus ancienne' : 'de la plus ancienne à la plus récente'}`;
  }
  return `triées par nom, ${order === 'asc' ? 'de A à Z' : 'de Z à A'}`;
}

/** « 2 relances, dernière le 07/02/2025 » under the status, when there were reminders. */
function Reminders({ row }: { row: AffiliationRow }) {
  if (row.reminderCount === 0) return null;
  return (
    <Text size="xs" c="gray.8" mt={4}>
      {reminderSummary(row)}
    </Text>
  );
}

/** The list on a tablet or a computer: the guide's columns. */
export function AffiliationTable({
  rows,
  onRemind,
  onCancel,
  remindingId,
  sort,
  order,
  onSort,
}: ListProps & {
  sort: AffiliationSort;
  order: SortOrder;
  onSort: (column: AffiliationSort) => void;
}) {
  const header = (column: AffiliationSort) => (
    <SortHeader
      column={column}
      label={SORT_LABELS[column]}
      sort={sort}
      order={order}
      onSort={onSort}
      className={classes.th}
    />
  );
  return (
    <Paper withBorder radius="md" visibleFrom="sm" style={{ overflow: 'hidden' }}>
      <Table.ScrollContainer minWidth={1000}>
        <Table verticalSpacing="sm" horizontalSpacing="xs" highlightOnHover striped>
          <Table.Caption>
            <VisuallyHidden>
              {CAPTION}, {sortDescription(sort, order)}
            </VisuallyHidden>
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">SIREN</Table.Th>
              <Table.Th scope="col">SIRET</Table.Th>
              <Table.Th scope="col">Établissement</Table.Th>
              {header('name')}
              <Table.Th scope="col" className={classes.th}>
                Mode d’affiliation
              </Table.Th>
              <Table.Th scope="col">Statut</Table.Th>
              {header('created_at')}
              {header('status_changed_at')}
              <Table.Th scope="col">Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.id}>
                <Table.Td className={classes.noWrap}>
                  <Text size="sm">{formatSiren(row.company.siren)}</Text>
                </Table.Td>
                <Table.Td className={classes.noWrap}>
                  <Text size="sm">{formatSiret(row.establishment.siret)}</Text>
                </Table.Td>
                <Table.Td className={classes.establishment}>
                  <Text size="sm">{row.establishment.name}</Text>
                </Table.Td>
                <Table.Th scope="row" fw={600} className={classes.name}>
                  <Text size="sm" fw={600}>
                    {listName(row)}
                  </Text>
                </Table.Th>
                <Table.Td>
                  <Text size="sm">{AFFILIATION_MODE_LABELS[row.mode]}</Text>
                </Table.Td>
                <Table.Td>
                  <AffiliationStatusBadge status={row.status} />
                  <Reminders row={row} />
                </Table.Td>
                <Table.Td className={classes.noWrap}>
                  <Text size="sm">{formatDate(row.createdAt)}</Text>
                </Table.Td>
                <Table.Td className={classes.noWrap}>
                  <Text size="sm">{formatDate(row.statusChangedAt)}</Text>
                </Table.Td>
                <Table.Td>
                  <AffiliationActionsMenu
                    row={row}
                    onRemind={onRemind}
                    onCancel={onCancel}
                    reminding={remindingId === row.id}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

function CardLine({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className={classes.cardLine}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** The list on a phone: one card per request. */
export function AffiliationCards({ rows, onRemind, onCancel, remindingId }: ListProps) {
  return (
    <Stack
      gap="sm"
      hiddenFrom="sm"
      component="ul"
      aria-label={CAPTION}
      m={0}
      p={0}
      style={{ listStyle: 'none' }}
    >
      {rows.map((row) => (
        <Paper component="li" key={row.id} withBorder radius="md" p="md">
          <Stack gap="xs">
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
              <Stack gap={4}>
                <Text fw={600} size="sm">
                  {listName(row)}
                </Text>
                <div>
                  <AffiliationStatusBadge status={row.status} />
                  <Reminders row={row} />
                </div>
              </Stack>
              <AffiliationActionsMenu
                row={row}
                onRemind={onRemind}
                onCancel={onCancel}
                reminding={remindingId === row.id}
              />
            </Group>
            <dl className={classes.cardList}>
              <CardLine label="Établissement">{row.establishment.name}</CardLine>
              <CardLine label="SIREN">{formatSiren(row.company.siren)}</CardLine>
              <CardLine label="SIRET">{formatSiret(row.establishment.siret)}</CardLine>
              <CardLine label="Mode d’affiliation">{AFFILIATION_MODE_LABELS[row.mode]}</CardLine>
              <CardLine label="Demandée le">{formatDate(row.createdAt)}</CardLine>
              <CardLine label="Dernière mise à jour">{formatDate(row.statusChangedAt)}</CardLine>
            </dl>
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}

/** Placeholder rows while the first answer is on its way. */
export function AffiliationListSkeleton() {
  return (
    <Stack gap="sm" aria-hidden>
      {[0, 1, 2, 3, 4].map((row) => (
        <Paper key={row} withBorder radius="md" p="md">
          <Group gap="lg" wrap="nowrap">
            <Skeleton height={14} width="12%" radius="sm" visibleFrom="sm" />
            <Skeleton height={14} width="16%" radius="sm" visibleFrom="sm" />
            <Skeleton height={14} width="20%" radius="sm" />
            <Skeleton height={14} width="18%" radius="sm" />
            <Skeleton height={20} width={110} radius="sm" />
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}
