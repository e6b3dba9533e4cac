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
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconDownload,
  IconInfoCircle,
} from '@tabler/icons-react';
import {
  REFERENCE_IMPORT_KIND_LABELS,
  REFERENCE_IMPORT_ROW_STATUS_LABELS,
  referenceImportReportPath,
  type ReferenceImportKind,
  type ReferenceImportRowStatus,
} from '@affilia/shared/schemas/reference-import';
import { paginationLabels, plural, SummaryBadge } from '../../../components/import-report-parts';
import type { ReferenceImportReport } from '../api/use-reference-imports';

const STATUS_COLORS: Record<ReferenceImportRowStatus, string> = {
  created: 'teal',
  updated: 'brand',
  unchanged: 'gray',
  error: 'red',
};

const KEY_LABELS: Record<ReferenceImportKind, [string, string]> = {
  companies: ['SIREN', 'Raison sociale'],
  establishments: ['SIRET', 'Nom'],
  contracts: ['Numéro de contrat', 'Libellé'],
  members: ['NIR (masqué)', 'Assuré'],
};

const PAGE_SIZE = 100;

/** « 3 créés, 1 mis à jour, 10 inchangés, 2 lignes en erreur » */
export function importSummaryText(summary: ReferenceImportReport['summary']): string {
  return [
    plural(summary.created, 'créé', 'créés'),
    plural(summary.updated, 'mis à jour', 'mis à jour'),
    plural(summary.unchanged, 'inchangé', 'inchangés'),
    plural(summary.errors, 'ligne en erreur', 'lignes en erreur'),
  ].join(', ');
}

function RowStatusBadge({ status }: { status: ReferenceImportRowStatus }) {
  return (
    <Badge
      variant="light"
      color={STATUS_COLORS[status]}
      tt="none"
      radius="sm"
      c={status === 'unchanged' ? 'gray.8' : undefined}
    >
      {REFERENCE_IMPORT_ROW_STATUS_LABELS[status]}
    </Badge>
  );
}

/** The row-by-row answer to a file: counts, the rows (all or the errors only), the CSV. */
export function ImportReportView({ report }: { report: ReferenceImportReport }) {
  const [errorsOnly, setErrorsOnly] = useState(false);
  const [page, setPage] = useState(1);
  const { summary } = report;
  const rows = errorsOnly ? report.rows.filter((r) => r.status === 'error') : report.rows;
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const current = Math.min(page, pages);
  const visible = rows.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);
  const [keyLabel, nameLabel] = KEY_LABELS[report.kind];

  return (
    <Stack gap="md">
      <Title order={2} fz="lg">
        Rapport d’import du fichier « {report.fileName} » (
        {REFERENCE_IMPORT_KIND_LABELS[report.kind].toLowerCase()})
      </Title>
      <Group gap="xs" aria-label="Résumé de l’import" role="group">
        <SummaryBadge label={plural(summary.total, 'ligne lue', 'lignes lues')} color="gray" />
        <SummaryBadge
          label={plural(summary.created, 'créé', 'créés')}
          color={summary.created > 0 ? 'teal' : 'gray'}
        />
        <SummaryBadge
          label={plural(summary.updated, 'mis à jour', 'mis à jour')}
          color={summary.updated > 0 ? 'brand' : 'gray'}
        />
        <SummaryBadge label={plural(summary.unchanged, 'inchangé', 'inchangés')} color="gray" />
        <SummaryBadge
          label={plural(summary.errors, 'erreur', 'erreurs')}
          color={summary.errors > 0 ? 'red' : 'gray'}
        />
      </Group>
      {report.dryRun ? (
        <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
          Vérification seule : aucune donnée n’a été modifiée. Le rapport montre ce que l’import
          ferait.
        </Alert>
      ) : null}
      {summary.errors > 0 ? (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />}>
          Les lignes en erreur n’ont pas été appliquées ; les autres l’ont été
          {report.dryRun ? ' (le seraient)' : ''}. Corrigez ces lignes dans votre fichier, puis
          importez-le de nouveau : les lignes déjà importées apparaîtront comme « Inchangé ».
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
          href={referenceImportReportPath(report.id)}
          download
          variant="default"
          leftSection={<IconDownload size={18} aria-hidden />}
        >
          Télécharger le rapport (.csv)
        </Button>
      </Group>
      {report.rowsTruncated ? (
        <Text size="sm">
          Le fichier compte {summary.total.toLocaleString('fr-FR')} lignes : seules les lignes en
          erreur sont affichées ici. Le rapport (.csv) contient toutes les lignes.
        </Text>
      ) : null}

      {rows.length === 0 ? (
        <Text size="sm">Aucune ligne en erreur.</Text>
      ) : (
        <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
          <Table.ScrollContainer minWidth={720} type="native">
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
                  <Table.Th scope="col">{keyLabel}</Table.Th>
                  <Table.Th scope="col">{nameLabel}</Table.Th>
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
                      <Text size="sm">{row.key || '—'}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" style={{ wordBreak: 'break-word' }}>
                        {row.label || '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={4} align="flex-start">
                        <RowStatusBadge status={row.status} />
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
