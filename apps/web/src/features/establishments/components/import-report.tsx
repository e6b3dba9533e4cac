import { Title } from '@mantine/core';
import {
  IMPORT_ROW_STATUS_LABELS,
  importReportCsvPath,
  isImportRowError,
  type ImportRowStatus,
} from '@affilia/shared/schemas/establishments';
import { ImportReportLayout, plural } from '../../../components/import-report-parts';
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

/** « 3 établissements ajoutés, 1 déjà suivi, 9 lignes en erreur » */
export function summaryText(summary: ImportReport['summary']): string {
  return [
    plural(summary.added, 'établissement ajouté', 'établissements ajoutés'),
    plural(summary.alreadyFollowed, 'déjà suivi', 'déjà suivis'),
    plural(summary.errors, 'ligne en erreur', 'lignes en erreur'),
  ].join(', ');
}

/** The row-by-row answer to a file: counts, the rows (all or the errors only), the CSV. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const { summary } = report;
  return (
    <ImportReportLayout
      title={
        <Title order={3} fz="md">
          Rapport d’import du fichier « {report.fileName} »
        </Title>
      }
      counts={[
        { label: plural(summary.total, 'ligne lue', 'lignes lues'), color: 'gray' },
        {
          label: plural(summary.added, 'ajouté', 'ajoutés'),
          color: summary.added > 0 ? 'teal' : 'gray',
        },
        { label: plural(summary.alreadyFollowed, 'déjà suivi', 'déjà suivis'), color: 'brand' },
        {
          label: plural(summary.errors, 'erreur', 'erreurs'),
          color: summary.errors > 0 ? 'red' : 'gray',
        },
      ]}
      errorCount={summary.errors}
      errorsText={
        <>
          Les lignes en erreur n’ont pas été ajoutées ; les autres l’ont été. Corrigez ces lignes
          dans votre fichier, puis envoyez-le de nouveau : les établissements déjà ajoutés
          apparaîtront comme « Déjà suivi ».
        </>
      }
      csvHref={importReportCsvPath(report.reportId)}
      rows={report.rows}
      isError={(row) => isImportRowError(row.status)}
      columns={['SIRET', 'Code identifiant']}
      keyOf={(row) => (row.siret ? formatSiret(row.siret) : '')}
      nameOf={(row) => row.identifier}
      statusOf={(row) => ({
        label: IMPORT_ROW_STATUS_LABELS[row.status],
        color: STATUS_COLORS[row.status],
      })}
      minWidth={640}
    />
  );
}
