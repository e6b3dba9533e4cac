import type { ReactNode } from 'react';
import { Group, Paper, Skeleton, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
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
import { SortHeader } from '../../../components/sort-header';
import classes from './member-list.module.css';

const CAPTION = 'Salariés affiliés';

interface ListProps {
  members: MemberRow[];
  /** The list's search, carried to each member's page for « Retour à Mes salariés ». */
  search: MembersSearch;
}

function fullName(member: MemberRow): string {
  return listName(member);
}

function MemberLink({ member, search }: { member: MemberRow; search: MembersSearch }) {
  return (
    <AnchorLink
      to={paths.member}
      params={{ memberId: member.id }}
      search={search}
      fw={600}
      size="sm"
    >
      {fullName(member)}
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

/** A date cell; « — » for none (a contract without end date). */
function DateText({ iso, none }: { iso: string | null | undefined; none: string }) {
  if (!iso) {
    return (
      <>
        <span aria-hidden>—</span>
        <VisuallyHidden>{none}</VisuallyHidden>
      </>
    );
  }
  return <>{formatIsoDate(iso)}</>;
}

/** « Salariés affiliés, triés par Date d’effet, du plus récent au plus ancien ». */
function sortDescription(sort: MemberSort, order: SortOrder): string {
  const label = MEMBER_SORT_LABELS[sort];
  if (sort === 'effective_date' || sort === 'end_date') {
    return `triés par ${label.toLowerCase()}, ${order === 'asc' ? 'de la plus ancienne à la plus récente' : 'de la plus récente à la plus ancienne'}`;
  }
  return `triés par ${label.toLowerCase()}, ${order === 'asc' ? 'de A à Z' : 'de Z à A'}`;
}

/** The list on a tablet or a computer: the guide's columns, four of them sortable. */
export function MemberTable({
  members,
  search,
  sort,
  order,
  onSort,
}: ListProps & {
  sort: MemberSort;
  order: SortOrder;
  onSort: (column: MemberSort) => void;
}) {
  const header = (column: MemberSort) => (
    <SortHeader
      column={column}
      label={MEMBER_SORT_LABELS[column]}
      sort={sort}
      order={order}
      onSort={onSort}
      className={classes.th}
    />
  );
  return (
    <Paper withBorder radius="md" visibleFrom="sm" style={{ overflow: 'hidden' }}>
      <Table.ScrollContainer minWidth={960}>
        <Table verticalSpacing="sm" horizontalSpacing="xs" highlightOnHover striped>
          <Table.Caption>
            <VisuallyHidden>
              {CAPTION}, {sortDescription(sort, order)}
            </VisuallyHidden>
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              {header('establishment')}
              <Table.Th scope="col">Statut professionnel</Table.Th>
              {header('name')}
              <Table.Th scope="col">NIR</Table.Th>
              <Table.Th scope="col">Contrat</Table.Th>
              {header('effective_date')}
              {header('end_date')}
              <Table.Th scope="col">Statut du contrat</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {members.map((member) => (
              <Table.Tr key={member.id}>
                <Table.Td className={classes.establishment}>
                  <Text size="sm">{member.establishment.name}</Text>
                </Table.Td>
                <Table.Td className={classes.noWrap}>
                  <Text size="sm">{PROFESSIONAL_STATUS_LABELS[member.professionalStatus]}</Text>
                </Table.Td>
                <Table.Th scope="row" fw="inherit" className={classes.name}>
                  <MemberLink member={member} search={search} />
                </Table.Th>
                <Table.Td>
                  <Nir nir={member.nir} />
                </Table.Td>
                <Table.Td className={classes.contract}>
                  <Contract member={member} />
                </Table.Td>
                <Table.Td className={classes.date}>
                  <DateText iso={member.contract?.effectiveDate} none="Aucune" />
                </Table.Td>
                <Table.Td className={classes.date}>
                  <DateText iso={member.contract?.endDate} none="Aucune" />
                </Table.Td>
                <Table.Td>
                  {member.contract ? <CoverageStatusBadge status={member.contract.status} /> : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

/** One line of a card: « Date d’effet : 01/01/2024 ». */
function CardLine({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className={classes.cardLine}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** The list on a phone: one card per member. */
export function MemberCards({ members, search }: ListProps) {
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
      {members.map((member) => (
        <Paper component="li" key={member.id} withBorder radius="md" p="md">
          <Stack gap="xs">
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
              <MemberLink member={member} search={search} />
              {member.contract ? <CoverageStatusBadge status={member.contract.status} /> : null}
            </Group>
            <dl className={classes.cardList}>
              <CardLine label="NIR">
                <Nir nir={member.nir} />
              </CardLine>
              <CardLine label="Établissement">{member.establishment.name}</CardLine>
              <CardLine label="Statut professionnel">
                {PROFESSIONAL_STATUS_LABELS[member.professionalStatus]}
              </CardLine>
              <CardLine label="Contrat">
                {member.contract ? member.contract.label : 'Aucun contrat'}
              </CardLine>
              <CardLine label="Date d’effet">
                <DateText iso={member.contract?.effectiveDate} none="Aucune" />
              </CardLine>
              <CardLine label="Date de fin">
                <DateText iso={member.contract?.endDate} none="Aucune" />
              </CardLine>
            </dl>
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}

/** Placeholder rows while the first answer is on its way. */
export function MemberListSkeleton() {
  return (
    <Stack gap="sm" aria-hidden>
      {[0, 1, 2, 3, 4].map((row) => (
        <Paper key={row} withBorder radius="md" p="md">
          <Group gap="lg" wrap="nowrap">
            <Skeleton height={14} width="18%" radius="sm" />
            <Skeleton height={14} width="10%" radius="sm" visibleFrom="sm" />
            <Skeleton height={14} width="20%" radius="sm" />
            <Skeleton height={14} width="18%" radius="sm" visibleFrom="sm" />
            <Skeleton height={20} width={70} radius="sm" />
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}
