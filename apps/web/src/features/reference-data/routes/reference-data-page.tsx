import { LoadError } from '../../../components/load-error';
import { useEffect, useState } from 'react';
import {
  Button,
  Group,
  Pagination,
  Paper,
  Skeleton,
  Stack,
  Tabs,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconDatabaseOff, IconFileImport, IconPlus, IconSearch, IconX } from '@tabler/icons-react';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { ButtonLink } from '../../../components/links';
import { Page } from '../../../components/page';
import { paths } from '../../../config/paths';
import type { ReferenceEntity, ReferencePages } from '../api/use-reference-data';
import { isReferenceEntity, useReferenceDetail, useReferenceList } from '../api/use-reference-data';
import {
  CompanyFormModal,
  ContractFormModal,
  EstablishmentFormModal,
} from '../components/reference-forms';
import {
  ReferenceTable,
  companyColumns,
  contractColumns,
  establishmentColumns,
  memberColumns,
} from '../components/reference-table';
import { paginationLabels } from '../../../components/pagination-labels';

const PAGE_SIZE = 25;
const COUNT = new Intl.NumberFormat('fr-FR');

const TABS: Record<ReferenceEntity, { label: string; search: string; noun: [string, string] }> = {
  entreprises: {
    label: 'Entreprises',
    search: 'Raison sociale, SIREN ou identifiant entreprise',
    noun: ['entreprise', 'entreprises'],
  },
  etablissements: {
    label: 'Établissements',
    search: 'Nom, ville, SIRET ou code identifiant',
    noun: ['établissement', 'établissements'],
  },
  contrats: {
    label: 'Contrats',
    search: 'Libellé ou numéro de contrat',
    noun: ['contrat', 'contrats'],
  },
  assures: {
    label: 'Assurés',
    search: 'Début du nom (« DUPONT », « dupont jean ») ou NIR',
    noun: ['assuré', 'assurés'],
  },
};

/** The page's state in its address: `?tab=assures&companyId=…&q=dupont&page=2`. */
interface ReferenceSearch {
  tab: ReferenceEntity;
  q: string;
  page: number;
  /** Establishments, contracts and members of one company; '' for all. */
  companyId: string;
}

function readSearch(raw: Record<string, unknown>): ReferenceSearch {
  const page = Number(raw.page);
  const q = typeof raw.q === 'string' || typeof raw.q === 'number' ? String(raw.q) : '';
  return {
    tab: isReferenceEntity(raw.tab) ? raw.tab : 'entreprises',
    q: q.slice(0, 100),
    page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
    companyId:
      typeof raw.companyId === 'string' && raw.companyId.length <= 64 && raw.tab !== undefined
        ? raw.companyId
        : '',
  };
}

function rangeLabel(total: number, page: number, noun: [string, string]): string {
  if (total === 0) return `Aucun ${noun[0]}`.replace('Aucun entreprise', 'Aucune entreprise');
  const word = total > 1 ? noun[1] : noun[0];
  const first = (page - 1) * PAGE_SIZE + 1;
  if ((page === 1 && total <= PAGE_SIZE) || first > total) return `${COUNT.format(total)} ${word}`;
  const last = Math.min(page * PAGE_SIZE, total);
  return `${COUNT.format(first)}–${COUNT.format(last)} sur ${COUNT.format(total)} ${word}`;
}

/** The page of one tab's rows. */
function EntityTable({
  tab,
  data,
  caption,
}: {
  tab: ReferenceEntity;
  data: ReferencePages[ReferenceEntity];
  caption: string;
}) {
  switch (tab) {
    case 'entreprises':
      return (
        <ReferenceTable
          entity={tab}
          caption={caption}
          rows={(data as ReferencePages['entreprises']).items}
          titleLabel="Raison sociale"
          title={(c) => c.name}
          columns={companyColumns}
        />
      );
    case 'etablissements':
      return (
        <ReferenceTable
          entity={tab}
          caption={caption}
          rows={(data as ReferencePages['etablissements']).items}
          titleLabel="Établissement"
          title={(e) => e.name}
          columns={establishmentColumns}
        />
      );
    case 'contrats':
      return (
        <ReferenceTable
          entity={tab}
          caption={caption}
          rows={(data as ReferencePages['contrats']).items}
          titleLabel="Libellé"
          title={(c) => c.label}
          columns={contractColumns}
        />
      );
    case 'assures':
      return (
        <ReferenceTable
          entity={tab}
          caption={caption}
          rows={(data as ReferencePages['assures']).items}
          titleLabel="Nom"
          title={(m) => `${m.lastName} ${m.firstName}`}
          columns={memberColumns}
        />
      );
  }
}

/** An empty page: nothing found, or nothing loaded yet. */
function NoResult({ searched, filtered }: { searched: boolean; filtered: boolean }) {
  return (
    <Paper withBorder radius="md" p="xl">
      <Stack align="center" gap="sm" ta="center">
        <IconDatabaseOff size={36} aria-hidden />
        <Text fw={600}>
          {searched || filtered
            ? 'Aucun résultat pour cette recherche.'
            : 'Rien dans le référentiel pour le moment.'}
        </Text>
        <Text size="sm" c="dimmed">
          {searched
            ? 'Vérifiez l’orthographe ou le numéro saisi.'
            : filtered
              ? 'Cette entreprise n’en a pas encore.'
              : 'Importez un fichier ou ajoutez les données une à une.'}
        </Text>
      </Stack>
    </Paper>
  );
}

function EntityList({
  tab,
  q,
  page,
  companyId,
  onPage,
}: ReferenceSearch & { onPage: (page: number) => void }) {
  const list = useReferenceList(tab, { q, page, companyId, pageSize: PAGE_SIZE });
  const meta = TABS[tab];
  if (list.isPending) {
    return (
      <Stack gap="xs" aria-busy="true">
        <VisuallyHidden role="status">Chargement…</VisuallyHidden>
        {[0, 1, 2, 3, 4].map((i) => (
          <Skeleton key={i} h={40} />
        ))}
      </Stack>
    );
  }
  if (list.isError) {
    return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  }
  const data = list.data;
  const pages = Math.min(100_000, Math.max(1, Math.ceil(data.total / PAGE_SIZE)));
  const caption = `${meta.label} du référentiel`;
  return (
    <Stack gap="sm" aria-busy={list.isFetching}>
      <Text size="sm" role="status">
        {rangeLabel(data.total, page, meta.noun)}
      </Text>
      {data.total === 0 ? (
        <NoResult searched={Boolean(q)} filtered={Boolean(companyId)} />
      ) : (
        <EntityTable tab={tab} data={data} caption={caption} />
      )}
      {pages > 1 ? (
        <Group justify="center">
          <Pagination
            total={pages}
            value={Math.min(page, pages)}
            onChange={onPage}
            {...paginationLabels(Math.min(page, pages))}
          />
        </Group>
      ) : null}
    </Stack>
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
        <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => onAdd(addable)}>
          {ADD_LABELS[addable]}
        </Button>
      ) : null}
    </Group>
  );
}

/** `/back-office/referentiel`: « Référentiel » (SPEC §3). */
export function ReferenceDataPage() {
  const navigate = useNavigate();
  const search = readSearch(useSearch({ strict: false }));
  const [text, setText] = useState(search.q);
  const [debounced] = useDebouncedValue(text, 300);
  const [dialog, setDialog] = useState<Dialog>(null);

  const go = (next: Partial<ReferenceSearch>) => {
    const merged = { ...search, ...next };
    void navigate({
      to: paths.backOfficeReferenceData,
      search: {
        ...(merged.tab !== 'entreprises' ? { tab: merged.tab } : {}),
        ...(merged.companyId && merged.tab !== 'entreprises'
          ? { companyId: merged.companyId }
          : {}),
        ...(merged.q ? { q: merged.q } : {}),
        ...(merged.page > 1 ? { page: merged.page } : {}),
      },
      replace: true,
      resetScroll: false,
    });
  };

  // The typed search goes to the address (and the list) once the typing pauses.
  useEffect(() => {
    if (debounced.trim() !== search.q) go({ q: debounced.trim(), page: 1 });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  const addable = search.tab === 'assures' ? null : search.tab;

  return (
    <Page
      title="Référentiel"
      description="Les entreprises, établissements, contrats et assurés chargés par l’assureur."
      actions={<PageActions addable={addable} onAdd={setDialog} />}
    >
      <Tabs
        value={search.tab}
        onChange={(tab) => {
          if (!isReferenceEntity(tab)) return;
          setText('');
          go({ tab, q: '', page: 1, ...(tab === 'entreprises' ? { companyId: '' } : {}) });
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
                  go({ q: text.trim(), page: 1 });
                }}
              >
                <TextInput
                  label={`Rechercher des ${TABS[tab].noun[1]}`}
                  description={TABS[tab].search}
                  leftSection={<IconSearch size={16} aria-hidden />}
                  value={text}
                  onChange={(event) => setText(event.currentTarget.value)}
                  maxLength={100}
                  maw={520}
                />
              </form>
              {search.companyId ? (
                <CompanyFilter
                  companyId={search.companyId}
                  onClear={() => go({ companyId: '', page: 1 })}
                />
              ) : null}
              <EntityList {...search} onPage={(page) => go({ page })} />
            </Stack>
          </Tabs.Panel>
        ))}
      </Tabs>

      <CompanyFormModal
        key="company"
        opened={dialog === 'entreprises'}
        onClose={() => setDialog(null)}
      />
      <EstablishmentFormModal
        key="establishment"
        opened={dialog === 'etablissements'}
        onClose={() => setDialog(null)}
      />
      <ContractFormModal
        key="contract"
        opened={dialog === 'contrats'}
        onClose={() => setDialog(null)}
      />
    </Page>
  );
}
