import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Group,
  Pagination,
  Paper,
  Stack,
  Switch,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { IconCircleCheck, IconDownload, IconAlertTriangle } from '@tabler/icons-react';
import {
  IMPORT_ROW_STATUS_LABELS,
  importReportCsvPath,
  isImportRowError,
  type ImportRowStatus,
} from '@affilia/shared/schemas/establishments';
import { paginationLabels, plural, SummaryBadge } from '../../../components/import-report-parts';
import type { ImportReport } from '../api/use-establishments';
import { formatSiret } from '../format-siret';

const STATUS_COLORS: Record<ImportRowStatus, string> = {
  added: 'teal',
  already_followed: 'brand',
  invalid_siret: 'red',
  unknown_identifier: 'red',
  refused: 'orange',
  duplicate: 'gray',
  invalid_row: 'red',
};

const PAGE_SIZE = 100;

/** « 3 établissements ajoutés, 1 déjà suivi, 9 lignes en erreur » */
export function summaryText(summary: ImportReport['summary']): string {
  return [
    plural(summary.added, 'établissement ajouté', 'établissements ajoutés'),
    plural(summary.alreadyFollowed, 'déjà suivi', 'déjà suivis'),
    plural(summary.errors, 'ligne en erreur', 'lignes en erreur'),
  ].join(', ');
}

export function StatusBadge({ status }: { status: ImportRowStatus }) {
  return (
    <Badge
      variant="light"
      color={STATUS_COLORS[status]}
      tt="none"
      radius="sm"
      // Mantine's light grey text is too pale on its own background.
      c={status === 'duplicate' ? 'gray.8' : undefined}
    >
      {IMPORT_ROW_STATUS_LABELS[status]}
    </Badge>
  );
}

/** The row-by-row answer to a file: counts, the rows (all or the errors only), the CSV. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const [errorsOnly, setErrorsOnly] = useState(false);
  const [page, setPage] = useState(1);
  const { summary } = report;
  const rows = errorsOnly ? report.rows.filter((r) => isImportRowError(r.status)) : report.rows;
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const current = Math.min(page, pages);
  const visible = rows.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);

  return (
    <Stack gap="md">
      <Title order={3} fz="md">
        Rapport d’import du fichier « {report.fileName} »
      </Title>
      <Group gap="xs" aria-label="Résumé de l’import" role="group">
        <SummaryBadge label={plural(summary.total, 'ligne lue', 'lignes lues')} color="gray" />
        <SummaryBadge
          label={plural(summary.added, 'ajouté', 'ajoutés')}
          color={summary.added > 0 ? 'teal' : 'gray'}
        />
        <SummaryBadge
          label={plural(summary.alreadyFollowed, 'déjà suivi', 'déjà suivis')}
          color="brand"
        />
        <SummaryBadge
          label={plural(summary.errors, 'erreur', 'erreurs')}
          color={summary.errors > 0 ? 'red' : 'gray'}
        />
      </Group>
      {summary.errors > 0 ? (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />}>
          Les lignes en erreur n’ont pas été ajoutées ; les autres l’ont été. Corrigez ces lignes
          dans votre fichier, puis envoyez-le de nouveau : les établissements déjà ajoutés
          apparaîtront comme « Déjà suivi ».
        </Alert>
      ) : (
        <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden />}>
          Toutes les lignes du fichier ont été traitées sans erreur.
        </Alert>
      )}

      <Group justify="space-between" gap="sm">
        <Switch
          label="Afficher seulement les erreurs"
          checked={errorsOnly}
          onChange={(event) => {
            setErrorsOnly(event.currentTarget.checked);
            setPage(1);
          }}
        />
        <Button
          component="a"
          href={importReportCsvPath(report.reportId)}
          download
          variant="default"
          leftSection={<IconDownload size={18} aria-hidden />}
        >
          Télécharger le rapport (.csv)
        </Button>
      </Group>

      {rows.length === 0 ? (
        <Text size="sm">Aucune ligne en erreur.</Text>
      ) : (
        <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
          <Table.ScrollContainer minWidth={640} type="native">
            <Table verticalSpacing="xs" horizontalSpacing="md">
              <Table.Caption>
                <VisuallyHidden>
                  {errorsOnly
                    ? 'Lignes en erreur du fichier'
                    : 'Résultat de chaque ligne du fichier'}
                  {pages > 1 ? `, page ${current} sur ${pages}` : ''}
                </VisuallyHidden>
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" w={80}>
                    Ligne
                  </Table.Th>
                  <Table.Th scope="col">SIRET</Table.Th>
                  <Table.Th scope="col">Code identifiant</Table.Th>
                  <Table.Th scope="col">Résultat</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {visible.map((row) => (
                  <Table.Tr key={row.line}>
                    <Table.Th scope="row" fw="inherit">
                      <Text size="sm">{row.line}</Text>
                    </Table.Th>
                    <Table.Td style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
                      <Text size="sm">{row.siret ? formatSiret(row.siret) : '—'}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" style={{ wordBreak: 'break-word' }}>
                        {row.identifier || '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={4} align="flex-start">
                        <StatusBadge status={row.status} />
                        <Text size="sm">{row.message}</Text>
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {pages > 1 ? (
        <Pagination total={pages} value={current} onChange={setPage} {...paginationLabels} />
      ) : null}
    </Stack>
  );
}
