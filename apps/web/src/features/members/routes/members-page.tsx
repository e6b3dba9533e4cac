import { useRef } from 'react';
import { Button, Group } from '@mantine/core';
import {
  IconFileSpreadsheet,
  IconFileTypeCsv,
  IconUserMinus,
  IconUsers,
} from '@tabler/icons-react';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { PAGE_SIZES } from '@affilia/shared/domain/enums';
import { ListSkeleton } from '../../../components/list-skeleton';
import {
  ListFilterOptionsError,
  ListPageControls,
  ListResults,
} from '../../../components/list-page';
import { ListEmpty } from '../../../components/list-empty';
import { ButtonLink } from '../../../components/links';
import { PreAffiliateLink } from '../../../components/pre-affiliate-link';
import { useListActions } from '../../../lib/use-list-actions';
import { Page } from '../../../components/page';
import { paths } from '../../../config/paths';
import { useCanRadiate } from '../../../lib/use-can-radiate';
import { RadiateSelection, useSelection } from '../components/radiate-selection';
import { useMemberFilterOptions, useMembers } from '../api/use-members';
import { MemberFilters } from '../components/member-filters';
import { MemberList } from '../components/member-list';
import type { MembersSearch } from '../members-search';
import {
  membersList,
  hasFilters,
  listSettings,
  membersExportUrl,
  membersQueryString,
  pageCount,
  pickFilters,
  rangeLabel,
  resultsHeading,
  validateMembersSearch,
} from '../members-search';

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
  const { sort, order, page, pageSize } = listSettings(search);
  const filtered = hasFilters(search);
  const heading = resultsHeading(search.contractStatus, search.portability);
  const canRadiate = useCanRadiate();
  const { selected, select } = useSelection(membersQueryString(search));

  const go = (next: MembersSearch) =>
    void navigate({ to: paths.members, search: next, resetScroll: false });
  const { onSearch, onReset, onSort, onPage, onPageSize } = useListActions(
    membersList,
    search,
    go,
    resultsTitle,
  );

  const total = list.data?.total ?? 0;

  return (
    <Page
      title="Mes salariés"
      description="La liste complète et détaillée de vos salariés assurés : établissement, statut professionnel, nom et numéro de sécurité sociale, contrat avec sa date d’effet et sa date de fin."
      actions={
        <ButtonLink
          to={paths.radiationImport}
          variant="default"
          leftSection={<IconUserMinus size={18} aria-hidden />}
        >
          Radier par fichier
        </ButtonLink>
      }
    >
      <MemberFilters
        options={options.data}
        initial={pickFilters(search)}
        onSearch={onSearch}
        onReset={onReset}
      />
      <ListFilterOptionsError options={options} />

      <ListResults
        id="members-results-title"
        titleRef={resultsTitle}
        title={heading.title}
        scope={heading.scope}
        testId="members-count"
        aside={
          <Group gap="sm">
            {canRadiate ? (
              <RadiateSelection selected={selected} onSent={() => select(new Set())} />
            ) : null}
            <ExportButtons search={search} disabled={!list.data || total === 0} />
          </Group>
        }
        list={list}
        page={page}
        loading="Chargement des salariés…"
        count={(d) => rangeLabel(d.total ?? 0, page, pageSize)}
        skeleton={<ListSkeleton />}
        empty={
          filtered ? (
            <ListEmpty
              icon={IconUsers}
              title="Aucun salarié ne correspond à votre recherche."
              hint="Vérifiez l’orthographe du nom ou le NIR, ou élargissez les filtres."
              onReset={onReset}
            />
          ) : (
            <ListEmpty
              icon={IconUsers}
              title="Aucun salarié assuré pour le moment."
              hint="Vos salariés apparaîtront ici dès que leur affiliation sera validée."
              action={<PreAffiliateLink variant="light" />}
            />
          )
        }
        onPage={onPage}
        controls={
          <ListPageControls
            sizeLabel="Salariés par page"
            sizes={PAGE_SIZES}
            page={page}
            pages={pageCount(total, pageSize)}
            pageSize={pageSize}
            onPage={onPage}
            onPageSize={onPageSize}
          />
        }
      >
        {(members) => (
          <MemberList
            members={members}
            search={search}
            sort={sort}
            order={order}
            onSort={onSort}
            {...(canRadiate ? { selected, onSelect: select } : {})}
          />
        )}
      </ListResults>
    </Page>
  );
}
