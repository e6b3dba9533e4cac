import { useEffect, useId, useRef } from 'react';
import {
  Anchor,
  Button,
  CloseButton,
  FileInput,
  Group,
  List,
  Paper,
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
import { useFileUpload, UploadProgress } from '../../../components/file-upload';
import { useImportEstablishments } from '../api/use-establishments';
import { ImportReportView, summaryText } from './import-report';
import { FormAlert } from '../../../components/form-parts';

const MAX_MB = IMPORT_MAX_BYTES / 1024 / 1024;
const HEADING_ID = 'import-etablissements';

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

/**
 * « Ajouter plusieurs établissements (fichier) »: the template, the file, the upload with its
 * progress, then the row-by-row report.
 */
export function ImportSection({ onClose }: { onClose: () => void }) {
  const inputId = useId();
  const { file, choose, fileError, phase, busy, report, setReport, problem, send } = useFileUpload(
    inputId,
    useImportEstablishments(),
  );
  const headingRef = useRef<HTMLHeadingElement>(null);

  // Opening the section takes the focus there, for the keyboard and screen readers.
  useEffect(() => headingRef.current?.focus(), []);

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

        <UploadProgress
          phase={phase}
          doneText={report ? `Import terminé : ${summaryText(report.summary)}.` : null}
        />

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
