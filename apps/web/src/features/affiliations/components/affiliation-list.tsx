import { Stack, Text } from '@mantine/core';
import { listName } from '@affilia/shared/domain/person-name';
import { AFFILIATION_MODE_LABELS } from '@affilia/shared/domain/enums';
import type { AffiliationSort } from '@affilia/shared/schemas/affiliations';
import type { AffiliationRow } from '../api/use-affiliations';
import type { SortOrder } from '../affiliations-search';
import { formatDate, formatSiren, formatSiret, reminderSummary } from '../format';
import { AffiliationActionsMenu } from './affiliation-actions-menu';
import { AffiliationStatusBadge } from './affiliation-status-badge';
import type { DataColumn } from '../../../components/data-table';
import { CardLine, CardLines, DataTable } from '../../../components/data-table';

function sortDescription(sort: AffiliationSort, order: SortOrder): string {
  if (sort !== 'name') {
    const by = sort === 'created_at' ? 'date de la demande' : 'date de dernière mise à jour';
    return `triées par ${by}, ${order === 'desc' ? 'de la plus récente à la plus ancienne' : 'de la plus ancienne à la plus récente'}`;
  }
  return `triées par nom, ${order === 'asc' ? 'de A à Z' : 'de Z à A'}`;
}

/** The status and, when there were reminders, « 2 relances, dernière le 07/02/2025 ». */
function Status({ row }: { row: AffiliationRow }) {
  return (
    <div>
      <AffiliationStatusBadge status={row.status} />
      {row.reminderCount > 0 ? (
        <Text size="xs" c="gray.8" mt={4}>
          {reminderSummary(row)}
        </Text>
      ) : null}
    </div>
  );
}

/**
 * The requests of « Suivi des demandes »: the guide's columns, both dates sortable (issue 14
 * #24), each row's « … » menu; one card per request on a phone.
 */
export function AffiliationList({
  rows,
  onRemind,
  onCancel,
  remindingId,
  sort,
  order,
  onSort,
}: {
  rows: AffiliationRow[];
  onRemind: (row: AffiliationRow) => void;
  onCancel: (row: AffiliationRow) => void;
  /** The row whose reminder is on its way. */
  remindingId: string | null;
  sort: AffiliationSort;
  order: SortOrder;
  onSort: (column: AffiliationSort) => void;
}) {
  const actions = (row: AffiliationRow) => (
    <AffiliationActionsMenu
      row={row}
      onRemind={onRemind}
      onCancel={onCancel}
      reminding={remindingId === row.id}
    />
  );
  const columns: DataColumn<AffiliationRow, AffiliationSort>[] = [
    { header: 'SIREN', noWrap: true, cell: (row) => formatSiren(row.company.siren) },
    { header: 'SIRET', noWrap: true, cell: (row) => formatSiret(row.establishment.siret) },
    { header: 'Établissement', minWidth: '9rem', cell: (row) => row.establishment.name },
    {
      header: 'Nom Prénom',
      sort: 'name',
      rowHeader: true,
      minWidth: '9rem',
      cell: (row) => (
        <Text fw={600} size="sm">
          {listName(row)}
        </Text>
      ),
    },
    { header: 'Mode d’affiliation', cell: (row) => AFFILIATION_MODE_LABELS[row.mode] },
    { header: 'Statut', cell: (row) => <Status row={row} /> },
    {
      header: 'Demandée le',
      sort: 'created_at',
      noWrap: true,
      cell: (row) => formatDate(row.createdAt),
    },
    {
      header: 'Dernière mise à jour',
      sort: 'status_changed_at',
      noWrap: true,
      cell: (row) => formatDate(row.statusChangedAt),
    },
    { header: 'Actions', cell: actions },
  ];
  return (
    <DataTable
      caption="Demandes d’affiliation"
      columns={columns}
      rows={rows}
      minWidth={1000}
      striped
      sorting={{ sort, order, onSort, description: sortDescription(sort, order) }}
      card={{
        title: (row) => (
          <Stack gap={4}>
            <Text fw={600} size="sm">
              {listName(row)}
            </Text>
            <Status row={row} />
          </Stack>
        ),
        aside: actions,
        body: (row) => (
          <CardLines>
            <CardLine label="Établissement">{row.establishment.name}</CardLine>
            <CardLine label="SIREN">{formatSiren(row.company.siren)}</CardLine>
            <CardLine label="SIRET">{formatSiret(row.establishment.siret)}</CardLine>
            <CardLine label="Mode d’affiliation">{AFFILIATION_MODE_LABELS[row.mode]}</CardLine>
            <CardLine label="Demandée le">{formatDate(row.createdAt)}</CardLine>
            <CardLine label="Dernière mise à jour">{formatDate(row.statusChangedAt)}</CardLine>
          </CardLines>
        ),
      }}
    />
  );
}
