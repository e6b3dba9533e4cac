import { Suspense, lazy, useRef, useState } from 'react';
import { Button, Group } from '@mantine/core';
import {
  IconFileSpreadsheet,
  IconFileTypeCsv,
  IconFileZip,
  IconShieldCheck,
} from '@tabler/icons-react';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { AFFILIATION_PAGE_SIZES } from '@affilia/shared/domain/enums';
import { ListSkeleton } from '../../../components/list-skeleton';
import {
  ListFilterOptionsError,
  ListPageControls,
  ListResults,
} from '../../../components/list-page';
import { ListEmpty } from '../../../components/list-empty';
import { Page } from '../../../components/page';
import { paths } from '../../../config/paths';
import { useListActions } from '../../../lib/use-list-actions';
import type { DispenseRow } from '../api/use-dispenses';
import { useDispenses, useEstablishmentOptions } from '../api/use-dispenses';
import { DispenseFilters } from '../components/dispense-filters';
import { DispenseList } from '../components/dispense-list';
import type { DispensesSearch } from '../dispenses-search';
import {
  dispensesDownloadUrl,
  dispensesList,
  pageCount,
  rangeLabel,
  validateDispensesSearch,
} from '../dispenses-search';

/*
 * A dispense's dialog (its files, the sworn statement, the modal's code) is not on the page's
 * first load: it loads right after the list, before anyone opens it.
 */
const DispenseDialog = lazy(() =>
  import('../components/dispense-dialog').then((m) => ({ default: m.DispenseDialog })),
);

const DOWNLOADS = [
  { kind: 'csv', label: 'Exporter (CSV)', icon: IconFileTypeCsv },
  { kind: 'xlsx', label: 'Exporter (Excel)', icon: IconFileSpreadsheet },
  { kind: 'zip', label: 'Télécharger le dossier d’audit (.zip)', icon: IconFileZip },
] as const;

/** The register as CSV or Excel, and the audit zip (signed requests and proofs), filtered. */
function Downloads({ search, disabled }: { search: DispensesSearch; disabled: boolean }) {
  return (
    <Group gap="sm">
      {DOWNLOADS.map(({ kind, label, icon: Icon }) => (
        <Button
          key={kind}
          variant="default"
          leftSection={<Icon size={18} aria-hidden />}
          disabled={disabled}
          {...(disabled
            ? {}
            : {
                component: 'a' as const,
                href: dispensesDownloadUrl(search, kind),
                download: true,
              })}
        >
          {label}
        </Button>
      ))}
    </Group>
  );
}

function DispensesEmpty({ filtered, onReset }: { filtered: boolean; onReset: () => void }) {
  return filtered ? (
    <ListEmpty
      icon={IconShieldCheck}
      title="Aucune dispense ne correspond à votre recherche."
      onReset={onReset}
    />
  ) : (
    <ListEmpty
      icon={IconShieldCheck}
      title="Aucune dispense d’affiliation"
      hint="Les salariés qui demandent à être dispensés de la complémentaire santé apparaîtront ici, avec leurs justificatifs et leurs échéances."
    />
  );
}

/**
 * `/dispenses`: the register of dispenses d'affiliation (issue 19) — every employee of the
 * perimeter who asked not to join the group cover, with the case, its legal source, the proof,
 * its end and renewal, and the state; filters in the address; exports and the audit zip.
 */
export function DispensesPage() {
  const search = validateDispensesSearch(useSearch({ strict: false }));
  const navigate = useNavigate();
  const options = useEstablishmentOptions();
  const list = useDispenses(search);
  const [opened, setOpened] = useState<DispenseRow | null>(null);
  const resultsTitle = useRef<HTMLHeadingElement>(null);
  const { sort, order, page, pageSize } = dispensesList.settings(search);
  const go = (next: DispensesSearch) =>
    void navigate({ to: paths.dispenses, search: next, resetScroll: false });
  const { onSearch, onReset, onSort, onPage, onPageSize } = useListActions(
    dispensesList,
    search,
    go,
    resultsTitle,
  );
  const total = list.data?.total ?? 0;

  return (
    <Page
      title="Dispenses"
      description="Le registre des salariés dispensés d’adhésion à la complémentaire santé : cas de dispense, justificatifs et échéances, à présenter en cas de contrôle URSSAF."
    >
      <DispenseFilters
        options={options.data}
        initial={dispensesList.pickFilters(search)}
        onSearch={onSearch}
        onReset={onReset}
      />
      <ListFilterOptionsError options={options} />
      <ListResults
        id="dispenses-results-title"
        titleRef={resultsTitle}
        title="Registre des dispenses"
        testId="dispenses-count"
        aside={<Downloads search={search} disabled={!list.data || total === 0} />}
        list={list}
        page={page}
        loading="Chargement des dispenses…"
        count={(d) => rangeLabel(d.total ?? 0, page, pageSize)}
        skeleton={<ListSkeleton />}
        empty={<DispensesEmpty filtered={dispensesList.hasFilters(search)} onReset={onReset} />}
        onPage={onPage}
        controls={
          <ListPageControls
            sizeLabel="Dispenses par page"
            sizes={AFFILIATION_PAGE_SIZES}
            page={page}
            pages={pageCount(total, pageSize)}
            pageSize={pageSize}
            onPage={onPage}
            onPageSize={onPageSize}
          />
        }
      >
        {(rows) => (
          <DispenseList rows={rows} sort={sort} order={order} onSort={onSort} onOpen={setOpened} />
        )}
      </ListResults>
      <Suspense fallback={null}>
        <DispenseDialog row={opened} onClose={() => setOpened(null)} />
      </Suspense>
    </Page>
  );
}
