import type { ReactNode } from 'react';
import { Button, Group, Paper, Stack, Title } from '@mantine/core';
import { IconDownload, IconUpload } from '@tabler/icons-react';
import { SPREADSHEET_ACCEPT } from '@affilia/shared/domain/spreadsheet-import';
import { FileDropZone } from './file-drop-zone';
import { UploadProgress, type useFileUpload } from './file-upload';
import { FormAlert } from './form-parts';

/*
 * « Envoyer un fichier » of a file of requests (« Radier par fichier », « Pré-affilier par
 * fichier »): the steps, the file (.xlsx or .csv), « Envoyer le fichier » and its progress; once
 * answered, « Envoyer un autre fichier ». The page shows the report below it.
 */

/** « Télécharger le modèle »: the import's Excel template, the page's action. */
export function TemplateButton({ href }: { href: string }) {
  return (
    <Button
      component="a"
      href={href}
      download
      variant="default"
      leftSection={<IconDownload size={18} aria-hidden />}
    >
      Télécharger le modèle
    </Button>
  );
}

export interface ImportFileCardProps<R> {
  /** The file input's id (the one given to `useFileUpload`). */
  inputId: string;
  upload: ReturnType<typeof useFileUpload<R>>;
  /** How to fill the file (an ordered list). */
  steps: ReactNode;
  /** The file input's label (« Fichier des salariés à radier »). */
  label: string;
  /** While the server reads the file (« Vérification des lignes et création des demandes… »). */
  processingText: string;
  /** Once answered (« Import terminé : 3 radiations créées, 1 ligne refusée. »). */
  doneText: (report: R) => string;
}

/** The card « Envoyer un fichier »: see the top of this file. */
export function ImportFileCard<R>({
  inputId,
  upload,
  steps,
  label,
  processingText,
  doneText,
}: ImportFileCardProps<R>) {
  const { file, choose, fileError, phase, busy, report, setReport, problem, send } = upload;
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
      <Stack gap="md">
        <Title order={2} fz="lg">
          Envoyer un fichier
        </Title>
        {report ? (
          <Group>
            <Button
              variant="default"
              onClick={() => {
                setReport(null);
                // The button goes with the report: the focus to the file input that replaces it.
                window.requestAnimationFrame(() => document.getElementById(inputId)?.focus());
              }}
            >
              Envoyer un autre fichier
            </Button>
          </Group>
        ) : (
          <>
            {steps}
            <FileDropZone
              id={inputId}
              label={label}
              description="Excel (.xlsx) ou CSV (.csv, séparateur point-virgule ou virgule)"
              accept={SPREADSHEET_ACCEPT}
              value={file}
              onChange={choose}
              error={fileError}
              disabled={busy}
            />
            <Group>
              <Button
                onClick={send}
                loading={busy}
                leftSection={<IconUpload size={18} aria-hidden />}
              >
                Envoyer le fichier
              </Button>
            </Group>
          </>
        )}
        <FormAlert message={problem} title="Le fichier n’a pas été traité" />
        <UploadProgress
          phase={phase}
          processingText={processingText}
          doneText={report ? doneText(report) : null}
        />
      </Stack>
    </Paper>
  );
}
