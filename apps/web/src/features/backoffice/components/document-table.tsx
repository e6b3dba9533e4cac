import { Button, Group, Stack, Text } from '@mantine/core';
import { IconEye, IconEyeOff, IconPencil, IconReplace } from '@tabler/icons-react';
import { DOCUMENT_CATEGORY_LABELS } from '@affilia/shared/domain/enums';
import type { DataColumn } from '../../../components/data-table';
import { CardLine, CardLines, DataTable } from '../../../components/data-table';
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

function DocumentTitle({ document }: { document: BackofficeDocument }) {
  return (
    <div style={{ overflowWrap: 'anywhere' }}>
      <Text size="sm" fw={600}>
        {document.title}
      </Text>
      {document.description ? (
        <Text size="xs" c="dimmed" lineClamp={2}>
          {document.description}
        </Text>
      ) : null}
    </div>
  );
}

/** « Publier » or « Dépublier », « Modifier », « Remplacer le fichier ». */
function DocumentButtons({
  document,
  actions,
  wrap,
}: {
  document: BackofficeDocument;
  actions: DocumentActions;
  /** On one line in the table, wrapped in a card. */
  wrap: boolean;
}) {
  const busy = actions.busyId === document.id;
  return (
    <Group gap="xs" justify="flex-end" wrap={wrap ? 'wrap' : 'nowrap'}>
      {document.status === 'published' ? (
        <Button
          size="xs"
          variant="light"
          color="orange"
          leftSection={<IconEyeOff size={16} aria-hidden />}
          aria-label={`Dépublier « ${document.title} »`}
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
          aria-label={`Publier « ${document.title} »`}
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
        aria-label={`Modifier « ${document.title} »`}
        onClick={() => actions.onEdit(document)}
      >
        Modifier
      </Button>
      <Button
        size="xs"
        variant="default"
        leftSection={<IconReplace size={16} aria-hidden />}
        aria-label={`Remplacer le fichier de « ${document.title} »`}
        onClick={() => actions.onReplace(document)}
      >
        Remplacer le fichier
      </Button>
    </Group>
  );
}

const category = (d: BackofficeDocument) => DOCUMENT_CATEGORY_LABELS[d.category];

/**
 * Every document with its category, recipients, status and versions, and its actions: a table on
 * a computer, one card per document on a phone or a tablet.
 */
export function DocumentTable({
  documents,
  actions,
}: {
  documents: BackofficeDocument[];
  actions: DocumentActions;
}) {
  const buttons = (d: BackofficeDocument, wrap = false) => (
    <DocumentButtons document={d} actions={actions} wrap={wrap} />
  );
  const columns: DataColumn<BackofficeDocument>[] = [
    { header: 'Titre', rowHeader: true, cell: (d) => <DocumentTitle document={d} /> },
    { header: 'Catégorie', cell: category },
    { header: 'Destinataires', cell: scopeLabel },
    { header: 'Statut', cell: (d) => <DocumentStatusBadge status={d.status} /> },
    { header: 'Version actuelle', noWrap: true, cell: currentVersionDate },
    { header: 'Versions', cell: (d) => d.versions.length },
    { header: 'Actions', hiddenHeader: true, cell: (d) => buttons(d) },
  ];
  return (
    <DataTable
      caption="Documents pratiques"
      columns={columns}
      rows={documents}
      minWidth={1080}
      tableFrom="md"
      striped
      card={{
        title: (d) => <DocumentTitle document={d} />,
        aside: (d) => <DocumentStatusBadge status={d.status} />,
        body: (d) => (
          <Stack gap="sm">
            <CardLines>
              <CardLine label="Catégorie">{category(d)}</CardLine>
              <CardLine label="Destinataires">{scopeLabel(d)}</CardLine>
              <CardLine label="Version actuelle">{currentVersionDate(d)}</CardLine>
              <CardLine label="Versions">{d.versions.length}</CardLine>
            </CardLines>
            {buttons(d, true)}
          </Stack>
        ),
      }}
    />
  );
}
