import { useState, type ReactNode } from 'react';
import {
  Alert,
  Button,
  Group,
  Pagination,
  Paper,
  Stack,
  Switch,
  Table,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconDownload } from '@tabler/icons-react';
import { paginationLabels } from './pagination-labels';
import { StatusBadge } from './status-badge';

/** « 1 ligne lue », « 3 lignes lues ». */
export const plural = (n: number, one: string, many: string) =>
  `${n.toLocaleString('fr-FR')} ${n > 1 ? many : one}`;

/**
 * A report's badge: a count (« 3 ajoutés », `lg`) or a row's result (« Ajouté »), readable on its
 * light background.
 */
export function ReportBadge({
  label,
  color,
  size = 'md',
}: {
  label: string;
  color: string;
  size?: 'md' | 'lg';
}) {
  return (
    <StatusBadge color={color} size={size}>
      {label}
    </StatusBadge>
  );
}

const PAGE_SIZE = 100;

/** A row of an import's report, as the table shows it. */
export interface ReportRow {
  line: number;
  message: string;
}

export interface ImportReportLayoutProps<R extends ReportRow> {
  /** The report's heading (its level differs between pages). */
  title: ReactNode;
  /** The counts, in the group « Résumé de l’import ». */
  counts: { label: string; color: string }[];
  /** Shown before the result's alert (e.g. « Vérification seule »). */
  notice?: ReactNode;
  errorCount: number;
  /** The alert's text when some rows are in error. */
  errorsText: ReactNode;
  csvHref: string;
  /** Shown between the toolbar and the table. */
  rowsNote?: ReactNode;
  rows: R[];
  isError: (row: R) => boolean;
  /** The headers of the two columns between « Ligne » and « Résultat ». */
  columns: [string, string];
  keyOf: (row: R) => string;
  nameOf: (row: R) => string;
  statusOf: (row: R) => { label: string; color: string };
  minWidth: number;
}

/**
 * The row-by-row answer to an imported file: the counts, the result, « Afficher seulement les
 * erreurs », the CSV report, then the rows by pages of 100.
 */
export function ImportReportLayout<R extends ReportRow>(props: ImportReportLayoutProps<R>) {
  const { counts, errorCount, columns, keyOf, nameOf, statusOf } = props;
  const [errorsOnly, setErrorsOnly] = useState(false);
  const [page, setPage] = useState(1);
  const rows = errorsOnly ? props.rows.filter(props.isError) : props.rows;
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const current = Math.min(page, pages);
  const visible = rows.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);

  return (
    <Stack gap="md">
      {props.title}
      <Group gap="xs" aria-label="Résumé de l’import" role="group">
        {counts.map((count) => (
          <ReportBadge key={count.label} size="lg" label={count.label} color={count.color} />
        ))}
      </Group>
      {props.notice}
      {errorCount > 0 ? (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />}>
          {props.errorsText}
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
          href={props.csvHref}
          download
          variant="default"
          leftSection={<IconDownload size={18} aria-hidden />}
        >
          Télécharger le rapport (.csv)
        </Button>
      </Group>
      {props.rowsNote}

      {rows.length === 0 ? (
        <Text size="sm">Aucune ligne en erreur.</Text>
      ) : (
        <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
          <Table.ScrollContainer minWidth={props.minWidth} type="native">
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
                  <Table.Th scope="col">{columns[0]}</Table.Th>
                  <Table.Th scope="col">{columns[1]}</Table.Th>
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
                      <Text size="sm">{keyOf(row) || '—'}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" style={{ wordBreak: 'break-word' }}>
                        {nameOf(row) || '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={4} align="flex-start">
                        <ReportBadge {...statusOf(row)} />
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
        <Pagination
          total={pages}
          value={current}
          onChange={setPage}
          {...paginationLabels(current)}
        />
      ) : null}
    </Stack>
  );
}
