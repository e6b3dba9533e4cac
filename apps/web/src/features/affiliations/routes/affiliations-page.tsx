import { useRef, useState } from 'react';
import { Button, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFilterOff, IconMailForward, IconUserPlus } from '@tabler/icons-react';
import { useNavigate, useSearch } from '@tanstack/react-router';
import type { AffiliationStatus } from '@affilia/shared/domain/enums';
import { EMPLOYER_AFFILIATION_STATUSES } from '@affilia/shared/domain/enums';
import type { AffiliationSort } from '@affilia/shared/schemas/affiliations';
import { AFFILIATION_PAGE_SIZES } from '@affilia/shared/schemas/affiliations';
import { ButtonLink } from '../../../components/links';
import { ListPageControls, ListResultsHeading, ListStates } from '../../../components/list-page';
import { useListActions } from '../../../lib/use-list-actions';
import { Page } from '../../../components/page';
import { paths } from '../../../config/paths';
import { errorMessage } from '../../../lib/form-errors';
import type { AffiliationRow } from '../api/use-affiliations';
import {
  useAffiliationOptions,
  useAffiliations,
  useCancelAffiliation,
  useSendReminder,
} from '../api/use-affiliations';
import type { AffiliationsSearch } from '../affiliations-search';
import {
  affiliationsList,
  hasFilters,
  listSettings,
  pageCount,
  pickFilters,
  rangeLabel,
  validateAffiliationsSearch,
} from '../affiliations-search';
import { AffiliationFilters } from '../components/affiliation-filters';
import {
  AffiliationCards,
  AffiliationListSkeleton,
  AffiliationTable,
} from '../components/affiliation-list';
import { CancelAffiliationModal } from '../components/cancel-affiliation-modal';
import { employeeName } from '../format';

const CLOSE = { 'aria-label': 'Fermer la notification' };

function success(message: string) {
  notifications.show({ color: 'teal', message, autoClose: 8000, closeButtonProps: CLOSE });
}

function failure(error: unknown) {
  notifications.show({
    color: 'red',
    title: 'Action impossible',
    message: errorMessage(error),
    autoClose: 12000,
    closeButtonProps: CLOSE,
  });
}

function EmptyState({ filtered, onReset }: { filtered: boolean; onReset: () => void }) {
  return (
    <Paper withBorder radius="md" p="xl">
      <Stack align="center" gap="sm" ta="center" maw={520} mx="auto">
        <ThemeIcon variant="light" size={56} radius="xl" aria-hidden>
          <IconMailForward size={30} aria-hidden />
        </ThemeIcon>
        <Text fw={600}>
          {filtered
            ? 'Aucune demande d’affiliation ne correspond à votre recherche.'
            : 'Aucune demande d’affiliation'}
        </Text>
        {filtered ? (
          <Button
            variant="default"
            leftSection={<IconFilterOff size={18} aria-hidden />}
            onClick={onReset}
          >
            Réinitialiser la recherche
          </Button>
        ) : (
          <>
            <Text size="sm" c="dimmed">
              Les demandes apparaîtront ici dès que vous aurez pré-affilié un salarié.
            </Text>
            <ButtonLink
              to={paths.preAffiliation}
              variant="light"
              leftSection={<IconUserPlus size={18} aria-hidden />}
            >
              Pré-affilier un salarié
            </ButtonLink>
          </>
        )}
      </Stack>
    </Paper>
  );
}

/** The insurer's statuses seen in the list (or filtered on), to offer them in « Statut ». */
function extraStatuses(rows: AffiliationRow[] | undefined, search: AffiliationsSearch) {
  const found = new Set<AffiliationStatus>();
  for (const row of rows ?? []) found.add(row.status);
  if (search.status) found.add(search.status);
  return [...found].filter(
    (status) => !(EMPLOYER_AFFILIATION_STATUSES as readonly string[]).includes(status),
  );
}

/** The requests: loading, an error, none, a page that does not exist, or the table (cards on a phone). */
function AffiliationsContent({
  list,
  filtered,
  onReset,
  onPage,
  onRemind,
  onCancel,
  remindingId,
  sort,
  order,
  onSort,
}: {
  list: ReturnType<typeof useAffiliations>;
  filtered: boolean;
  onReset: () => void;
  onPage: (page: number) => void;
  onRemind: (row: AffiliationRow) => void;
  onCancel: (row: AffiliationRow) => void;
  remindingId: string | null;
  sort: AffiliationSort;
  order: ReturnType<typeof listSettings>['order'];
  onSort: (column: AffiliationSort) => void;
}) {
  return (
    <ListStates
      list={list}
      skeleton={<AffiliationListSkeleton />}
      empty={<EmptyState filtered={filtered} onReset={onReset} />}
      onFirstPage={() => onPage(1)}
    >
      {(rows) => {
        const listProps = { rows, onRemind, onCancel, remindingId };
        return (
          <>
            <AffiliationTable {...listProps} sort={sort} order={order} onSort={onSort} />
            <AffiliationCards {...listProps} />
          </>
        );
      }}
    </ListStates>
  );
}

/**
 * `/affiliations`: « Suivi des demandes d'affiliation » (SPEC §5.4). The filters, sort, page and
 * page size live in the address; each row's « … » offers the reminder, the cancellation and the
 * BIA.
 */
export function AffiliationsPage() {
  const search = validateAffiliationsSearch(useSearch({ strict: false }));
  const navigate = useNavigate();
  const options = useAffiliationOptions();
  const list = useAffiliations(search);
  const remind = useSendReminder();
  const cancel = useCancelAffiliation();
  const [cancelling, setCancelling] = useState<AffiliationRow | null>(null);
  const resultsTitle = useRef<HTMLHeadingElement>(null);
  const { sort, order, page, pageSize } = listSettings(search);
  const filtered = hasFilters(search);

  const go = (next: AffiliationsSearch) =>
    void navigate({ to: paths.affiliations, search: next, resetScroll: false });
  const { onSearch, onReset, onSort, onPage, onPageSize } = useListActions(
    affiliationsList,
    search,
    go,
    resultsTitle,
  );

  const onRemind = (row: AffiliationRow) =>
    remind.mutate(row.id, {
      onSuccess: () => success(`Un email de relance a été envoyé à ${employeeName(row)}.`),
      onError: failure,
    });
  const onConfirmCancel = (row: AffiliationRow) =>
    cancel.mutate(row.id, {
      onSuccess: () => {
        setCancelling(null);
        success(`La demande d’affiliation de ${employeeName(row)} est annulée.`);
      },
      onError: (error) => {
        setCancelling(null);
        failure(error);
      },
    });

  const data = list.data;
  const updating = list.isPlaceholderData;
  const total = data?.total ?? 0;
  const pages = pageCount(total, pageSize);
  const remindingId = remind.isPending ? (remind.variables ?? null) : null;

  let status = '';
  if (list.isPending) status = 'Chargement des demandes d’affiliation…';
  else if (data) status = rangeLabel(total, page, pageSize);

  return (
    <Page
      title="Suivi des demandes d’affiliation"
      description="L’état d’avancement de l’affiliation de vos salariés, le mode utilisé (e-mail ou courrier) ; relancez un salarié depuis « … » dans la colonne Actions."
      actions={
        <ButtonLink to={paths.preAffiliation} leftSection={<IconUserPlus size={18} aria-hidden />}>
          Pré-affilier un salarié
        </ButtonLink>
      }
    >
      <AffiliationFilters
        options={options.data}
        initial={pickFilters(search)}
        extraStatuses={extraStatuses(data?.items, search)}
        onSearch={onSearch}
        onReset={onReset}
      />
      {options.isError ? (
        <Text size="sm" c="red.7" role="alert">
          Les choix des filtres n’ont pas pu être chargés : {errorMessage(options.error)}
        </Text>
      ) : null}

      <Stack component="section" aria-labelledby="affiliations-results-title" gap="md">
        <ListResultsHeading
          id="affiliations-results-title"
          titleRef={resultsTitle}
          title="Suivi des affiliations"
          status={status}
          updating={updating}
          testId="affiliations-count"
        />

        <AffiliationsContent
          list={list}
          filtered={filtered}
          onReset={onReset}
          onPage={onPage}
          onRemind={onRemind}
          onCancel={setCancelling}
          remindingId={remindingId}
          sort={sort}
          order={order}
          onSort={onSort}
        />

        {data && total > 0 ? (
          <ListPageControls
            sizeLabel="Demandes par page"
            sizes={AFFILIATION_PAGE_SIZES}
            page={page}
            pages={pages}
            pageSize={pageSize}
            onPage={onPage}
            onPageSize={onPageSize}
          />
        ) : null}
      </Stack>

      <CancelAffiliationModal
        row={cancelling}
        pending={cancel.isPending}
        onConfirm={onConfirmCancel}
        onClose={() => setCancelling(null)}
      />
    </Page>
  );
}
