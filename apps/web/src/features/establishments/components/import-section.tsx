import { useEffect, useId, useRef, useState } from 'react';
import {
  Anchor,
  Box,
  Button,
  CloseButton,
  FileInput,
  Group,
  List,
  Loader,
  Paper,
  Progress,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import {
  IMPORT_ACCEPT,
  IMPORT_MAX_BYTES,
  IMPORT_MAX_ROWS,
  IMPORT_TEMPLATE_PATH,
} from '@affilia/shared/schemas/establishments';
import { errorMessage, fieldErrors } from '../../../lib/form-errors';
import type { ImportReport } from '../api/use-establishments';
import { useImportEstablishments } from '../api/use-establishments';
import { checkChosenFile } from '../../../components/import-file-check';
import { ImportReportView, summaryText } from './import-report';
import { FormAlert } from '../../../components/form-parts';

const MAX_MB = IMPORT_MAX_BYTES / 1024 / 1024;
const HEADING_ID = 'import-etablissements';

type Phase = { step: 'choose' } | { step: 'uploading'; sent: number } | { step: 'processing' };

/** The three steps: the template, one row per establishment, the file sent. */
function ImportSteps() {
  return (
    <List type="ordered" spacing="xs" size="sm">
      <List.Item>
        <Anchor href={IMPORT_TEMPLATE_PATH} download fw={600} size="sm">
          Télécharger le modèle (.xlsx)
        </Anchor>
        <Text span size="sm">
          {' '}
          : un fichier Excel dont la colonne SIRET est au format texte.
        </Text>
      </List.Item>
      <List.Item>
        Remplissez une ligne par établissement : son numéro de SIRET (14 chiffres) et son code
        identifiant, qui figure sur les courriers de votre assureur.
      </List.Item>
      <List.Item>
        Enregistrez le fichier au format Excel (.xlsx) ou CSV (.csv) et envoyez-le ci-dessous :{' '}
        {IMPORT_MAX_ROWS.toLocaleString('fr-FR')} lignes et {MAX_MB} Mo au plus.
      </List.Item>
    </List>
  );
}

/** The upload's progress, the check of the rows, then the summary (announced as it changes). */
function ImportProgress({ phase, report }: { phase: Phase; report: ImportReport | null }) {
  const status =
    phase.step === 'uploading'
      ? `Envoi du fichier… ${Math.round(phase.sent * 100)} %`
      : phase.step === 'processing'
        ? 'Import en cours : vérification des lignes…'
        : report
          ? `Import terminé : ${summaryText(report.summary)}.`
          : '';
  return (
    <Box aria-live="polite" aria-atomic="true">
      {phase.step === 'uploading' ? (
        <Stack gap={6}>
          <Text size="sm">{status}</Text>
          <Progress value={phase.sent * 100} aria-label="Envoi du fichier" size="lg" />
        </Stack>
      ) : phase.step === 'processing' ? (
        <Group gap="sm">
          <Loader size="sm" aria-hidden />
          <Text size="sm">{status}</Text>
        </Group>
      ) : report ? (
        <Text size="sm" fw={600}>
          {status}
        </Text>
      ) : null}
    </Box>
  );
}

/** The file chosen, sent with its progress, and what the server answered. */
function useImportFile(inputId: string) {
  const importFile = useImportEstablishments();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>({ step: 'choose' });
  const [report, setReport] = useState<ImportReport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const busy = phase.step !== 'choose';

  const send = () => {
    if (busy) return;
    if (!file) {
      setFileError('Choisissez un fichier .xlsx ou .csv');
      document.getElementById(inputId)?.focus();
      return;
    }
    const invalid = checkChosenFile(file);
    if (invalid) {
      setFileError(invalid);
      document.getElementById(inputId)?.focus();
      return;
    }
    setProblem(null);
    setReport(null);
    setPhase({ step: 'uploading', sent: 0 });
    importFile.mutate(
      {
        file,
        onProgress: (sent) =>
          setPhase(sent >= 1 ? { step: 'processing' } : { step: 'uploading', sent }),
      },
      {
        onSuccess: (result) => {
          setReport(result);
          setPhase({ step: 'choose' });
          setFile(null);
        },
        onError: (error) => {
          setPhase({ step: 'choose' });
          const fields = fieldErrors(error);
          if (fields.file) setFileError(fields.file);
          setProblem(errorMessage(error));
        },
      },
    );
  };

  /** A file chosen (or removed): checked at once, the last problem forgotten. */
  const choose = (chosen: File | null) => {
    setFile(chosen);
    setProblem(null);
    setFileError(chosen ? checkChosenFile(chosen) : null);
  };

  return { file, choose, fileError, phase, report, setReport, problem, send };
}

/**
 * « Ajouter plusieurs établissements (fichier) »: the template, the file, the upload with its
 * progress, then the row-by-row report.
 */
export function ImportSection({ onClose }: { onClose: () => void }) {
  const inputId = useId();
  const { file, choose, fileError, phase, report, setReport, problem, send } =
    useImportFile(inputId);
  const headingRef = useRef<HTMLHeadingElement>(null);

  // Opening the section takes the focus there, for the keyboard and screen readers.
  useEffect(() => headingRef.current?.focus(), []);

  const busy = phase.step !== 'choose';

  return (
    <Paper
      withBorder
      radius="md"
      p={{ base: 'md', sm: 'lg' }}
      component="section"
      aria-labelledby={HEADING_ID}
    >
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Title
            order={2}
            fz="lg"
            id={HEADING_ID}
            ref={headingRef}
            tabIndex={-1}
            style={{ outline: 'none' }}
          >
            Ajouter plusieurs établissements (fichier)
          </Title>
          <CloseButton aria-label="Fermer l’import de fichier" onClick={onClose} disabled={busy} />
        </Group>

        {report ? null : (
          <>
            <ImportSteps />

            <Group align="flex-end" gap="sm">
              <FileInput
                id={inputId}
                label="Fichier à importer"
                description="Excel (.xlsx) ou CSV (.csv, séparateur point-virgule ou virgule)"
                placeholder="Choisir un fichier…"
                accept={IMPORT_ACCEPT}
                clearable
                clearButtonProps={{ 'aria-label': 'Retirer le fichier choisi' }}
                value={file}
                onChange={choose}
                error={fileError}
                disabled={busy}
                leftSection={<IconFileSpreadsheet size={18} aria-hidden />}
                style={{ flex: '1 1 320px' }}
                maw={520}
              />
              <Button
                onClick={send}
                loading={busy}
                leftSection={<IconUpload size={18} aria-hidden />}
              >
                Importer le fichier
              </Button>
            </Group>
          </>
        )}

        <FormAlert message={problem} title="Le fichier n’a pas été importé" />

        <ImportProgress phase={phase} report={report} />

        {report ? (
          <>
            <ImportReportView report={report} />
            <Group gap="sm">
              <Button variant="default" onClick={() => setReport(null)}>
                Importer un autre fichier
              </Button>
              <Button variant="subtle" onClick={onClose}>
                Fermer
              </Button>
            </Group>
          </>
        ) : null}
      </Stack>
    </Paper>
  );
}
