import { staffCan } from '@affilia/shared/domain/permissions';
import { LoadError } from '../../../components/load-error';
import { useRef } from 'react';
import { Button, Group, Paper, Skeleton, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import {
  IconChevronLeft,
  IconChevronRight,
  IconFileTypeCsv,
  IconListSearch,
} from '@tabler/icons-react';
import { Page } from '../../../components/page';
import { paths } from '../../../config/paths';
import { useMe } from '../../../lib/use-me';
import type { AuditEntry } from '../api/use-audit';
import { AUDIT_PAGE_SIZE, useAuditPage } from '../api/use-audit';
import type { AuditSearch } from '../audit-search';
import {
  applyAuditFilters,
  auditExportUrl,
  auditHref,
  hasAuditFilters,
  validateAuditSearch,
} from '../audit-search';
import { AuditFilters } from '../components/audit-filters';
import { AuditList } from '../components/audit-list';
import { RetentionPanel } from '../components/retention-panel';

/** A page of the journal, « Précédente » and « Suivante ». */
function AuditResults({
  entries,
  page,
  hasMore,
  updating,
  onPage,
}: {
  entries: AuditEntry[];
  page: number;
  hasMore: boolean;
  updating: boolean;
  onPage: (page: number) => void;
}) {
  return (
    <Stack gap="md" style={{ opacity: updating ? 0.6 : 1 }}>
      <AuditList entries={entries} />
      <Group justify="space-between">
        <Button
          variant="default"
          leftSection={<IconChevronLeft size={18} aria-hidden />}
          disabled={page <= 1}
          onClick={() => onPage(page - 1)}
        >
          Précédente
        </Button>
        <Text size="sm">Page {page}</Text>
        <Button
          variant="default"
          rightSection={<IconChevronRight size={18} aria-hidden />}
          disabled={!hasMore}
          onClick={() => onPage(page + 1)}
        >
          Suivante
        </Button>
      </Group>
    </Stack>
  );
}

/** `/back-office/audit`: « Journal d'audit » (SPEC §8), filters in the address. */
export function AuditPage() {
  const search = validateAuditSearch(useSearch({ strict: false }));
  const navigate = useNavigate();
  const me = useMe();
  const list = useAuditPage(search);
  const resultsTitle = useRef<HTMLHeadingElement>(null);
  // Without the role (an older server), the setting shows and the API's refusal explains itself.
  const isAdmin = me.data?.staffRole ? staffCan(me.data.staffRole, 'backoffice.administer') : true;
  const page = search.page ?? 1;

  const go = (next: AuditSearch) =>
    void navigate({ href: auditHref(paths.backOfficeAudit, next), resetScroll: false });
  const toPage = (next: number) => {
    go({ ...search, page: next });
    window.requestAnimationFrame(() => resultsTitle.current?.focus());
  };

  const data = list.data;
  const entries = data?.entries ?? [];
  let content;
  if (list.isPending) {
    content = (
      <Stack gap="xs" aria-busy="true">
        {[0, 1, 2, 3, 4].map((i) => (
          <Skeleton key={i} h={48} />
        ))}
      </Stack>
    );
  } else if (list.isError) {
    content = <LoadError error={list.error} onRetry={() => void list.refetch()} compact />;
  } else if (entries.length === 0) {
    content = (
      <Paper withBorder radius="md" p="xl">
        <Stack align="center" gap="xs" ta="center">
          <IconListSearch size={32} aria-hidden />
          <Text fw={600}>
            {hasAuditFilters(search) ? 'Aucune ligne pour ces filtres.' : 'Le journal est vide.'}
          </Text>
          {hasAuditFilters(search) ? (
            <Text size="sm" c="dimmed">
              Élargissez les dates ou effacez un filtre.
            </Text>
          ) : null}
        </Stack>
      </Paper>
    );
  } else {
    content = (
      <AuditResults
        entries={entries}
        page={page}
        hasMore={Boolean(data?.hasMore)}
        updating={list.isPlaceholderData}
        onPage={toPage}
      />
    );
  }

  let status = '';
  if (list.isPending) status = 'Chargement du journal…';
  else if (data && entries.length > 0) {
    const first = (page - 1) * AUDIT_PAGE_SIZE + 1;
    status = `Lignes ${first} à ${first + entries.length - 1}${data.hasMore ? '' : ' (fin du journal)'}, les plus récentes d’abord`;
  }

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
        key={auditHref('', { ...search, page: undefined })}
        filters={search}
        onSearch={(filters) => go(applyAuditFilters(filters))}
        onReset={() => go({})}
      />
      <Stack gap="sm">
        <Title order={2} fz="lg" ref={resultsTitle} tabIndex={-1}>
          Résultats
        </Title>
        <Text size="sm" role="status">
          {status}
        </Text>
        <VisuallyHidden aria-live="polite">{list.isFetching ? 'Mise à jour…' : ''}</VisuallyHidden>
        {content}
      </Stack>
      {isAdmin ? <RetentionPanel /> : null}
    </Page>
  );
}
