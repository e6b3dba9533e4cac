import { Text } from '@mantine/core';
import { RADIATION_IMPORT_OUTCOME_LABELS } from '@affilia/shared/domain/radiation-import';
import type { RadiationImportReport } from '@affilia/shared/schemas/radiation-import';
import { plural } from '../../../components/import-report-parts';
import { RequestImportReport } from '../../../components/request-import-report';

/** « 3 radiations créées, 2 lignes refusées ». */
export function summaryText(summary: RadiationImportReport['summary']): string {
  return `${plural(summary.created, 'radiation créée', 'radiations créées')}, ${plural(summary.refused, 'ligne refusée', 'lignes refusées')}`;
}

/**
 * The answer to « Radier par fichier »: the counts, what to do next, then every line of the file
 * (a table, cards on a phone), the refused ones first.
 */
export function RadiationImportReportView({ report }: { report: RadiationImportReport }) {
  const { summary } = report;
  return (
    <RequestImportReport
      fileName={report.fileName}
      rows={report.rows}
      created={summary.created}
      refused={summary.refused}
      counts={[
        { label: plural(summary.total, 'ligne lue', 'lignes lues'), color: 'gray' },
        {
          label: plural(summary.created, 'radiation créée', 'radiations créées'),
          color: 'teal',
        },
        {
          label: plural(summary.refused, 'ligne refusée', 'lignes refusées'),
          color: summary.refused > 0 ? 'red' : 'gray',
        },
      ]}
      outcomeLabels={RADIATION_IMPORT_OUTCOME_LABELS}
      requests={{
        one: 'une demande de radiation envoyée à l’assureur',
        many: 'des demandes de radiation envoyées à l’assureur',
      }}
      createdDetail={() => <Text size="sm">Demande envoyée à l’assureur</Text>}
    />
  );
}
