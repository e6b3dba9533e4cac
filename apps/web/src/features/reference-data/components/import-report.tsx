import { Alert, Text, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import {
  REFERENCE_IMPORT_KIND_LABELS,
  REFERENCE_IMPORT_ROW_STATUS_LABELS,
  referenceImportReportPath,
  type ReferenceImportKind,
  type ReferenceImportRowStatus,
} from '@affilia/shared/domain/reference-import';
import { ImportReportLayout, plural } from '../../../components/import-report-parts';
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

/** « 3 créés, 1 mis à jour, 10 inchangés, 2 lignes en erreur » */
export function importSummaryText(summary: ReferenceImportReport['summary']): string {
  return [
    plural(summary.created, 'créé', 'créés'),
    plural(summary.updated, 'mis à jour', 'mis à jour'),
    plural(summary.unchanged, 'inchangé', 'inchangés'),
    plural(summary.errors, 'ligne en erreur', 'lignes en erreur'),
  ].join(', ');
}

/** The row-by-row answer to a file: counts, the rows (all or the errors only), the CSV. */
export function ImportReportView({ report }: { report: ReferenceImportReport }) {
  const { summary } = report;
  return (
    <ImportReportLayout
      title={
        <Title order={2} fz="lg">
          Rapport d’import du fichier « {report.fileName} » (
          {REFERENCE_IMPORT_KIND_LABELS[report.kind].toLowerCase()})
        </Title>
      }
      counts={[
        { label: plural(summary.total, 'ligne lue', 'lignes lues'), color: 'gray' },
        {
          label: plural(summary.created, 'créé', 'créés'),
          color: summary.created > 0 ? 'teal' : 'gray',
        },
        {
          label: plural(summary.updated, 'mis à jour', 'mis à jour'),
          color: summary.updated > 0 ? 'brand' : 'gray',
        },
        { label: plural(summary.unchanged, 'inchangé', 'inchangés'), color: 'gray' },
        {
          label: plural(summary.errors, 'erreur', 'erreurs'),
          color: summary.errors > 0 ? 'red' : 'gray',
        },
      ]}
      notice={
        report.dryRun ? (
          <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
            Vérification seule : aucune donnée n’a été modifiée. Le rapport montre ce que l’import
            ferait.
          </Alert>
        ) : null
      }
      errorCount={summary.errors}
      errorsText={
        <>
          Les lignes en erreur n’ont pas été appliquées ; les autres l’ont été
          {report.dryRun ? ' (le seraient)' : ''}. Corrigez ces lignes dans votre fichier, puis
          importez-le de nouveau : les lignes déjà importées apparaîtront comme « Inchangé ».
        </>
      }
      csvHref={referenceImportReportPath(report.id)}
      rowsNote={
        report.rowsTruncated ? (
          <Text size="sm">
            Le fichier compte {summary.total.toLocaleString('fr-FR')} lignes : seules les lignes en
            erreur sont affichées ici. Le rapport (.csv) contient toutes les lignes.
          </Text>
        ) : null
      }
      rows={report.rows}
      isError={(row) => row.status === 'error'}
      columns={KEY_LABELS[report.kind]}
      keyOf={(row) => row.key}
      nameOf={(row) => row.label}
      statusOf={(row) => ({
        label: REFERENCE_IMPORT_ROW_STATUS_LABELS[row.status],
        color: STATUS_COLORS[row.status],
      })}
      minWidth={720}
    />
  );
}
