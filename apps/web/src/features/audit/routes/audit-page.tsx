import { useRef } from 'react';
import { Button } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { IconFileTypeCsv, IconListSearch } from '@tabler/icons-react';
import { staffCan } from '@affilia/shared/domain/permissions';
import { ListSkeleton } from '../../../components/list-skeleton';
import { ListPrevNext, ListResults } from '../../../components/list-page';
import { ListEmpty } from '../../../components/list-empty';
import { Page } from '../../../components/page';
import { paths } from '../../../config/paths';
import { useListActions } from '../../../lib/use-list-actions';
import { useMe } from '../../../lib/use-me';
import { useAuditPage } from '../api/use-audit';
import type { AuditSearch } from '../audit-search';
import { AUDIT_PAGE_SIZE, auditExportUrl, auditList, validateAuditSearch } from '../audit-search';
import { AuditFilters } from '../components/audit-filters';
import { AuditList } from '../components/audit-list';
import { RetentionPanel } from '../components/retention-panel';

/** « Lignes 1 à 50, les plus récentes d’abord » (« (fin du journal) » on the last page). */
function linesLabel(page: number, count: number, hasMore: boolean): string {
  if (count === 0) return '';
  const first = (page - 1) * AUDIT_PAGE_SIZE + 1;
  return `Lignes ${first} à ${first + count - 1}${hasMore ? '' : ' (fin du journal)'}, les plus récentes d’abord`;
}

/** `/back-office/audit`: « Journal d'audit » (SPEC §8), filters and page in the address. */
export function AuditPage() {
  const search = validateAuditSearch(useSearch({ strict: false }));
  const navigate = useNavigate();
  const me = useMe();
  const list = useAuditPage(search);
  const resultsTitle = useRef<HTMLHeadingElement>(null);
  // Without the role (an older server), the setting shows and the API's refusal explains itself.
  const isAdmin = me.data?.staffRole ? staffCan(me.data.staffRole, 'backoffice.administer') : true;
  const { page } = auditList.settings(search);
  const filtered = auditList.hasFilters(search);

  const go = (next: AuditSearch) =>
    void navigate({ to: paths.backOfficeAudit, search: next, resetScroll: false });
  const { onSearch, onReset, onPage } = useListActions(auditList, search, go, resultsTitle);

  return (
    <Page
      title="Journal d’audit"
      description="Qui a fait quoi, quand et d’où : connexions, changements d’utilisateurs et de droits, exports, étapes des affiliations. Vos consultations et exports y sont aussi enregistrés."
      actions={
        <Button
          component="a"
          href={auditExportUrl(search)}
          download
          variant="default"
          leftSection={<IconFileTypeCsv size={18} aria-hidden />}
        >
          Exporter (CSV)
        </Button>
      }
    >
      <AuditFilters
        key={auditList.queryString({ ...search, page: undefined })}
        filters={auditList.pickFilters(search)}
        onSearch={onSearch}
        onReset={onReset}
      />
      <ListResults
        id="audit-results-title"
        titleRef={resultsTitle}
        title="Résultats"
        testId="audit-count"
        list={list}
        page={page}
        loading="Chargement du journal…"
        count={(d) => linesLabel(page, d.items.length, Boolean(list.data?.hasMore))}
        skeleton={<ListSkeleton />}
        empty={
          <ListEmpty
            icon={IconListSearch}
            title={filtered ? 'Aucune ligne pour ces filtres.' : 'Le journal est vide.'}
            hint={filtered ? 'Élargissez les dates ou effacez un filtre.' : undefined}
          />
        }
        onPage={onPage}
        controls={
          <ListPrevNext page={page} hasMore={Boolean(list.data?.hasMore)} onPage={onPage} />
        }
      >
        {(entries) => <AuditList entries={entries} />}
      </ListResults>
      {isAdmin ? <RetentionPanel /> : null}
    </Page>
  );
}
