import type { FormEvent, RefObject } from 'react';
import { useRef, useState } from 'react';
import { Paper, SimpleGrid, Stack, Tabs, TextInput } from '@mantine/core';
import { IconUserMinus } from '@tabler/icons-react';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { AFFILIATION_PAGE_SIZES } from '@affilia/shared/domain/enums';
import { RADIATION_MOTIFS } from '@affilia/shared/domain/radiation';
import { formatFrenchDate } from '@affilia/shared/validators/dates';
import type { DataColumn } from '../../../components/data-table';
import { CardLine, CardLines, DataTable } from '../../../components/data-table';
import { FilterButtons } from '../../../components/filter-buttons';
import { AnchorLink } from '../../../components/links';
import { ListEmpty } from '../../../components/list-empty';
import { ListPageControls, ListResults } from '../../../components/list-page';
import { ListSkeleton } from '../../../components/list-skeleton';
import { Page } from '../../../components/page';
import { RadiationStatusBadge } from '../../../components/radiation-status-badge';
import { paths } from '../../../config/paths';
import { pageCount, rangeLabel } from '../../../lib/list-search';
import { useListActions } from '../../../lib/use-list-actions';
import type { BackofficeRadiationRow as Row } from '../api/use-backoffice-radiations';
import { useBackofficeRadiations } from '../api/use-backoffice-radiations';
import { CompanyFilter } from '../components/company-filter';
import type { RadiationsQueueFilters, RadiationsQueueSearch } from '../radiations-queue-search';
import {
  RADIATION_QUEUE_TABS,
  queueStatus,
  radiationsQueueList,
  withQueueStatus,
} from '../radiations-queue-search';

const RADIATIONS = { none: 'Aucune radiation', one: 'radiation', many: 'radiations' };
const MOTIF_LABELS = new Map<string, string>(RADIATION_MOTIFS.map((m) => [m.code, m.label]));

const date = (iso: string | null) => (iso ? formatFrenchDate(iso.slice(0, 10)) : '—');

function MemberLink({ row }: { row: Row }) {
  return (
    <AnchorLink to={paths.backOfficeRadiation} params={{ radiationId: row.id }} fw={600} size="sm">
      {row.member.lastName} {row.member.firstName}
    </AnchorLink>
  );
}

const columns: DataColumn<Row>[] = [
  { header: 'Salarié', rowHeader: true, cell: (row) => <MemberLink row={row} /> },
  { header: 'Société', cell: (row) => row.company.name },
  { header: 'Établissement', cell: (row) => row.establishment.name },
  { header: 'Fin du contrat', noWrap: true, cell: (row) => date(row.contractEndDate) },
  { header: 'Motif', minWidth: '12rem', cell: (row) => MOTIF_LABELS.get(row.motif) },
  { header: 'Portabilité jusqu’au', noWrap: true, cell: (row) => date(row.portabilityEndDate) },
  { header: 'Statut', cell: (row) => <RadiationStatusBadge status={row.status} /> },
  { header: 'Reçue le', noWrap: true, cell: (row) => date(row.createdAt) },
];

/** « Entreprise » and « Salarié », then « Rechercher »; they start again from the address. */
function QueueFilters({
  initial,
  current,
  onSearch,
  onReset,
}: {
  initial: RadiationsQueueFilters;
  current: { id: string; name: string } | null;
  onSearch: (filters: RadiationsQueueFilters) => void;
  onReset: () => void;
}) {
  const [companyId, setCompanyId] = useState(initial.companyId ?? '');
  const [q, setQ] = useState(initial.q ?? '');
  const initialKey = `${initial.companyId ?? ''}|${initial.q ?? ''}`;
  const [shownKey, setShownKey] = useState(initialKey);
  if (shownKey !== initialKey) {
    setShownKey(initialKey);
    setCompanyId(initial.companyId ?? '');
    setQ(initial.q ?? '');
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch({ status: initial.status, companyId: companyId || undefined, q: q || undefined });
  };
  return (
    <Paper withBorder radius="md" p="md" component="form" onSubmit={submit} role="search">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <CompanyFilter
          key={initial.companyId ?? ''}
          value={companyId}
          onChange={setCompanyId}
          current={current}
        />
        <TextInput
          label="Salarié"
          placeholder="Le début du nom ou le NIR"
          maxLength={100}
          value={q}
          onChange={(event) => setQ(event.currentTarget.value)}
        />
      </SimpleGrid>
      <FilterButtons onReset={onReset} />
    </Paper>
  );
}

/** The tab's radiations: the count, the rows (cards on a phone), the pages. */
function QueueResults({
  list,
  search,
  title,
  filtered,
  titleRef,
  onReset,
  onPage,
  onPageSize,
}: {
  list: ReturnType<typeof useBackofficeRadiations>;
  search: RadiationsQueueSearch;
  title: string;
  filtered: boolean;
  titleRef: RefObject<HTMLHeadingElement | null>;
  onReset: () => void;
  onPage: (page: number) => void;
  onPageSize: (size: number) => void;
}) {
  const { page, pageSize } = radiationsQueueList.settings(search);
  return (
    <ListResults
      id="radiations-results-title"
      titleRef={titleRef}
      title={title}
      testId="radiations-count"
      list={list}
      page={page}
      loading="Chargement des radiations…"
      count={(d) =>
        `${rangeLabel(d.total ?? 0, page, pageSize, RADIATIONS)}${filtered && d.total ? ' correspondant à votre recherche' : ''}`
      }
      skeleton={<ListSkeleton />}
      empty={
        <ListEmpty
          icon={IconUserMinus}
          title={
            filtered
              ? 'Aucune radiation ne correspond à votre recherche.'
              : 'Aucune radiation dans cette liste.'
          }
          onReset={filtered ? onReset : undefined}
        />
      }
      onPage={onPage}
      controls={
        <ListPageControls
          sizeLabel="Radiations par page"
          sizes={AFFILIATION_PAGE_SIZES}
          page={page}
          pages={pageCount(list.data?.total ?? 0, pageSize)}
          pageSize={pageSize}
          onPage={onPage}
          onPageSize={onPageSize}
        />
      }
    >
      {(rows) => (
        <DataTable
          caption={title}
          columns={columns}
          rows={rows}
          minWidth={960}
          striped
          card={{
            title: (row) => <MemberLink row={row} />,
            aside: (row) => <RadiationStatusBadge status={row.status} />,
            body: (row) => (
              <CardLines>
                <CardLine label="Société">{row.company.name}</CardLine>
                <CardLine label="Établissement">{row.establishment.name}</CardLine>
                <CardLine label="Fin du contrat">{date(row.contractEndDate)}</CardLine>
                <CardLine label="Motif">{MOTIF_LABELS.get(row.motif)}</CardLine>
                {row.portabilityEndDate ? (
                  <CardLine label="Portabilité jusqu’au">{date(row.portabilityEndDate)}</CardLine>
                ) : null}
                <CardLine label="Reçue le">{date(row.createdAt)}</CardLine>
              </CardLines>
            ),
          }}
        />
      )}
    </ListResults>
  );
}

/**
 * `/back-office/radiations`: the departures the employers sent (issue 18), « À traiter » first,
 * then those processed, returned to the employer or cancelled; the tab, company, name and page in
 * the address.
 */
export function BackOfficeRadiationsPage() {
  const search = radiationsQueueList.validate(useSearch({ strict: false }));
  const navigate = useNavigate();
  const list = useBackofficeRadiations(search);
  const resultsTitle = useRef<HTMLHeadingElement>(null);
  const status = queueStatus(search);
  const tab = RADIATION_QUEUE_TABS.find((t) => t.status === status) ?? RADIATION_QUEUE_TABS[0];
  const filtered = Boolean(search.companyId ?? search.q);
  const go = (next: RadiationsQueueSearch) =>
    void navigate({ to: paths.backOfficeRadiations, search: next, resetScroll: false });
  const { onSearch, onPage, onPageSize } = useListActions(
    radiationsQueueList,
    search,
    go,
    resultsTitle,
  );
  const onReset = () => go(radiationsQueueList.validate({ status: search.status }));
  const first = list.data?.items[0];
  const current =
    first && first.company.id === search.companyId
      ? { id: first.company.id, name: first.company.name }
      : null;

  const content = (
    <Stack gap="lg">
      <QueueFilters
        initial={radiationsQueueList.pickFilters(search)}
        current={current}
        onSearch={onSearch}
        onReset={onReset}
      />
      <QueueResults
        list={list}
        search={search}
        title={`Radiations : ${tab.label.toLowerCase()}`}
        filtered={filtered}
        titleRef={resultsTitle}
        onReset={onReset}
        onPage={onPage}
        onPageSize={onPageSize}
      />
    </Stack>
  );

  return (
    <Page
      title="Radiations"
      description="Les départs de salariés déclarés par les entreprises : traitez-les (fin de la couverture, ouverture de la portabilité) ou retournez-les à l’employeur."
    >
      <Tabs
        value={status}
        onChange={(value) => {
          const next = RADIATION_QUEUE_TABS.find((t) => t.status === value);
          if (next) go(withQueueStatus(search, next.status));
        }}
        keepMounted={false}
      >
        <Tabs.List>
          {RADIATION_QUEUE_TABS.map((t) => (
            <Tabs.Tab key={t.status} value={t.status}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {RADIATION_QUEUE_TABS.map((t) => (
          <Tabs.Panel key={t.status} value={t.status} pt="md">
            {t.status === status ? content : null}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Page>
  );
}
