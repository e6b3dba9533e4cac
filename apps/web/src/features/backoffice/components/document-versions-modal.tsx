import { useId, useState } from 'react';
import { Anchor, Badge, Group, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { DOCUMENT_MAX_BYTES } from '@affilia/shared/schemas/documents';
import { formatDateTime } from '../../../lib/format-date';
import { errorMessage, fieldErrors, focusFirstInvalid } from '../../../lib/form-errors';
import { checkDocumentFile, formatLabel } from '../../../lib/document-format';
import { formatFileSize } from '../../../lib/file-size';
import type { BackofficeDocument } from '../api/use-backoffice-documents';
import { useAddDocumentVersion } from '../api/use-backoffice-documents';
import { DocumentFileInput } from './document-file-input';
import { FormAlert, FormButtons } from '../../../components/form-parts';
import { Dialog } from '../../../components/dialog';

/** The versions of a document, newest first, the current one marked. */
export function DocumentVersionsTable({ document }: { document: BackofficeDocument }) {
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table verticalSpacing="xs" striped>
        <Table.Caption>
          <VisuallyHidden>Versions du document « {document.title} »</VisuallyHidden>
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Version</Table.Th>
            <Table.Th scope="col">Fichier</Table.Th>
            <Table.Th scope="col">Format</Table.Th>
            <Table.Th scope="col">Taille</Table.Th>
            <Table.Th scope="col">Date</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {document.versions.map((version) => (
            <Table.Tr key={version.id}>
              <Table.Th scope="row" fw={400} style={{ whiteSpace: 'nowrap' }}>
                <Group gap={6} wrap="nowrap">
                  {version.version}
                  {version.id === document.currentVersionId ? (
                    <Badge size="xs" variant="light" color="teal" tt="none">
                      Actuelle
                    </Badge>
                  ) : null}
                </Group>
              </Table.Th>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>
                <Anchor
                  href={`/api/backoffice/documents/${encodeURIComponent(document.id)}/versions/${encodeURIComponent(version.id)}/file`}
                  download
                  aria-label={`Télécharger la version ${version.version} (${version.fileName})`}
                >
                  {version.fileName}
                </Anchor>
              </Table.Td>
              <Table.Td>{formatLabel(version.mimeType, version.fileName)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatFileSize(version.size)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {formatDateTime(version.createdAt)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** When the new file is served, and the last error that belongs to no field. */
function NewVersionIntro({ published, problem }: { published: boolean; problem: string | null }) {
  return (
    <>
      <Text size="sm">
        Le nouveau fichier devient la version téléchargée par les entreprises
        {published ? ' dès son envoi' : ' une fois le document publié'}; les versions précédentes
        sont conservées.
      </Text>
      <FormAlert message={problem} />
    </>
  );
}

/**
 * « Remplacer le fichier »: the history of the versions, and a new file that becomes the current
 * version (the old ones are kept). Render it with a `key` per document.
 */
export function DocumentVersionsModal({
  document,
  opened,
  onClose,
}: {
  document: BackofficeDocument;
  opened: boolean;
  onClose: () => void;
}) {
  const formId = useId();
  const addVersion = useAddDocumentVersion(document.id);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const close = () => {
    if (addVersion.isPending) return;
    setFile(null);
    setFileError(null);
    setProblem(null);
    addVersion.reset();
    onClose();
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (addVersion.isPending) return;
    setProblem(null);
    const error = file
      ? checkDocumentFile(file, DOCUMENT_MAX_BYTES)
      : 'Choisissez un fichier PDF, DOCX ou XLSX';
    setFileError(error);
    if (error || !file) {
      focusFirstInvalid(formId);
      return;
    }
    addVersion.mutate(file, {
      onSuccess: (saved) => {
        const current = saved.versions.find((v) => v.id === saved.currentVersionId);
        notifications.show({
          color: 'teal',
          title: 'Fichier remplacé',
          message: `« ${saved.title} » : la version ${current?.version ?? ''} est désormais la version actuelle. Les versions précédentes sont conservées.`,
          closeButtonProps: { 'aria-label': 'Fermer la notification' },
          autoClose: 8000,
        });
        setFile(null);
      },
      onError: (err) => {
        const fields = fieldErrors(err);
        if (fields.file) {
          setFileError(fields.file);
          focusFirstInvalid(formId);
        } else {
          setProblem(errorMessage(err));
        }
      },
    });
  };

  return (
    <Dialog
      opened={opened}
      onClose={close}
      size="xl"
      title={`Remplacer le fichier de « ${document.title} »`}
    >
      <Stack gap="lg">
        <Stack gap="xs">
          <Title order={3} fz="md">
            Historique des versions
          </Title>
          <DocumentVersionsTable document={document} />
        </Stack>
        <form id={formId} onSubmit={submit} noValidate>
          <Stack gap="md">
            <Title order={3} fz="md">
              Nouvelle version
            </Title>
            <NewVersionIntro published={document.status === 'published'} problem={problem} />
            <DocumentFileInput
              label="Nouveau fichier"
              file={file}
              error={fileError}
              onChange={(chosen, error) => {
                setFile(chosen);
                setFileError(error);
              }}
              autoFocusInModal
            />
            <FormButtons
              submitLabel="Remplacer le fichier"
              loading={addVersion.isPending}
              onCancel={close}
              cancelDisabled={addVersion.isPending}
              cancelLabel="Fermer"
            />
          </Stack>
        </form>
      </Stack>
    </Dialog>
  );
}
