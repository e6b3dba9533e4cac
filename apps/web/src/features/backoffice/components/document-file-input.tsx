import { FileInput } from '@mantine/core';
import { IconFileUpload } from '@tabler/icons-react';
import { DOCUMENT_MAX_BYTES } from '@affilia/shared/schemas/documents';
import { DOCUMENT_ACCEPT, checkDocumentFile } from '../../../lib/document-format';
import { formatFileSize } from '../../../lib/file-size';

const MAX_LABEL = formatFileSize(DOCUMENT_MAX_BYTES);

/** A document's file (PDF, DOCX, XLSX), checked as soon as it is chosen. */
export function DocumentFileInput({
  label,
  file,
  error,
  onChange,
  autoFocusInModal = false,
}: {
  label: string;
  file: File | null;
  error: string | null;
  /** The file chosen (or null once cleared) and what is wrong with it. */
  onChange: (file: File | null, error: string | null) => void;
  /** The field the dialog focuses when it opens. */
  autoFocusInModal?: boolean;
}) {
  return (
    <FileInput
      label={label}
      description={`PDF, Word (.docx) ou Excel (.xlsx), ${MAX_LABEL} au plus`}
      placeholder="Choisir un fichier…"
      required
      accept={DOCUMENT_ACCEPT}
      clearable
      clearButtonProps={{ 'aria-label': 'Retirer le fichier choisi' }}
      value={file}
      onChange={(chosen) =>
        onChange(chosen, chosen ? checkDocumentFile(chosen, DOCUMENT_MAX_BYTES) : null)
      }
      error={error}
      leftSection={<IconFileUpload size={18} aria-hidden />}
      data-autofocus={autoFocusInModal || undefined}
    />
  );
}
