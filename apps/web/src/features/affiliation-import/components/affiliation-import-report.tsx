import { Alert, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { IconMailCheck, IconPrinter } from '@tabler/icons-react';
import {
  AFFILIATION_IMPORT_OUTCOME_LABELS,
  affiliationImportBiaPath,
} from '@affilia/shared/domain/affiliation-import';
import type {
  AffiliationImportReport,
  AffiliationImportRow,
} from '@affilia/shared/schemas/affiliation-import';
import { plural } from '../../../components/import-report-parts';
import { RequestImportReport } from '../../../components/request-import-report';

type Summary = AffiliationImportReport['summary'];

/** « 3 demandes créées (2 par e-mail, 1 par courrier), 1 ligne refusée ». */
export function summaryText(summary: Summary): string {
  const created = plural(summary.created, 'demande créée', 'demandes créées');
  const modes =
    summary.created > 0 ? ` (${summary.byEmail} par e-mail, ${summary.byMail} par courrier)` : '';
  return `${created}${modes}, ${plural(summary.refused, 'ligne refusée', 'lignes refusées')}`;
}

/** « Imprimer les BIA pré-remplis (2) »: the file's « Courrier » requests, one PDF. */
export function printBiaLabel(byMail: number): string {
  return byMail > 1 ? `Imprimer les BIA pré-remplis (${byMail})` : 'Imprimer le BIA pré-rempli (1)';
}

/** What a created line's employee does next, by the request's mode. */
function CreatedDetail({ row }: { row: AffiliationImportRow }) {
  return (
    <Text size="sm">
      {row.mode === 'mail'
        ? 'Mode « Courrier » : BIA pré-rempli à imprimer et à remettre au salarié'
        : 'Mode « E-mail » : le salarié a reçu son lien pour compléter son affiliation'}
    </Text>
  );
}

/** The requests by mode: the e-mails sent, the BIAs to print (the button to print them). */
function NextSteps({ batchId, summary }: { batchId: string; summary: Summary }) {
  return (
    <>
      {summary.byMail > 0 ? (
        <Paper
          withBorder
          radius="md"
          p={{ base: 'md', sm: 'lg' }}
          bg="var(--mantine-color-brand-0)"
        >
          <Stack gap="sm" align="flex-start">
            <Title order={3} fz="md">
              {`Mode «\u00a0Courrier\u00a0» : ${plural(summary.byMail, 'salarié', 'salariés')} sans e-mail`}
            </Title>
            <Text size="sm">
              {summary.byMail > 1
                ? 'Imprimez leurs bulletins d’affiliation (BIA) pré-remplis et remettez-les aux salariés, qui les renvoient complétés avec les pièces justificatives (RIB et attestation de droits Sécurité sociale).'
                : 'Imprimez son bulletin d’affiliation (BIA) pré-rempli et remettez-le au salarié, qui le renvoie complété avec les pièces justificatives (RIB et attestation de droits Sécurité sociale).'}
            </Text>
            <Button
              component="a"
              href={affiliationImportBiaPath(batchId)}
              target="_blank"
              rel="noopener"
              leftSection={<IconPrinter size={18} aria-hidden />}
              aria-describedby="affiliation-import-bia-hint"
              maw="100%"
              h="auto"
              mih={36}
              py={6}
              styles={{ label: { whiteSpace: 'normal' } }}
            >
              {printBiaLabel(summary.byMail)}
            </Button>
            <Text size="xs" c="dimmed" id="affiliation-import-bia-hint">
              Un seul PDF, un bulletin par salarié ; il s’ouvre dans un nouvel onglet.
            </Text>
          </Stack>
        </Paper>
      ) : null}
      {summary.byEmail > 0 ? (
        <Alert color="teal" variant="light" icon={<IconMailCheck aria-hidden />}>
          {summary.byEmail > 1
            ? `${summary.byEmail.toLocaleString('fr-FR')} salariés ont reçu un e-mail avec leur lien pour compléter leur bulletin d’affiliation en ligne : invitez-les à surveiller leur boîte de réception.`
            : 'Un salarié a reçu un e-mail avec son lien pour compléter son bulletin d’affiliation en ligne : invitez-le à surveiller sa boîte de réception.'}
        </Alert>
      ) : null}
    </>
  );
}

/**
 * The answer to « Pré-affilier par fichier »: the counts (by mode), what to do next — the BIAs to
 * print —, then every line of the file (a table, cards on a phone), the refused ones first.
 */
export function AffiliationImportReportView({ report }: { report: AffiliationImportReport }) {
  const { summary } = report;
  return (
    <RequestImportReport
      fileName={report.fileName}
      rows={report.rows}
      created={summary.created}
      refused={summary.refused}
      counts={[
        { label: plural(summary.total, 'ligne lue', 'lignes lues'), color: 'gray' },
        { label: plural(summary.created, 'demande créée', 'demandes créées'), color: 'teal' },
        ...(summary.created > 0
          ? [
              { label: `dont ${summary.byEmail} par e-mail`, color: 'brand' },
              { label: `dont ${summary.byMail} par courrier`, color: 'indigo' },
            ]
          : []),
        {
          label: plural(summary.refused, 'ligne refusée', 'lignes refusées'),
          color: summary.refused > 0 ? 'red' : 'gray',
        },
      ]}
      outcomeLabels={AFFILIATION_IMPORT_OUTCOME_LABELS}
      requests={{ one: 'une demande d’affiliation', many: 'des demandes d’affiliation' }}
      createdDetail={(row) => <CreatedDetail row={row} />}
    >
      {summary.created > 0 ? <NextSteps batchId={report.batchId} summary={summary} /> : null}
    </RequestImportReport>
  );
}
