import { Badge } from '@mantine/core';
import type { BackofficeDocument } from '../api/use-backoffice-documents';

type DocumentStatus = BackofficeDocument['status'];

export const DOCUMENT_STATUS_LABELS: Record<DocumentStatus, string> = {
  draft: 'Brouillon',
  published: 'Publié',
  unpublished: 'Dépublié',
};

const COLORS: Record<DocumentStatus, string> = {
  draft: 'gray',
  published: 'teal',
  unpublished: 'orange',
};

/** The status of a document, in words (the colour only repeats them). */
export function DocumentStatusBadge({ status }: { status: DocumentStatus }) {
  return (
    <Badge color={COLORS[status]} variant="light" size="sm" tt="none">
      {DOCUMENT_STATUS_LABELS[status]}
    </Badge>
  );
}
