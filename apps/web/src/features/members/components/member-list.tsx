import { Stack, Text } from '@mantine/core';
import { listName } from '@affilia/shared/domain/person-name';
import { PROFESSIONAL_STATUS_LABELS } from '@affilia/shared/domain/enums';
import type { MemberSort } from '@affilia/shared/domain/enums';
import { MEMBER_SORT_LABELS } from '@affilia/shared/domain/enums';
import { AnchorLink } from '../../../components/links';
import { paths } from '../../../config/paths';
import type { MemberRow } from '../api/use-members';
import { formatIsoDate, formatNirGrouped } from '../../../lib/member-format';
import type { MembersSearch, SortOrder } from '../members-search';
import { CoverageStatusBadge } from '../../../components/coverage-status-badge';
import type { DataColumn } from '../../../components/data-table';
import { CardLine, CardLines, DataTable, NoValue } from '../../../components/data-table';
import classes from './member-list.module.css';

function MemberLink({ member, search }: { member: MemberRow; search: MembersSearch }) {
  return (
    <AnchorLink
      to={paths.member}
      params={{ memberId: member.id }}
      search={search}
      fw={600}
      size="sm"
    >
      {listName(member)}
    </AnchorLink>
  );
}

function Nir({ nir }: { nir: string }) {
  return <span className={classes.nir}>{formatNirGrouped(nir)}</span>;
}

function Contract({ member }: { member: MemberRow }) {
  if (!member.contract) {
    return (
      <Text size="sm" c="gray.8">
        Aucun contrat
      </Text>
    );
  }
  return (
    <Stack gap={0}>
      <Text size="sm">{member.contract.label}</Text>
      <Text size="xs" c="gray.8">
        n° {member.contract.number}
      </Text>
    </Stack>
  );
}

/** A date; « — » for none (a contract without end date). */
function DateText({ iso }: { iso: string | null | undefined }) {
  return iso ? <>{formatIsoDate(iso)}</> : <NoValue label="Aucune" />;
}

/** « En portabilité jusqu’au 12/04/2027 » (issue 18), under the contract's status. */
function PortabilityEnd({ member }: { member: MemberRow }) {
  if (!member.portabilityEndDate) return null;
  return (
    <Text size="xs" c="teal.9" fw={600} mt={4}>
      Portabilité jusqu’au{' '}
      <span className={classes.noWrap}>{formatIsoDate(member.portabilityEndDate)}</span>
    </Text>
  );
}

function Coverage({ member }: { member: MemberRow }) {
  return member.contract ? <CoverageStatusBadge status={member.contract.status} /> : null;
}

/** « Salariés affiliés, triés par Date d’effet, du plus récent au plus ancien ». */
function sortDescription(sort: MemberSort, order: SortOrder): string {
  const label = MEMBER_SORT_LABELS[sort];
  if (sort === 'effective_date' || sort === 'end_date') {
    return `triés par ${label.toLowerCase()}, ${order === 'asc' ? 'de la plus ancienne à la plus récente' : 'de la plus récente à la plus ancienne'}`;
  }
  return `triés par ${label.toLowerCase()}, ${order === 'asc' ? 'de A à Z' : 'de Z à A'}`;
}

/**
 * The members of « Mes salariés »: the guide's columns, four of them sortable; one card per
 * member on a phone. Each name links to the member's page with the list's search, for « Retour à
 * Mes salariés ».
 */
export function MemberList({
  members,
  search,
  sort,
  order,
  onSort,
  selected,
  onSelect,
}: {
  members: MemberRow[];
  search: MembersSearch;
  sort: MemberSort;
  order: SortOrder;
  onSort: (column: MemberSort) => void;
  /** The members checked for « Radier la sélection »; no checkboxes without it. */
  selected?: ReadonlySet<string>;
  onSelect?: (selected: Set<string>) => void;
}) {
  const columns: DataColumn<MemberRow, MemberSort>[] = [
    {
      header: MEMBER_SORT_LABELS.establishment,
      sort: 'establishment',
      minWidth: '9.5rem',
      cell: (m) => m.establishment.name,
    },
    {
      header: 'Statut professionnel',
      noWrap: true,
      cell: (m) => PROFESSIONAL_STATUS_LABELS[m.professionalStatus],
    },
    {
      header: MEMBER_SORT_LABELS.name,
      sort: 'name',
      rowHeader: true,
      minWidth: '8.5rem',
      cell: (m) => <MemberLink member={m} search={search} />,
    },
    { header: 'NIR', cell: (m) => <Nir nir={m.nir} /> },
    { header: 'Contrat', minWidth: '12rem', cell: (m) => <Contract member={m} /> },
    {
      header: MEMBER_SORT_LABELS.effective_date,
      sort: 'effective_date',
      noWrap: true,
      cell: (m) => <DateText iso={m.contract?.effectiveDate} />,
    },
    {
      header: MEMBER_SORT_LABELS.end_date,
      sort: 'end_date',
      noWrap: true,
      cell: (m) => <DateText iso={m.contract?.endDate} />,
    },
    {
      header: 'Statut du contrat',
      minWidth: '7.5rem',
      cell: (m) => (
        <div>
          <Coverage member={m} />
          <PortabilityEnd member={m} />
        </div>
      ),
    },
  ];
  return (
    <DataTable
      caption="Salariés affiliés"
      columns={columns}
      rows={members}
      minWidth={960}
      striped
      sorting={{ sort, order, onSort, description: sortDescription(sort, order) }}
      selection={
        selected && onSelect
          ? {
              selected,
              onChange: onSelect,
              label: (m) => `Sélectionner ${m.firstName} ${m.lastName}`,
              allLabel: 'Sélectionner tous les salariés de la page',
            }
          : undefined
      }
      card={{
        title: (m) => <MemberLink member={m} search={search} />,
        aside: (m) => <Coverage member={m} />,
        body: (m) => (
          <CardLines>
            <CardLine label="NIR">
              <Nir nir={m.nir} />
            </CardLine>
            <CardLine label="Établissement">{m.establishment.name}</CardLine>
            <CardLine label="Statut professionnel">
              {PROFESSIONAL_STATUS_LABELS[m.professionalStatus]}
            </CardLine>
            <CardLine label="Contrat">{m.contract ? m.contract.label : 'Aucun contrat'}</CardLine>
            <CardLine label="Date d’effet">
              <DateText iso={m.contract?.effectiveDate} />
            </CardLine>
            <CardLine label="Date de fin">
              <DateText iso={m.contract?.endDate} />
            </CardLine>
            {m.portabilityEndDate ? (
              <CardLine label="Portabilité">
                jusqu’au {formatIsoDate(m.portabilityEndDate)}
              </CardLine>
            ) : null}
          </CardLines>
        ),
      }}
    />
  );
}
