import { useRef, useState } from 'react';
import { Stack } from '@mantine/core';
import { Page } from '../../../components/page';
import type { ReferenceImportReport } from '../api/use-reference-imports';
import { ImportForm } from '../components/import-form';
import { ImportHistory } from '../components/import-history';
import { ImportReportView } from '../components/import-report';

/**
 * `/back-office/referentiel/import`: « Importer des données » — companies, establishments,
 * contracts, members and coverages from a CSV or Excel file, the row-by-row report, the history.
 */
export function ReferenceImportPage() {
  const [report, setReport] = useState<ReferenceImportReport | null>(null);
  const reportRef = useRef<HTMLDivElement>(null);
  return (
    <Page
      title="Importer des données"
      description="Entreprises, établissements, contrats et assurés depuis un fichier CSV ou Excel. Un nouvel import du même fichier ne modifie que ce qui a changé."
    >
      <Stack gap="xl">
        <ImportForm
          onReport={(r) => {
            setReport(r);
            // The report takes the focus, for the keyboard and screen readers.
            requestAnimationFrame(() => reportRef.current?.focus());
          }}
        />
        {report ? (
          <div ref={reportRef} tabIndex={-1} style={{ outline: 'none' }}>
            <ImportReportView key={report.id} report={report} />
          </div>
        ) : null}
        <ImportHistory />
      </Stack>
    </Page>
  );
}
