import { Stack, Text, UnstyledButton } from '@mantine/core';
import { DISPENSE_CASE_SHORT_LABELS, dispenseCase } from '@affilia/shared/domain/dispense';
import { listName, ofName } from '@affilia/shared/domain/person-name';
import type { DispenseRow } from '../api/use-dispenses';
import type { DispenseSort, SortOrder } from '../dispenses-search';
import type { DataColumn } from '../../../components/data-table';
import { CardLine, CardLines, DataTable, NoValue } from '../../../components/data-table';
import { AnchorLink } from '../../../components/links';
import { paths } from '../../../config/paths';
import { formatIsoDate } from '../../../lib/member-format';
import { DispenseStateBadge } from './dispense-state-badge';

function sortDescription(sort: DispenseSort, order: SortOrder): string {
  if (sort === 'name') return `triées par nom, ${order === 'asc' ? 'de A à Z' : 'de Z à A'}`;
  if (sort === 'end_date')
    return `triées par fin de la justification, ${order === 'asc' ? 'la plus proche d’abord' : 'la plus lointaine d’abord'}`;
  return `triées par date de la demande, ${order === 'desc' ? 'de la plus récente à la plus ancienne' : 'de la plus ancienne à la plus récente'}`;
}

/**
 * The case in a few words, its legal source below; the full label is in the dispense's dialog
 * (a tooltip here would load the floating layer's code with the page, for a text a keyboard
 * could not reach).
 */
function CaseCell({ row }: { row: DispenseRow }) {
  const rule = dispenseCase(row.caseCode);
  return (
    <Stack gap={0}>
      <Text size="sm" span>
        {DISPENSE_CASE_SHORT_LABELS[row.caseCode]}
      </Text>
      <Text size="xs" c="gray.8">
        {rule.legalSource}
      </Text>
    </Stack>
  );
}

/** The proof's file name, « Non requis » for the cases without proof. */
function proofText(row: DispenseRow): string {
  if (row.proofName) return row.proofName;
  return dispenseCase(row.caseCode).proof ? 'Manquant' : 'Non requis';
}

/**
 * The state, the yearly renewal sent when one waits for the insurer, and « Affilier » once the
 * dispense expired (the pré-affiliation pre-filled from it).
 */
function State({ row }: { row: DispenseRow }) {
  return (
    <Stack gap={4} align="flex-start">
      <DispenseStateBadge state={row.state} />
      {row.renewalRequested ? (
        <Text size="xs" c="gray.8">
          Renouvellement envoyé à l’assureur
        </Text>
      ) : null}
      {row.state === 'expired' ? (
        <AnchorLink
          to={paths.preAffiliation}
          search={{ dispense: row.id }}
          size="sm"
          fw={600}
          aria-label={`Affilier ${row.firstName} ${row.lastName}`}
        >
          Affilier
        </AnchorLink>
      ) : null}
    </Stack>
  );
}

const dateOr = (date: string | null) =>
  date ? formatIsoDate(date) : <NoValue label="Aucune date" />;

/**
 * The register's lines (issue 19): the employee (opening the dispense), the establishment, the
 * case and its source, the proof, the end, the renewal and the state; one card each on a phone.
 */
export function DispenseList({
  rows,
  sort,
  order,
  onSort,
  onOpen,
}: {
  rows: DispenseRow[];
  sort: DispenseSort;
  order: SortOrder;
  onSort: (column: DispenseSort) => void;
  onOpen: (row: DispenseRow) => void;
}) {
  const name = (row: DispenseRow) => (
    <UnstyledButton
      onClick={() => onOpen(row)}
      fw={600}
      fz="sm"
      c="brand.8"
      td="underline"
      aria-label={`Voir la dispense ${ofName(listName(row))}`}
    >
      {listName(row)}
    </UnstyledButton>
  );
  const columns: DataColumn<DispenseRow, DispenseSort>[] = [
    { header: 'Salarié', sort: 'name', rowHeader: true, minWidth: '9rem', cell: name },
    { header: 'Établissement', minWidth: '8rem', cell: (row) => row.establishment.name },
    { header: 'Cas', minWidth: '12rem', cell: (row) => <CaseCell row={row} /> },
    { header: 'Justificatif', minWidth: '8rem', cell: proofText },
    { header: 'Fin', sort: 'end_date', noWrap: true, cell: (row) => dateOr(row.endDate) },
    { header: 'Renouvellement', noWrap: true, cell: (row) => dateOr(row.renewalDueDate) },
    { header: 'État', minWidth: '8rem', cell: (row) => <State row={row} /> },
  ];
  return (
    <DataTable
      caption="Dispenses d’affiliation"
      columns={columns}
      rows={rows}
      minWidth={960}
      striped
      sorting={{ sort, order, onSort, description: sortDescription(sort, order) }}
      card={{
        title: (row) => (
          <Stack gap={4}>
            {name(row)}
            <State row={row} />
          </Stack>
        ),
        body: (row) => (
          <CardLines>
            <CardLine label="Cas">{DISPENSE_CASE_SHORT_LABELS[row.caseCode]}</CardLine>
            <CardLine label="Fondement">{dispenseCase(row.caseCode).legalSource}</CardLine>
            <CardLine label="Établissement">{row.establishment.name}</CardLine>
            <CardLine label="Justificatif">{proofText(row)}</CardLine>
            <CardLine label="Fin">{dateOr(row.endDate)}</CardLine>
            <CardLine label="Renouvellement">{dateOr(row.renewalDueDate)}</CardLine>
          </CardLines>
        ),
      }}
    />
  );
}
