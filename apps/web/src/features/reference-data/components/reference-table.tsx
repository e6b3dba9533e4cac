import type { ReactNode } from 'react';
import { Paper, SimpleGrid, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { PROFESSIONAL_STATUS_LABELS, STAFF_CATEGORY_LABELS } from '@affilia/shared/domain/enums';
import { AnchorLink } from '../../../components/links';
import { paths } from '../../../config/paths';
import { CoverageStatusBadge } from '../../../components/coverage-status-badge';
import {
  formatIsoDate,
  formatNirGrouped,
  formatSiren,
  formatSiret,
} from '../../../lib/member-format';
import type {
  CompanyRow,
  ContractRow,
  EstablishmentRow,
  ReferenceEntity,
  ReferenceMemberRow,
} from '../api/use-reference-data';

/** One column: its header, and the cell of a row (also a line of the phone's card). */
export interface ReferenceColumn<Row> {
  label: string;
  cell: (row: Row) => ReactNode;
}

interface Props<Row extends { id: string }> {
  entity: ReferenceEntity;
  caption: string;
  rows: Row[];
  /** The header of the first column (« Raison sociale », « Nom »…). */
  titleLabel: string;
  /** The link's text: the row's name. */
  title: (row: Row) => string;
  columns: ReferenceColumn<Row>[];
}

function DetailLink({
  entity,
  id,
  children,
}: {
  entity: ReferenceEntity;
  id: string;
  children: ReactNode;
}) {
  return (
    <AnchorLink
      to={paths.backOfficeReferenceDetail}
      params={{ entity, entityId: id }}
      fw={600}
      size="sm"
    >
      {children}
    </AnchorLink>
  );
}

/** A list of reference data: a table on a tablet or a computer, cards on a phone. */
export function ReferenceTable<Row extends { id: string }>({
  entity,
  caption,
  rows,
  titleLabel,
  title,
  columns,
}: Props<Row>) {
  return (
    <>
      <Paper withBorder radius="md" visibleFrom="sm" style={{ overflow: 'hidden' }}>
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="sm" horizontalSpacing="sm" highlightOnHover striped>
            <Table.Caption>
              <VisuallyHidden>{caption}</VisuallyHidden>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{titleLabel}</Table.Th>
                {columns.map((c) => (
                  <Table.Th key={c.label} scope="col">
                    {c.label}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.id}>
                  <Table.Th scope="row" fw="inherit">
                    <DetailLink entity={entity} id={row.id}>
                      {title(row)}
                    </DetailLink>
                  </Table.Th>
                  {columns.map((c) => (
                    <Table.Td key={c.label} fz="sm">
                      {c.cell(row)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      <Stack
        gap="sm"
        hiddenFrom="sm"
        component="ul"
        aria-label={caption}
        m={0}
        p={0}
        style={{ listStyle: 'none' }}
      >
        {rows.map((row) => (
          <Paper component="li" key={row.id} withBorder radius="md" p="md">
            <Stack gap="xs">
              <DetailLink entity={entity} id={row.id}>
                {title(row)}
              </DetailLink>
              <SimpleGrid component="dl" cols={2} spacing={4} verticalSpacing={4} m={0}>
                {columns.map((c) => (
                  <CardLine key={c.label} label={c.label}>
                    {c.cell(row)}
                  </CardLine>
                ))}
              </SimpleGrid>
            </Stack>
          </Paper>
        ))}
      </Stack>
    </>
  );
}

function CardLine({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <Text component="dt" size="sm" c="gray.8">
        {label}
      </Text>
      <Text component="dd" size="sm" m={0}>
        {children}
      </Text>
    </>
  );
}

const dash = (value: string | null | undefined) => value || '—';

export const companyColumns: ReferenceColumn<CompanyRow>[] = [
  { label: 'SIREN', cell: (c) => formatSiren(c.siren) },
  { label: 'Identifiant entreprise', cell: (c) => c.insurerCompanyIdentifier },
  { label: 'CCN', cell: (c) => (c.idcc ? `${dash(c.ccnName)} (IDCC ${c.idcc})` : dash(c.ccnName)) },
  { label: 'Établissements', cell: (c) => c.establishmentCount },
  { label: 'Assurés', cell: (c) => c.memberCount },
];

export const establishmentColumns: ReferenceColumn<EstablishmentRow>[] = [
  { label: 'SIRET', cell: (e) => formatSiret(e.siret) },
  { label: 'Entreprise', cell: (e) => e.company.name },
  { label: 'Code identifiant', cell: (e) => e.insurerIdentifier },
  { label: 'Ville', cell: (e) => dash([e.postalCode, e.city].filter(Boolean).join(' ')) },
];

export const contractColumns: ReferenceColumn<ContractRow>[] = [
  { label: 'Numéro', cell: (c) => c.number },
  { label: 'Entreprise', cell: (c) => c.company.name },
  { label: 'Collège', cell: (c) => STAFF_CATEGORY_LABELS[c.staffCategory] },
  { label: 'Début', cell: (c) => formatIsoDate(c.startDate) },
  { label: 'Fin', cell: (c) => dash(formatIsoDate(c.endDate)) },
];

export const memberColumns: ReferenceColumn<ReferenceMemberRow>[] = [
  {
    label: 'NIR',
    cell: (m) => <span style={{ whiteSpace: 'nowrap' }}>{formatNirGrouped(m.nir)}</span>,
  },
  { label: 'Entreprise', cell: (m) => m.company.name },
  { label: 'Établissement', cell: (m) => m.establishment.name },
  { label: 'Statut', cell: (m) => PROFESSIONAL_STATUS_LABELS[m.professionalStatus] },
  { label: 'Contrat', cell: (m) => dash(m.contract?.label) },
  {
    label: 'Couverture',
    cell: (m) => (m.contract ? <CoverageStatusBadge status={m.contract.status} /> : '—'),
  },
];
