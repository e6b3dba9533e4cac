import { Alert, Group, List, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { RADIATION_IMPORT_OUTCOME_LABELS } from '@affilia/shared/domain/radiation-import';
import type {
  RadiationImportReport,
  RadiationImportRow,
} from '@affilia/shared/schemas/radiation-import';
import { CardLine, CardLines, DataTable, type DataColumn } from '../../../components/data-table';
import { plural, ReportBadge } from '../../../components/import-report-parts';
import { AnchorLink } from '../../../components/links';
import { paths } from '../../../config/paths';

type Row = RadiationImportRow & { id: string };

/** What to do with the refused lines, in the singular or the plural. */
export function refusedAdvice(refused: number): string {
  return refused > 1
    ? 'Les lignes refusées n’ont pas été appliquées : corrigez-les dans votre fichier, puis envoyez un fichier avec ces lignes seulement.'
    : 'La ligne refusée n’a pas été appliquée : corrigez-la dans votre fichier, puis envoyez un fichier avec cette ligne seulement.';
}

const OUTCOME_COLORS = { created: 'teal', refused: 'red' } as const;

/** « 3 radiations créées, 2 lignes refusées ». */
export function summaryText(summary: RadiationImportReport['summary']): string {
  return `${plural(summary.created, 'radiation créée', 'radiations créées')}, ${plural(summary.refused, 'ligne refusée', 'lignes refusées')}`;
}

/** The refused lines first (the ones to correct), each group in the file's order. */
export function reportOrder(rows: readonly RadiationImportRow[]): RadiationImportRow[] {
  return [
    ...rows.filter((r) => r.outcome === 'refused'),
    ...rows.filter((r) => r.outcome === 'created'),
  ];
}

function Outcome({ row }: { row: Row }) {
  return (
    <ReportBadge
      label={RADIATION_IMPORT_OUTCOME_LABELS[row.outcome]}
      color={OUTCOME_COLORS[row.outcome]}
    />
  );
}

/** Why a line was refused, field by field (« Motif : Motif inconnu… »); « Demande envoyée » else. */
function Reasons({ row }: { row: Row }) {
  if (row.outcome === 'created') return <Text size="sm">Demande envoyée à l’assureur</Text>;
  if (row.reasons.length === 1) return <ReasonText reason={row.reasons[0]!} />;
  return (
    <List size="sm" spacing={2}>
      {row.reasons.map((reason) => (
        <List.Item key={`${reason.field}:${reason.message}`}>
          <ReasonText reason={reason} />
        </List.Item>
      ))}
    </List>
  );
}

function ReasonText({ reason }: { reason: RadiationImportRow['reasons'][number] }) {
  return (
    <Text size="sm" span style={{ wordBreak: 'break-word' }}>
      {reason.field ? <strong>{reason.field} : </strong> : null}
      {reason.message}
    </Text>
  );
}

const COLUMNS: DataColumn<Row>[] = [
  { header: 'Ligne', noWrap: true, cell: (r) => r.line },
  { header: 'Salarié', rowHeader: true, minWidth: '10rem', cell: (r) => r.name || '—' },
  { header: 'Résultat', noWrap: true, cell: (r) => <Outcome row={r} /> },
  { header: 'Détail', minWidth: '16rem', cell: (r) => <Reasons row={r} /> },
];

/**
 * The answer to « Radier par fichier »: the counts, what to do next, then every line of the file
 * (a table, cards on a phone), the refused ones first.
 */
export function RadiationImportReportView({ report }: { report: RadiationImportReport }) {
  const { summary } = report;
  const rows = reportOrder(report.rows).map((r) => ({ ...r, id: String(r.line) }));
  return (
    <Stack gap="md">
      <Title order={2} fz="lg">
        Rapport de l’import de {report.fileName}
      </Title>
      <Group gap="xs" aria-label="Résumé de l’import" role="group">
        <ReportBadge
          size="lg"
          label={plural(summary.total, 'ligne lue', 'lignes lues')}
          color="gray"
        />
        <ReportBadge
          size="lg"
          label={plural(summary.created, 'radiation créée', 'radiations créées')}
          color="teal"
        />
        <ReportBadge
          size="lg"
          label={plural(summary.refused, 'ligne refusée', 'lignes refusées')}
          color={summary.refused > 0 ? 'red' : 'gray'}
        />
      </Group>
      {summary.refused > 0 ? (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />}>
          {refusedAdvice(summary.refused)}
          {summary.created > 0
            ? ` ${summary.created > 1 ? 'Les autres lignes sont devenues des demandes' : 'L’autre ligne est devenue une demande'} de radiation envoyée${summary.created > 1 ? 's' : ''} à l’assureur.`
            : ''}
        </Alert>
      ) : (
        <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden />}>
          Toutes les lignes du fichier sont devenues des demandes de radiation envoyées à
          l’assureur.
        </Alert>
      )}
      {summary.created > 0 ? (
        <Text size="sm">
          Suivez leur traitement dans{' '}
          <AnchorLink to={paths.affiliations} underline="always">
            « Suivi des demandes »
          </AnchorLink>
          .
        </Text>
      ) : null}
      <DataTable
        caption="Résultat de chaque ligne du fichier, les lignes refusées d’abord"
        columns={COLUMNS}
        rows={rows}
        minWidth={640}
        card={{
          title: (r) => (
            <Text fw={600} size="sm">
              {r.name || '—'}
            </Text>
          ),
          aside: (r) => <Outcome row={r} />,
          body: (r) => (
            <CardLines>
              <CardLine label="Ligne">{r.line}</CardLine>
              <CardLine label="Détail">
                <Reasons row={r} />
              </CardLine>
            </CardLines>
          ),
        }}
      />
    </Stack>
  );
}
