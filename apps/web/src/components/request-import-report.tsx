import { useEffect, useRef, type ReactNode } from 'react';
import { Alert, Group, List, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { paths } from '../config/paths';
import { CardLine, CardLines, DataTable, type DataColumn } from './data-table';
import { ReportBadge } from './import-report-parts';
import { AnchorLink } from './links';

/*
 * The report of a file of requests (« Radier par fichier », « Pré-affilier par fichier »): each
 * line of the file became a request or was refused with its reasons, field by field. The counts,
 * what to do next, then every line (a table, cards on a phone), the refused ones first.
 */

/** A line of the file, as the report shows it. */
export interface RequestImportRow {
  line: number;
  name: string;
  outcome: 'created' | 'refused';
  reasons: { field: string | null; message: string }[];
}

type Row<R extends RequestImportRow> = R & { id: string };

/** What to do with the refused lines, in the singular or the plural. */
export function refusedAdvice(refused: number): string {
  return refused > 1
    ? 'Les lignes refusées n’ont pas été appliquées : corrigez-les dans votre fichier, puis envoyez un fichier avec ces lignes seulement.'
    : 'La ligne refusée n’a pas été appliquée : corrigez-la dans votre fichier, puis envoyez un fichier avec cette ligne seulement.';
}

/** The refused lines first (the ones to correct), each group in the file's order. */
export function reportOrder<R extends RequestImportRow>(rows: readonly R[]): R[] {
  return [
    ...rows.filter((r) => r.outcome === 'refused'),
    ...rows.filter((r) => r.outcome === 'created'),
  ];
}

const OUTCOME_COLORS = { created: 'teal', refused: 'red' } as const;

function ReasonText({ reason }: { reason: RequestImportRow['reasons'][number] }) {
  return (
    <Text size="sm" span style={{ wordBreak: 'break-word' }}>
      {reason.field ? <strong>{reason.field} : </strong> : null}
      {reason.message}
    </Text>
  );
}

/** Why a line was refused, field by field (« Motif : Motif inconnu… »). */
function Reasons({ reasons }: { reasons: RequestImportRow['reasons'] }) {
  if (reasons.length === 1) return <ReasonText reason={reasons[0]!} />;
  return (
    <List size="sm" spacing={2}>
      {reasons.map((reason) => (
        <List.Item key={`${reason.field}:${reason.message}`}>
          <ReasonText reason={reason} />
        </List.Item>
      ))}
    </List>
  );
}

export interface RequestImportReportProps<R extends RequestImportRow> {
  fileName: string;
  rows: readonly R[];
  /** The counts, in the group « Résumé de l’import » (« 3 lignes lues »…). */
  counts: { label: string; color: string }[];
  created: number;
  refused: number;
  /** The badge of each outcome (« Créée », « Refusée »). */
  outcomeLabels: Record<RequestImportRow['outcome'], string>;
  /** The requests made, for the alert: « une demande de radiation envoyée à l’assureur ». */
  requests: { one: string; many: string };
  /** The detail of a line that became a request (« Demande envoyée à l’assureur »). */
  createdDetail: (row: R) => ReactNode;
  /** Between the alert and the link to « Suivi des demandes » (what to do with the requests). */
  children?: ReactNode;
}

/** The report of a file of requests: see the top of this file. */
export function RequestImportReport<R extends RequestImportRow>({
  fileName,
  rows,
  counts,
  created,
  refused,
  outcomeLabels,
  requests,
  createdDetail,
  children,
}: RequestImportReportProps<R>) {
  // Shown once the file is answered, « Envoyer le fichier » gone: the focus to its title.
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => title.current?.focus(), []);
  const ordered: Row<R>[] = reportOrder(rows).map((r) => ({ ...r, id: String(r.line) }));
  const outcome = (r: Row<R>) => (
    <ReportBadge label={outcomeLabels[r.outcome]} color={OUTCOME_COLORS[r.outcome]} />
  );
  const detail = (r: Row<R>) =>
    r.outcome === 'created' ? createdDetail(r) : <Reasons reasons={r.reasons} />;
  const columns: DataColumn<Row<R>>[] = [
    { header: 'Ligne', noWrap: true, cell: (r) => r.line },
    { header: 'Salarié', rowHeader: true, minWidth: '10rem', cell: (r) => r.name || '—' },
    { header: 'Résultat', noWrap: true, cell: outcome },
    { header: 'Détail', minWidth: '16rem', cell: detail },
  ];

  return (
    <Stack gap="md">
      <Title order={2} fz="lg" ref={title} tabIndex={-1} style={{ outline: 'none' }}>
        Rapport de l’import de {fileName}
      </Title>
      <Group gap="xs" aria-label="Résumé de l’import" role="group">
        {counts.map((count) => (
          <ReportBadge key={count.label} size="lg" label={count.label} color={count.color} />
        ))}
      </Group>
      {refused > 0 ? (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />}>
          {refusedAdvice(refused)}
          {created > 0
            ? ` ${created > 1 ? `Les autres lignes sont devenues ${requests.many}` : `L’autre ligne est devenue ${requests.one}`}.`
            : ''}
        </Alert>
      ) : (
        <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden />}>
          {`Toutes les lignes du fichier sont devenues ${requests.many}.`}
        </Alert>
      )}
      {children}
      {created > 0 ? (
        <Text size="sm">
          Suivez leur traitement dans{' '}
          <AnchorLink to={paths.affiliations} underline="always">
            « Suivi des demandes »
          </AnchorLink>
          .
        </Text>
      ) : null}
      <DataTable
        caption="Résultat de chaque ligne du fichier, les lignes refusées d’abord"
        columns={columns}
        rows={ordered}
        minWidth={640}
        card={{
          title: (r) => (
            <Text fw={600} size="sm">
              {r.name || '—'}
            </Text>
          ),
          aside: outcome,
          body: (r) => (
            <CardLines>
              <CardLine label="Ligne">{r.line}</CardLine>
              <CardLine label="Détail">{detail(r)}</CardLine>
            </CardLines>
          ),
        }}
      />
    </Stack>
  );
}
