import type { ReactNode, RefObject } from 'react';
import { useRef, useState } from 'react';
import {
  ActionIcon,
  Box,
  Button,
  FileButton,
  Group,
  Paper,
  Progress,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconFileText, IconPaperclip, IconTrash } from '@tabler/icons-react';
import { ATTACHMENT_ACCEPT, ATTACHMENT_KIND_LABELS } from '@affilia/shared/schemas/enrolment';
import { errorMessage, fieldErrors } from '../../../lib/form-errors';
import type { AttachmentKind, EnrolmentAttachment } from '../api/use-enrolment';
import { uploadAttachment, useAttachmentsCache, useRemoveAttachment } from '../api/use-enrolment';
import { checkAttachmentFile } from '../enrolment-helpers';
import { formatFileSize } from '../../../lib/file-size';
import { fieldId } from '../form-values';

const ADD_LABELS: Record<AttachmentKind, string> = {
  rib: 'Joindre mon RIB',
  social_security_certificate: 'Joindre mon attestation',
  other: 'Joindre un autre justificatif',
};

const HINTS: Record<AttachmentKind, string> = {
  rib: 'Le relevé d’identité bancaire du compte de remboursement.',
  social_security_certificate:
    'À télécharger depuis votre compte ameli ou à demander à votre caisse d’assurance maladie.',
  other: 'Facultatif : tout document utile à votre affiliation.',
};

/** A file as the upload field lists it. */
export interface UploadedFile {
  id: string;
  originalName: string;
  size: number;
}

/** Where the field sends its files: the BIA's attachments of one kind, a dispense's proofs. */
export interface FileUploader<F extends UploadedFile> {
  upload: (file: File, onProgress: (sent: number) => void) => Promise<F>;
  /** Keeps the list in step once the server has the file. */
  onUploaded: (file: F) => void;
  remove: (file: F) => Promise<unknown>;
}

/** The sending and removing of the field's files, with what the field announces. */
function useFileUpload<F extends UploadedFile>(
  uploader: FileUploader<F>,
  buttonRef: RefObject<HTMLButtonElement | null>,
  resetRef: RefObject<(() => void) | null>,
) {
  const [sent, setSent] = useState<number | null>(null);
  const [removing, setRemoving] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');

  const send = (file: File | null) => {
    resetRef.current?.();
    if (!file || sent !== null) return;
    const invalid = checkAttachmentFile(file);
    if (invalid) {
      setError(`${file.name} : ${invalid}`);
      setStatus('');
      return;
    }
    setError(null);
    setSent(0);
    setStatus(`Envoi de ${file.name}…`);
    uploader
      .upload(file, setSent)
      .then((uploaded) => {
        uploader.onUploaded(uploaded);
        setStatus(`${file.name} a été ajouté.`);
      })
      .catch((err: unknown) => {
        const fields = fieldErrors(err);
        setError(`${file.name} : ${fields.file ?? errorMessage(err)}`);
        setStatus('');
      })
      .finally(() => setSent(null));
  };

  const removeOne = (file: F) => {
    setRemoving(file.id);
    uploader
      .remove(file)
      .then(() => {
        setStatus(`${file.originalName} a été retiré.`);
        buttonRef.current?.focus();
      })
      .catch((err: unknown) => setError(errorMessage(err)))
      .finally(() => setRemoving(undefined));
  };

  return { sent, error, status, send, removeOne, removing };
}

/** The kind's title, « (obligatoire) », and what to join. */
function FieldHeading({ kind, required }: { kind: AttachmentKind; required: boolean }) {
  return (
    <div>
      <Title order={3} fz="md">
        {ATTACHMENT_KIND_LABELS[kind]}
        {required ? (
          <Text span c="dimmed" fz="sm" fw={400}>
            {' '}
            (obligatoire)
          </Text>
        ) : null}
      </Title>
      <Text size="sm" c="dimmed">
        {HINTS[kind]}
      </Text>
    </div>
  );
}

/** The files already joined, each with « Retirer ». */
function AttachedFiles<F extends UploadedFile>({
  files,
  onRemove,
  removing,
}: {
  files: F[];
  onRemove: (file: F) => void;
  removing: string | undefined;
}) {
  if (files.length === 0) return null;
  return (
    <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: 'none' }}>
      {files.map((a) => (
        <Group component="li" key={a.id} gap="sm" wrap="nowrap" justify="space-between">
          <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
            <IconFileText size={20} aria-hidden style={{ flexShrink: 0 }} />
            <Box style={{ minWidth: 0 }}>
              <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                {a.originalName}
              </Text>
              <Text size="xs" c="dimmed">
                {formatFileSize(a.size)}
              </Text>
            </Box>
          </Group>
          <ActionIcon
            variant="subtle"
            color="red"
            size="xl"
            aria-label={`Retirer ${a.originalName}`}
            onClick={() => onRemove(a)}
            loading={removing === a.id}
          >
            <IconTrash size={20} aria-hidden />
          </ActionIcon>
        </Group>
      ))}
    </Stack>
  );
}

/**
 * A field of files: its heading, the files already joined with « Retirer », and a button to add
 * one (or a file dropped on the box), checked in the browser, sent with its progress.
 */
export function FileUploadField<F extends UploadedFile>({
  id,
  heading,
  addLabel,
  files,
  uploader,
  serverError,
}: {
  /** The add button's id: where an error of the field sends the focus. */
  id: string;
  heading: ReactNode;
  addLabel: string;
  files: F[];
  uploader: FileUploader<F>;
  serverError?: string | undefined;
}) {
  const errorId = `${id}-erreur`;
  const buttonRef = useRef<HTMLButtonElement>(null);
  const resetRef = useRef<() => void>(null);
  const { sent, error, status, send, removeOne, removing } = useFileUpload(
    uploader,
    buttonRef,
    resetRef,
  );
  const [dragging, setDragging] = useState(false);
  const shownError = error ?? (files.length === 0 ? serverError : undefined) ?? null;

  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      bg={dragging ? 'var(--mantine-color-blue-0)' : undefined}
      style={shownError ? { borderColor: 'var(--mantine-color-red-7)' } : undefined}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        send(event.dataTransfer.files.item(0));
      }}
    >
      <Stack gap="sm">
        {heading}

        <AttachedFiles files={files} onRemove={removeOne} removing={removing} />

        {sent !== null ? (
          <Progress
            value={sent * 100}
            size="lg"
            aria-label={`Envoi du fichier : ${Math.round(sent * 100)} %`}
          />
        ) : null}

        <FileButton onChange={send} accept={ATTACHMENT_ACCEPT} resetRef={resetRef}>
          {(props) => (
            <Button
              {...props}
              ref={buttonRef}
              id={id}
              variant="light"
              size="md"
              // At 375 px « Joindre un autre justificatif » takes two lines rather than be cut.
              h="auto"
              mih={44}
              py={6}
              styles={{ label: { whiteSpace: 'normal', textAlign: 'center', lineHeight: 1.25 } }}
              leftSection={<IconPaperclip size={18} aria-hidden />}
              loading={sent !== null}
              aria-invalid={shownError ? true : undefined}
              aria-describedby={shownError ? errorId : undefined}
              data-focus-on-error={shownError ? 'true' : undefined}
            >
              {addLabel}
            </Button>
          )}
        </FileButton>
        <Text size="xs" c="dimmed">
          PDF, JPEG ou PNG, 5 Mo au plus.
        </Text>
        {shownError ? (
          <Text id={errorId} size="sm" c="red.8" role="alert">
            {shownError}
          </Text>
        ) : null}
        <Box aria-live="polite" aria-atomic="true">
          <Text size="xs" c="dimmed">
            {status}
          </Text>
        </Box>
      </Stack>
    </Paper>
  );
}

/** One kind of « Pièces justificatives » of the BIA. */
export function AttachmentsField({
  token,
  kind,
  attachments,
  serverError,
  required,
}: {
  token: string;
  kind: AttachmentKind;
  attachments: EnrolmentAttachment[];
  serverError?: string | undefined;
  required: boolean;
}) {
  const updateCache = useAttachmentsCache(token);
  const remove = useRemoveAttachment(token);
  return (
    <FileUploadField
      id={fieldId(`attachments.${kind}`)}
      heading={<FieldHeading kind={kind} required={required} />}
      addLabel={ADD_LABELS[kind]}
      files={attachments.filter((a) => a.kind === kind)}
      uploader={{
        upload: (file, onProgress) => uploadAttachment(token, kind, file, onProgress),
        onUploaded: (attachment) => updateCache((list) => [...list, attachment]),
        remove: (attachment) => remove.mutateAsync(attachment.id),
      }}
      serverError={serverError}
    />
  );
}
