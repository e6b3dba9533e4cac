import { useRef } from 'react';
import { Button, Group, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import {
  IconFileSpreadsheet,
  IconFileTypeCsv,
  IconFilterOff,
  IconUserPlus,
  IconUsers,
} from '@tabler/icons-react';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { PAGE_SIZES } from '@affilia/shared/domain/enums';
import type { MemberSort } from '@affilia/shared/domain/enums';
import { ButtonLink } from '../../../components/links';
import { ListPageControls, ListResultsHeading, ListStates } from '../../../components/list-page';
import { useListActions } from '../../../lib/use-list-actions';
import { Page } from '../../../components/page';
import { paths } from '../../../config/paths';
import { errorMessage } from '../../../lib/form-errors';
import { useMemberFilterOptions, useMembers } from '../api/use-members';
import { MemberFilters } from '../components/member-filters';
import { MemberCards, MemberListSkeleton, MemberTable } from '../components/member-list';
import type { MembersSearch } from '../members-search';
import {
  membersList,
  hasFilters,
  listSettings,
  membersExportUrl,
  pageCount,
  pickFilters,
  rangeLabel,
  resultsHeading,
  validateMembersSearch,
} from '../members-search';

function EmptyState({ filtered, onReset }: { filtered: boolean; onReset: () => void }) {
  return (
    <Paper withBorder radius="md" p="xl">
      <Stack align="center" gap="sm" ta="center" maw={520} mx="auto">
        <ThemeIcon variant="light" size={56} radius="xl" aria-hidden>
          <IconUsers size={30} aria-hidden />
        </ThemeIcon>
        <Text fw={600}>
          {filtered
            ? 'Aucun salarié ne correspond à votre recherche.'
            : 'Aucun salarié assuré pour le moment.'}
        </Text>
        {filtered ? (
          <>
            <Text size="sm" c="dimmed">
              Vérifiez l’orthographe du nom ou le NIR, ou élargissez les filtres.
            </Text>
            <Button
              variant="default"
              leftSection={<IconFilterOff size={18} aria-hidden />}
              onClick={onReset}
            >
              Réinitialiser la recherche
            </Button>
          </>
        ) : (
          <>
            <Text size="sm" c="dimmed">
              Vos salariés apparaîtront ici dès que leur affiliation sera validée.
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

function ExportButtons({ search, disabled }: { search: MembersSearch; disabled: boolean }) {
  const buttons = [
    { format: 'csv', label: 'Exporter (CSV)', icon: IconFileTypeCsv },
    { format: 'xlsx', label: 'Exporter (Excel)', icon: IconFileSpreadsheet },
  ] as const;
  return (
    <Group gap="sm">
      {buttons.map(({ format, label, icon: Icon }) =>
        disabled ? (
          <Button
            key={format}
            variant="default"
            disabled
            leftSection={<Icon size={18} aria-hidden />}
          >
            {label}
          </Button>
        ) : (
          <Button
            key={format}
            component="a"
            href={membersExportUrl(search, format)}
            download
            variant="default"
            leftSection={<Icon size={18} aria-hidden />}
          >
            {label}
          </Button>
        ),
      )}
    </Group>
  );
}

/** The members: loading, an error, none, a page past the end, or the table (cards on a phone). */
function MembersContent({
  list,
  search,
  filtered,
  onReset,
  onPage,
  onSort,
}: {
  list: ReturnType<typeof useMembers>;
  search: MembersSearch;
  filtered: boolean;
  onReset: () => void;
  onPage: (page: number) => void;
  onSort: (column: MemberSort) => void;
}) {
  const { sort, order } = listSettings(search);
  return (
    <ListStates
      list={list}
      skeleton={<MemberListSkeleton />}
      empty={<EmptyState filtered={filtered} onReset={onReset} />}
      onFirstPage={() => onPage(1)}
    >
      {(members) => (
        <>
          <MemberTable
            members={members}
            search={search}
            sort={sort}
            order={order}
            onSort={onSort}
          />
          <MemberCards members={members} search={search} />
        </>
      )}
    </ListStates>
  );
}

/**
 * `/salaries`: « Mes salariés » (SPEC §5.2). The filters, sort, page and page size live in the
 * address; the filters apply on « Rechercher ». The previous page stays on screen while the next
 * one loads.
 */
export function MembersPage() {
  const search = validateMembersSearch(useSearch({ strict: false }));
  const navigate = useNavigate();
  const options = useMemberFilterOptions();
  const list = useMembers(search);
  const resultsTitle = useRef<HTMLHeadingElement>(null);
  const { page, pageSize } = listSettings(search);
  const filtered = hasFilters(search);
  const heading = resultsHeading(search.contractStatus);

  const go = (next: MembersSearch) =>
    void navigate({ to: paths.members, search: next, resetScroll: false });
  const { onSearch, onReset, onSort, onPage, onPageSize } = useListActions(
    membersList,
    search,
    go,
    resultsTitle,
  );

  const data = list.data;
  const updating = list.isPlaceholderData;
  const total = data?.total ?? 0;
  const pages = pageCount(total, pageSize);

  let status = '';
  if (list.isPending) status = 'Chargement des salariés…';
  else if (data) status = rangeLabel(total, page, pageSize);

  return (
    <Page
      title="Mes salariés"
      description="La liste complète et détaillée de vos salariés assurés : établissement, statut professionnel, nom et numéro de sécurité sociale, contrat avec sa date d’effet et sa date de fin."
    >
      <MemberFilters
        options={options.data}
        initial={pickFilters(search)}
        onSearch={onSearch}
        onReset={onReset}
      />
      {options.isError ? (
        <Text size="sm" c="red.7" role="alert">
          Les choix des filtres n’ont pas pu être chargés : {errorMessage(options.error)}
        </Text>
      ) : null}

      <Stack component="section" aria-labelledby="members-results-title" gap="md">
        <Group justify="space-between" align="flex-end" gap="md">
          <ListResultsHeading
            id="members-results-title"
            titleRef={resultsTitle}
            title={heading.title}
            scope={heading.scope}
            status={status}
            updating={updating}
            testId="members-count"
          />
          <ExportButtons search={search} disabled={!data || total === 0} />
        </Group>

        <MembersContent
          list={list}
          search={search}
          filtered={filtered}
          onReset={onReset}
          onPage={onPage}
          onSort={onSort}
        />

        {data && total > 0 ? (
          <ListPageControls
            sizeLabel="Salariés par page"
            sizes={PAGE_SIZES}
            page={page}
            pages={pages}
            pageSize={pageSize}
            onPage={onPage}
            onPageSize={onPageSize}
          />
        ) : null}
      </Stack>
    </Page>
  );
}
