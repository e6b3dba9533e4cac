import type { RefObject } from 'react';
import { useEffect, useRef, useState } from 'react';
import { Button, Group, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconDatabaseOff, IconFileImport, IconPlus, IconSearch, IconX } from '@tabler/icons-react';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { ButtonLink } from '../../../components/links';
import { ListSkeleton } from '../../../components/list-skeleton';
import type { ListQuery } from '../../../components/list-page';
import { ListPageControls, ListResults } from '../../../components/list-page';
import { ListEmpty } from '../../../components/list-empty';
import { Page } from '../../../components/page';
import { paths } from '../../../config/paths';
import { pageCount, rangeLabel } from '../../../lib/list-search';
import { useListActions } from '../../../lib/use-list-actions';
import type { ReferenceEntity } from '../api/use-reference-data';
import { isReferenceEntity, useReferenceDetail, useReferenceList } from '../api/use-reference-data';
import type { EntityTableSpec } from '../components/reference-table';
import { ENTITY_TABLES, ReferenceTable } from '../components/reference-table';
import type { ReferenceSearch } from '../reference-search';
import {
  REFERENCE_PAGE_SIZE,
  referenceList,
  referenceView,
  validateReferenceSearch,
} from '../reference-search';
import { LazyDialog } from '../../../components/lazy-dialog';

// The forms (the reference schemas, their pickers) load when « Ajouter » opens one.
const loadForms = () => import('../components/reference-forms');
const loadCompanyForm = () => loadForms().then((m) => m.CompanyFormModal);
const loadEstablishmentForm = () => loadForms().then((m) => m.EstablishmentFormModal);
const loadContractForm = () => loadForms().then((m) => m.ContractFormModal);

interface TabText {
  label: string;
  search: string;
  noun: { none: string; one: string; many: string };
}

const TABS: Record<ReferenceEntity, TabText> = {
  entreprises: {
    label: 'Entreprises',
    search: 'Raison sociale, SIREN ou identifiant entreprise',
    noun: { none: 'Aucune entreprise', one: 'entreprise', many: 'entreprises' },
  },
  etablissements: {
    label: 'Établissements',
    search: 'Nom, ville, SIRET ou code identifiant',
    noun: { none: 'Aucun établissement', one: 'établissement', many: 'établissements' },
  },
  contrats: {
    label: 'Contrats',
    search: 'Libellé ou numéro de contrat',
    noun: { none: 'Aucun contrat', one: 'contrat', many: 'contrats' },
  },
  assures: {
    label: 'Assurés',
    search: 'Début du nom (« DUPONT », « dupont jean ») ou NIR',
    noun: { none: 'Aucun assuré', one: 'assuré', many: 'assurés' },
  },
};

/** The page of one tab's rows (the rows are that tab's answer). */
function EntityTable({
  tab,
  rows,
  caption,
}: {
  tab: ReferenceEntity;
  rows: { id: string }[];
  caption: string;
}) {
  const spec = ENTITY_TABLES[tab] as unknown as EntityTableSpec<{ id: string }>;
  return <ReferenceTable entity={tab} caption={caption} rows={rows} {...spec} />;
}

/** An empty page: nothing found, or nothing loaded yet. */
function NoResult({ searched, filtered }: { searched: boolean; filtered: boolean }) {
  let hint = 'Importez un fichier ou ajoutez les données une à une.';
  if (searched) hint = 'Vérifiez l’orthographe ou le numéro saisi.';
  else if (filtered) hint = 'Cette entreprise n’en a pas encore.';
  return (
    <ListEmpty
      icon={IconDatabaseOff}
      title={
        searched || filtered
          ? 'Aucun résultat pour cette recherche.'
          : 'Rien dans le référentiel pour le moment.'
      }
      hint={hint}
    />
  );
}

/** One tab's rows: its count, states, table (cards on a phone) and pages. */
function EntityList({
  search,
  titleRef,
  onPage,
}: {
  search: ReferenceSearch;
  titleRef: RefObject<HTMLHeadingElement | null>;
  onPage: (page: number) => void;
}) {
  const { tab, companyId } = referenceView(search);
  const { page } = referenceList.settings(search);
  const q = search.q;
  const list: ListQuery<{ id: string }> = useReferenceList(tab, {
    q,
    page,
    companyId,
    pageSize: REFERENCE_PAGE_SIZE,
  });
  const meta = TABS[tab];
  const caption = `${meta.label} du référentiel`;
  return (
    <ListResults
      id="reference-results-title"
      titleRef={titleRef}
      title={caption}
      testId="reference-count"
      list={list}
      page={page}
      loading="Chargement…"
      count={(d) => rangeLabel(d.total ?? 0, page, REFERENCE_PAGE_SIZE, meta.noun)}
      skeleton={<ListSkeleton />}
      empty={<NoResult searched={Boolean(q)} filtered={Boolean(companyId)} />}
      onPage={onPage}
      controls={
        <ListPageControls
          page={page}
          pages={pageCount(list.data?.total ?? 0, REFERENCE_PAGE_SIZE)}
          onPage={onPage}
        />
      }
    >
      {(rows) => <EntityTable tab={tab} rows={rows} caption={caption} />}
    </ListResults>
  );
}

/** « Entreprise : Alpha » and how to see every company again. */
function CompanyFilter({ companyId, onClear }: { companyId: string; onClear: () => void }) {
  const company = useReferenceDetail('entreprises', companyId);
  return (
    <Group gap="sm">
      <Text size="sm">
        Entreprise :{' '}
        <Text span fw={600}>
          {company.data?.name ?? (company.isError ? 'introuvable' : '…')}
        </Text>
      </Text>
      <Button
        variant="subtle"
        size="xs"
        leftSection={<IconX size={14} aria-hidden />}
        onClick={onClear}
      >
        Toutes les entreprises
      </Button>
    </Group>
  );
}

type Dialog = 'entreprises' | 'etablissements' | 'contrats' | null;

const ADD_LABELS: Record<Exclude<Dialog, null>, string> = {
  entreprises: 'Ajouter une entreprise',
  etablissements: 'Ajouter un établissement',
  contrats: 'Ajouter un contrat',
};

/** « Importer des données », and « Ajouter … » on the tabs that can be added to by hand. */
function PageActions({
  addable,
  onAdd,
}: {
  addable: Exclude<Dialog, null> | null;
  onAdd: (dialog: Exclude<Dialog, null>) => void;
}) {
  return (
    <Group gap="sm">
      <ButtonLink
        to={paths.backOfficeReferenceImport}
        variant="default"
        leftSection={<IconFileImport size={18} aria-hidden />}
      >
        Importer des données
      </ButtonLink>
      {addable ? (
        <Button
          leftSection={<IconPlus size={18} aria-hidden />}
          onClick={() => onAdd(addable)}
          onMouseEnter={() => void loadForms()}
          onFocus={() => void loadForms()}
        >
          {ADD_LABELS[addable]}
        </Button>
      ) : null}
    </Group>
  );
}

/** `/back-office/referentiel`: « Référentiel » (SPEC §3). */
export function ReferenceDataPage() {
  const navigate = useNavigate();
  const search = validateReferenceSearch(useSearch({ strict: false }));
  const { tab: current, companyId } = referenceView(search);
  const [text, setText] = useState(search.q ?? '');
  const [debounced] = useDebouncedValue(text, 300);
  const [dialog, setDialog] = useState<Dialog>(null);
  const resultsTitle = useRef<HTMLHeadingElement>(null);

  const go = (next: ReferenceSearch) =>
    void navigate({
      to: paths.backOfficeReferenceData,
      search: next,
      replace: true,
      resetScroll: false,
    });
  const { onPage } = useListActions(referenceList, search, go, resultsTitle);
  /** New filters (the tab, the search, the company), back to page 1. */
  const filter = (next: Partial<ReferenceSearch>) =>
    go(referenceList.applyFilters(search, { ...referenceList.pickFilters(search), ...next }));

  // The typed search goes to the address (and the list) once the typing pauses.
  useEffect(() => {
    if (debounced.trim() !== (search.q ?? '')) filter({ q: debounced.trim() });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  const addable = current === 'assures' ? null : current;

  return (
    <Page
      title="Référentiel"
      description="Les entreprises, établissements, contrats et assurés chargés par l’assureur."
      actions={<PageActions addable={addable} onAdd={setDialog} />}
    >
      <Tabs
        value={current}
        onChange={(tab) => {
          if (!isReferenceEntity(tab)) return;
          setText('');
          const companies = tab === 'entreprises';
          filter({
            tab: companies ? undefined : tab,
            q: undefined,
            companyId: companies ? undefined : companyId,
          });
        }}
        keepMounted={false}
      >
        <Tabs.List>
          {(Object.keys(TABS) as ReferenceEntity[]).map((tab) => (
            <Tabs.Tab key={tab} value={tab}>
              {TABS[tab].label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {(Object.keys(TABS) as ReferenceEntity[]).map((tab) => (
          <Tabs.Panel key={tab} value={tab} pt="md">
            <Stack gap="md">
              <form
                role="search"
                onSubmit={(event) => {
                  event.preventDefault();
                  filter({ q: text.trim() });
                }}
              >
                <TextInput
                  label={`Rechercher des ${TABS[tab].noun.many}`}
                  description={TABS[tab].search}
                  leftSection={<IconSearch size={16} aria-hidden />}
                  value={text}
                  onChange={(event) => setText(event.currentTarget.value)}
                  maxLength={100}
                  maw={520}
                />
              </form>
              {companyId ? (
                <CompanyFilter
                  companyId={companyId}
                  onClear={() => filter({ companyId: undefined })}
                />
              ) : null}
              <EntityList search={search} titleRef={resultsTitle} onPage={onPage} />
            </Stack>
          </Tabs.Panel>
        ))}
      </Tabs>

      <LazyDialog opened={dialog === 'entreprises'} load={loadCompanyForm}>
        {(CompanyFormModal, opened) => (
          <CompanyFormModal opened={opened} onClose={() => setDialog(null)} />
        )}
      </LazyDialog>
      <LazyDialog opened={dialog === 'etablissements'} load={loadEstablishmentForm}>
        {(EstablishmentFormModal, opened) => (
          <EstablishmentFormModal opened={opened} onClose={() => setDialog(null)} />
        )}
      </LazyDialog>
      <LazyDialog opened={dialog === 'contrats'} load={loadContractForm}>
        {(ContractFormModal, opened) => (
          <ContractFormModal opened={opened} onClose={() => setDialog(null)} />
        )}
      </LazyDialog>
    </Page>
  );
}
