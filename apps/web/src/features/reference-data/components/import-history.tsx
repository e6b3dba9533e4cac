import { Alert, Anchor, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import {
  REFERENCE_IMPORT_KIND_LABELS,
  referenceImportReportPath,
} from '@affilia/shared/domain/reference-import';
import { formatDateTime } from '../../../lib/format-date';
import { errorMessage } from '../../../lib/form-errors';
import { useReferenceImports } from '../api/use-reference-imports';

const HEADING_ID = 'historique-imports';
const count = (n: number) => n.toLocaleString('fr-FR');

/** « Historique des imports »: who imported what, when, and the counts of each report. */
export function ImportHistory() {
  const history = useReferenceImports();
  return (
    <Stack gap="sm" component="section" aria-labelledby={HEADING_ID}>
      <Title order={2} fz="lg" id={HEADING_ID}>
        Historique des imports
      </Title>
      {history.isPending ? (
        <Loader size="sm" aria-label="Chargement de l’historique" />
      ) : history.isError ? (
        <Alert color="red" variant="light" role="alert">
          {errorMessage(history.error)}
        </Alert>
      ) : history.data.length === 0 ? (
        <Text size="sm">Aucun import pour le moment.</Text>
      ) : (
        <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
          <Table.ScrollContainer minWidth={900} type="native">
            <Table verticalSpacing="xs" horizontalSpacing="md" striped>
              <Table.Caption>
                <Text span size="sm">
                  Les 100 derniers imports, du plus récent au plus ancien.
                </Text>
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Date</Table.Th>
                  <Table.Th scope="col">Données</Table.Th>
                  <Table.Th scope="col">Fichier</Table.Th>
                  <Table.Th scope="col">Par</Table.Th>
                  <Table.Th scope="col" ta="right">
                    Créés
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    Mis à jour
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    Inchangés
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    Erreurs
                  </Table.Th>
                  <Table.Th scope="col">Rapport</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {history.data.map((item) => (
                  <Table.Tr key={item.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {formatDateTime(item.createdAt)}
                    </Table.Td>
                    <Table.Td>
                      {REFERENCE_IMPORT_KIND_LABELS[item.kind]}
                      {item.dryRun ? ' (vérification)' : ''}
                    </Table.Td>
                    <Table.Td style={{ wordBreak: 'break-word' }}>{item.fileName}</Table.Td>
                    <Table.Td>
                      {item.source === 'cli' ? 'Ligne de commande' : (item.actorName ?? '—')}
                    </Table.Td>
                    <Table.Td ta="right">{count(item.summary.created)}</Table.Td>
                    <Table.Td ta="right">{count(item.summary.updated)}</Table.Td>
                    <Table.Td ta="right">{count(item.summary.unchanged)}</Table.Td>
                    <Table.Td ta="right" c={item.summary.errors > 0 ? 'red.8' : undefined}>
                      {count(item.summary.errors)}
                    </Table.Td>
                    <Table.Td>
                      <Anchor
                        href={referenceImportReportPath(item.id)}
                        download
                        size="sm"
                        aria-label={`Télécharger le rapport de ${item.fileName} (${formatDateTime(item.createdAt)})`}
                      >
                        .csv
                      </Anchor>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </Stack>
  );
}
