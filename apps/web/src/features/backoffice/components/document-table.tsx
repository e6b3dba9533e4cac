import { Button, Group, Paper, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconEye, IconEyeOff, IconPencil, IconReplace } from '@tabler/icons-react';
import { DOCUMENT_CATEGORY_LABELS } from '@affilia/shared/domain/enums';
import { formatDateTime } from '../../../lib/format-date';
import { scopeLabel } from '../../../lib/document-format';
import type { BackofficeDocument } from '../api/use-backoffice-documents';
import { DocumentStatusBadge } from './document-status-badge';

export interface DocumentActions {
  onPublish: (document: BackofficeDocument) => void;
  onUnpublish: (document: BackofficeDocument) => void;
  onEdit: (document: BackofficeDocument) => void;
  onReplace: (document: BackofficeDocument) => void;
  /** The document whose publication is being sent, if any. */
  busyId: string | null;
}

function currentVersionDate(document: BackofficeDocument): string {
  const current = document.versions.find((v) => v.id === document.currentVersionId);
  return formatDateTime(current?.createdAt ?? null);
}

/** Every document with its category, recipients, status and versions, and its actions. */
export function DocumentTable({
  documents,
  actions,
}: {
  documents: BackofficeDocument[];
  actions: DocumentActions;
}) {
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={1080}>
        <Table striped highlightOnHover verticalSpacing="sm">
          <Table.Caption>
            <VisuallyHidden>Documents pratiques</VisuallyHidden>
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Titre</Table.Th>
              <Table.Th scope="col">Catégorie</Table.Th>
              <Table.Th scope="col">Destinataires</Table.Th>
              <Table.Th scope="col">Statut</Table.Th>
              <Table.Th scope="col">Version actuelle</Table.Th>
              <Table.Th scope="col">Versions</Table.Th>
              <Table.Th scope="col">
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {documents.map((document) => {
              const busy = actions.busyId === document.id;
              return (
                <Table.Tr key={document.id}>
                  <Table.Th scope="row" fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {document.title}
                    {document.description ? (
                      <Text size="xs" c="dimmed" fw={400} lineClamp={2}>
                        {document.description}
                      </Text>
                    ) : null}
                  </Table.Th>
                  <Table.Td>{DOCUMENT_CATEGORY_LABELS[document.category]}</Table.Td>
                  <Table.Td>{scopeLabel(document)}</Table.Td>
                  <Table.Td>
                    <DocumentStatusBadge status={document.status} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {currentVersionDate(document)}
                  </Table.Td>
                  <Table.Td>{document.versions.length}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap" justify="flex-end">
                      {document.status === 'published' ? (
                        <Button
                          size="xs"
                          variant="light"
                          color="orange"
                          leftSection={<IconEyeOff size={16} aria-hidden />}
                          aria-label={`Dépublier « ${document.title} »`}
                          onClick={() => actions.onUnpublish(document)}
                          disabled={busy}
                        >
                          Dépublier
                        </Button>
                      ) : (
                        <Button
                          size="xs"
                          variant="filled"
                          leftSection={<IconEye size={16} aria-hidden />}
                          aria-label={`Publier « ${document.title} »`}
                          onClick={() => actions.onPublish(document)}
                          loading={busy}
                        >
                          Publier
                        </Button>
                      )}
                      <Button
                        size="xs"
                        variant="default"
                        leftSection={<IconPencil size={16} aria-hidden />}
                        aria-label={`Modifier « ${document.title} »`}
                        onClick={() => actions.onEdit(document)}
                      >
                        Modifier
                      </Button>
                      <Button
                        size="xs"
                        variant="default"
                        leftSection={<IconReplace size={16} aria-hidden />}
                        aria-label={`Remplacer le fichier de « ${document.title} »`}
                        onClick={() => actions.onReplace(document)}
                      >
                        Remplacer le fichier
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
