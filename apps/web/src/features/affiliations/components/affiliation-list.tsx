import { Stack, Text } from '@mantine/core';
import { IconDownload, IconFileDescription } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { listName } from '@affilia/shared/domain/person-name';
import { AFFILIATION_MODE_LABELS } from '@affilia/shared/domain/enums';
import { radiationMotif } from '@affilia/shared/domain/radiation';
import { REQUEST_TYPE_LABELS } from '@affilia/shared/domain/requests';
import type { AffiliationSort } from '@affilia/shared/schemas/affiliations';
import type {
  AffiliationRequestRow,
  MemberChangeRequestRow,
  RadiationRequestRow,
  RequestRow,
} from '../api/use-affiliations';
import { isMemberChangeRow } from '../api/use-affiliations';
import type { SortOrder } from '../affiliations-search';
import { employeeName, formatDate, formatSiren, formatSiret, reminderSummary } from '../format';
import { AffiliationActionsMenu } from './affiliation-actions-menu';
import { AffiliationStatusBadge } from './affiliation-status-badge';
import type { DataColumn } from '../../../components/data-table';
import { CardLine, CardLines, DataTable } from '../../../components/data-table';
import { AnchorLink } from '../../../components/links';
import { MemberChangeStatusBadge } from '../../../components/member-change-status-badge';
import { RadiationStatusBadge } from '../../../components/radiation-status-badge';
import { RowActionsMenu } from '../../../components/row-actions-menu';
import { paths } from '../../../config/paths';
import { radiationNoticeUrl } from '../../../lib/radiations-api';

function sortDescription(sort: AffiliationSort, order: SortOrder): string {
  if (sort !== 'name') {
    const by = sort === 'created_at' ? 'date de la demande' : 'date de dernière mise à jour';
    return `triées par ${by}, ${order === 'desc' ? 'de la plus récente à la plus ancienne' : 'de la plus ancienne à la plus récente'}`;
  }
  return `triées par nom, ${order === 'asc' ? 'de A à Z' : 'de Z à A'}`;
}

/** The status and, for an affiliation reminded, « 2 relances, dernière le 07/02/2025 ». */
function Status({ row }: { row: RequestRow }) {
  if (row.type === 'radiation') return <RadiationStatusBadge status={row.status} />;
  if (isMemberChangeRow(row)) return <MemberChangeStatusBadge status={row.status} />;
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
 * « Affiliation » with its mode, « Radiation » with the end of the contract, a change of a member
 * with its date d'effet.
 */
function TypeCell({ row }: { row: RequestRow }) {
  return (
    <Stack gap={0}>
      <Text size="sm" fw={600}>
        {REQUEST_TYPE_LABELS[row.type]}
      </Text>
      <Text size="xs" c="gray.8">
        {row.type === 'affiliation'
          ? `Mode : ${AFFILIATION_MODE_LABELS[row.mode]}`
          : row.type === 'radiation'
            ? `Fin du contrat : ${formatDate(row.contractEndDate)}`
            : `Date d’effet : ${formatDate(row.effectiveDate)}`}
      </Text>
    </Stack>
  );
}

/** The request's name, opening its detail: the radiation's page, the member's page. */
function RequestName({ row }: { row: RequestRow }) {
  const name = listName(row);
  if (row.type === 'radiation') {
    return (
      <AnchorLink to={paths.radiation} params={{ radiationId: row.id }} fw={600} size="sm">
        {name}
      </AnchorLink>
    );
  }
  if (row.memberId) {
    return (
      <AnchorLink to={paths.member} params={{ memberId: row.memberId }} fw={600} size="sm">
        {name}
      </AnchorLink>
    );
  }
  return (
    <Text fw={600} size="sm">
      {name}
    </Text>
  );
}

/** The « … » of a change of a member: the member's page, where it is followed and cancelled. */
function MemberChangeActionsMenu({ row }: { row: MemberChangeRequestRow }) {
  const navigate = useNavigate();
  const memberId = row.memberId;
  return (
    <RowActionsMenu
      name={employeeName(row)}
      width={280}
      actions={
        memberId
          ? [
              {
                key: 'open',
                label: 'Voir la fiche du salarié',
                icon: IconFileDescription,
                onClick: () => void navigate({ to: paths.member, params: { memberId } }),
              },
            ]
          : []
      }
    />
  );
}

/** The « … » of a radiation: its page, its notice. */
function RadiationActionsMenu({ row }: { row: RadiationRequestRow }) {
  const navigate = useNavigate();
  return (
    <RowActionsMenu
      name={employeeName(row)}
      width={280}
      actions={[
        {
          key: 'open',
          label: 'Voir la radiation',
          icon: IconFileDescription,
          onClick: () => void navigate({ to: paths.radiation, params: { radiationId: row.id } }),
        },
        {
          key: 'notice',
          label: 'Télécharger la notice (PDF)',
          icon: IconDownload,
          href: radiationNoticeUrl(row.id),
        },
      ]}
    />
  );
}

/**
 * The requests of « Suivi des demandes » (issue 18): affiliations and radiations, the guide's
 * columns and the « Type » one, both dates sortable (issue 14 #24), each row's « … » menu; one
 * card per request on a phone.
 */
export function AffiliationList({
  rows,
  onRemind,
  onCancel,
  onPaperDispense,
  remindingId,
  sort,
  order,
  onSort,
}: {
  rows: RequestRow[];
  onRemind: (row: AffiliationRequestRow) => void;
  onCancel: (row: AffiliationRequestRow) => void;
  onPaperDispense: (row: AffiliationRequestRow) => void;
  /** The row whose reminder is on its way. */
  remindingId: string | null;
  sort: AffiliationSort;
  order: SortOrder;
  onSort: (column: AffiliationSort) => void;
}) {
  const actions = (row: RequestRow) =>
    row.type === 'radiation' ? (
      <RadiationActionsMenu row={row} />
    ) : isMemberChangeRow(row) ? (
      <MemberChangeActionsMenu row={row} />
    ) : (
      <AffiliationActionsMenu
        row={row}
        onRemind={onRemind}
        onCancel={onCancel}
        onPaperDispense={onPaperDispense}
        reminding={remindingId === row.id}
      />
    );
  const columns: DataColumn<RequestRow, AffiliationSort>[] = [
    { header: 'SIREN', noWrap: true, cell: (row) => formatSiren(row.company.siren) },
    { header: 'SIRET', noWrap: true, cell: (row) => formatSiret(row.establishment.siret) },
    { header: 'Établissement', minWidth: '9rem', cell: (row) => row.establishment.name },
    {
      header: 'Nom Prénom',
      sort: 'name',
      rowHeader: true,
      minWidth: '9rem',
      cell: (row) => <RequestName row={row} />,
    },
    { header: 'Type', minWidth: '7.5rem', cell: (row) => <TypeCell row={row} /> },
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
      caption="Demandes"
      columns={columns}
      rows={rows}
      minWidth={1000}
      striped
      sorting={{ sort, order, onSort, description: sortDescription(sort, order) }}
      card={{
        title: (row) => (
          <Stack gap={4}>
            <RequestName row={row} />
            <Status row={row} />
          </Stack>
        ),
        aside: actions,
        body: (row) => (
          <CardLines>
            <CardLine label="Type">{REQUEST_TYPE_LABELS[row.type]}</CardLine>
            {row.type === 'affiliation' ? (
              <CardLine label="Mode d’affiliation">{AFFILIATION_MODE_LABELS[row.mode]}</CardLine>
            ) : row.type === 'radiation' ? (
              <>
                <CardLine label="Fin du contrat">{formatDate(row.contractEndDate)}</CardLine>
                <CardLine label="Motif">{radiationMotif(row.motif).label}</CardLine>
              </>
            ) : (
              <CardLine label="Date d’effet">{formatDate(row.effectiveDate)}</CardLine>
            )}
            <CardLine label="Établissement">{row.establishment.name}</CardLine>
            <CardLine label="SIREN">{formatSiren(row.company.siren)}</CardLine>
            <CardLine label="SIRET">{formatSiret(row.establishment.siret)}</CardLine>
            <CardLine label="Demandée le">{formatDate(row.createdAt)}</CardLine>
            <CardLine label="Dernière mise à jour">{formatDate(row.statusChangedAt)}</CardLine>
          </CardLines>
        ),
      }}
    />
  );
}
