import type { ReactNode } from 'react';
import { PROFESSIONAL_STATUS_LABELS, STAFF_CATEGORY_LABELS } from '@affilia/shared/domain/enums';
import { CardLine, CardLines, DataTable } from '../../../components/data-table';
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
  ReferencePages,
} from '../api/use-reference-data';

/** One column: its header, and the cell of a row (also a line of the phone's card). */
export interface ReferenceColumn<Row> {
  label: string;
  cell: (row: Row) => ReactNode;
}

/** A link to a company's, an establishment's, a contract's or a member's page. */
export function DetailLink({
  entity,
  id,
  bold = false,
  children,
}: {
  entity: ReferenceEntity;
  id: string;
  bold?: boolean;
  children: ReactNode;
}) {
  return (
    <AnchorLink
      to={paths.backOfficeReferenceDetail}
      params={{ entity, entityId: id }}
      fw={bold ? 600 : undefined}
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
}: {
  entity: ReferenceEntity;
  caption: string;
  rows: Row[];
  /** The header of the first column (« Raison sociale », « Nom »…). */
  titleLabel: string;
  /** The link's text: the row's name. */
  title: (row: Row) => string;
  columns: ReferenceColumn<Row>[];
}) {
  const link = (row: Row) => (
    <DetailLink entity={entity} id={row.id} bold>
      {title(row)}
    </DetailLink>
  );
  return (
    <DataTable
      caption={caption}
      columns={[
        { header: titleLabel, rowHeader: true, cell: link },
        ...columns.map((c) => ({ header: c.label, cell: c.cell })),
      ]}
      rows={rows}
      minWidth={760}
      striped
      card={{
        title: link,
        body: (row) => (
          <CardLines>
            {columns.map((c) => (
              <CardLine key={c.label} label={c.label}>
                {c.cell(row)}
              </CardLine>
            ))}
          </CardLines>
        ),
      }}
    />
  );
}

const dash = (value: string | null | undefined) => value || '—';

/** How a tab's rows show: the first column's header and link text, and the other columns. */
export interface EntityTableSpec<Row> {
  titleLabel: string;
  title: (row: Row) => string;
  columns: ReferenceColumn<Row>[];
}

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

/** Each tab's table. */
export const ENTITY_TABLES: {
  [E in ReferenceEntity]: EntityTableSpec<ReferencePages[E]['items'][number]>;
} = {
  entreprises: { titleLabel: 'Raison sociale', title: (c) => c.name, columns: companyColumns },
  etablissements: {
    titleLabel: 'Établissement',
    title: (e) => e.name,
    columns: establishmentColumns,
  },
  contrats: { titleLabel: 'Libellé', title: (c) => c.label, columns: contractColumns },
  assures: {
    titleLabel: 'Nom',
    title: (m) => `${m.lastName} ${m.firstName}`,
    columns: memberColumns,
  },
};
