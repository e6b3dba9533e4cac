import { useRef, useState } from 'react';
import { Group } from '@mantine/core';
import { IconMailForward } from '@tabler/icons-react';
import { useNavigate, useSearch } from '@tanstack/react-router';
import type { AffiliationStatus } from '@affilia/shared/domain/enums';
import {
  AFFILIATION_PAGE_SIZES,
  EMPLOYER_AFFILIATION_STATUSES,
} from '@affilia/shared/domain/enums';
import { ListSkeleton } from '../../../components/list-skeleton';
import {
  ListFilterOptionsError,
  ListPageControls,
  ListResults,
} from '../../../components/list-page';
import { ListEmpty } from '../../../components/list-empty';
import { PaperDispenseDialog } from '../../../components/paper-dispense-dialog';
import { PreAffiliateByFileLink, PreAffiliateLink } from '../../../components/pre-affiliate-link';
import { useListActions } from '../../../lib/use-list-actions';
import { Page } from '../../../components/page';
import { notifyFailure, notifySuccess } from '../../../lib/notify';
import { paths } from '../../../config/paths';
import type { AffiliationRequestRow, RequestRow } from '../api/use-affiliations';
import {
  useAffiliationOptions,
  useCancelAffiliation,
  useRequests,
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
import { AffiliationList } from '../components/affiliation-list';
import { CancelAffiliationModal } from '../components/cancel-affiliation-modal';
import { employeeName } from '../format';

function AffiliationsEmpty({ filtered, onReset }: { filtered: boolean; onReset: () => void }) {
  return filtered ? (
    <ListEmpty
      icon={IconMailForward}
      title="Aucune demande ne correspond à votre recherche."
      onReset={onReset}
    />
  ) : (
    <ListEmpty
      icon={IconMailForward}
      title="Aucune demande"
      hint="Les demandes apparaîtront ici dès que vous aurez pré-affilié ou radié un salarié."
      action={<PreAffiliateLink variant="light" />}
    />
  );
}

/** The insurer's statuses seen in the list (or filtered on), to offer them in « Statut ». */
function extraStatuses(rows: RequestRow[] | undefined) {
  const found = new Set<AffiliationStatus>();
  for (const row of rows ?? []) if (row.type === 'affiliation') found.add(row.status);
  return [...found].filter(
    (status) => !(EMPLOYER_AFFILIATION_STATUSES as readonly string[]).includes(status),
  );
}

/**
 * `/affiliations`: « Suivi des demandes » (SPEC §5.4, issue 18): every request, affiliations and
 * radiations, with its type. The filters, sort, page and page size live in the address; an
 * affiliation's « … » offers the reminder, the cancellation and the BIA, a radiation's its page
 * and its notice.
 */
export function AffiliationsPage() {
  const search = validateAffiliationsSearch(useSearch({ strict: false }));
  const navigate = useNavigate();
  const options = useAffiliationOptions();
  const list = useRequests(search);
  const remind = useSendReminder();
  const cancel = useCancelAffiliation();
  const [cancelling, setCancelling] = useState<AffiliationRequestRow | null>(null);
  const [dispensing, setDispensing] = useState<AffiliationRequestRow | null>(null);
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

  const onRemind = (row: AffiliationRequestRow) =>
    remind.mutate(row.id, {
      onSuccess: () => notifySuccess(`Un email de relance a été envoyé à ${employeeName(row)}.`),
      onError: (error) => notifyFailure(error),
    });
  const onConfirmCancel = (row: AffiliationRequestRow) =>
    cancel.mutate(row.id, {
      onSuccess: () => {
        setCancelling(null);
        notifySuccess(`La demande d’affiliation de ${employeeName(row)} est annulée.`);
      },
      onError: (error) => {
        setCancelling(null);
        notifyFailure(error);
      },
    });

  const data = list.data;
  const remindingId = remind.isPending ? (remind.variables ?? null) : null;

  return (
    <Page
      title="Suivi des demandes"
      description="L’état d’avancement des affiliations et des radiations de vos salariés ; relancez un salarié ou téléchargez une notice depuis « … » dans la colonne Actions."
      actions={
        <Group gap="sm">
          <PreAffiliateByFileLink />
          <PreAffiliateLink />
        </Group>
      }
    >
      <AffiliationFilters
        options={options.data}
        initial={pickFilters(search)}
        extraStatuses={extraStatuses(data?.items)}
        onSearch={onSearch}
        onReset={onReset}
      />
      <ListFilterOptionsError options={options} />

      <ListResults
        id="affiliations-results-title"
        titleRef={resultsTitle}
        title="Demandes"
        testId="affiliations-count"
        list={list}
        page={page}
        loading="Chargement des demandes…"
        count={(d) => rangeLabel(d.total ?? 0, page, pageSize)}
        skeleton={<ListSkeleton />}
        empty={<AffiliationsEmpty filtered={filtered} onReset={onReset} />}
        onPage={onPage}
        controls={
          <ListPageControls
            sizeLabel="Demandes par page"
            sizes={AFFILIATION_PAGE_SIZES}
            page={page}
            pages={pageCount(data?.total ?? 0, pageSize)}
            pageSize={pageSize}
            onPage={onPage}
            onPageSize={onPageSize}
          />
        }
      >
        {(rows) => (
          <AffiliationList
            rows={rows}
            onRemind={onRemind}
            onCancel={setCancelling}
            onPaperDispense={setDispensing}
            remindingId={remindingId}
            sort={sort}
            order={order}
            onSort={onSort}
          />
        )}
      </ListResults>

      <CancelAffiliationModal
        row={cancelling}
        pending={cancel.isPending}
        onConfirm={onConfirmCancel}
        onClose={() => setCancelling(null)}
      />
      <PaperDispenseDialog
        request={dispensing ? { id: dispensing.id, name: employeeName(dispensing) } : null}
        onClose={() => setDispensing(null)}
      />
    </Page>
  );
}
