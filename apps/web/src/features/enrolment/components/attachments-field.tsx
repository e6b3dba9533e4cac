import type { RefObject } from 'react';
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
import { checkAttachmentFile, formatFileSize } from '../enrolment-helpers';
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

/** The sending and removing of one kind's files, with what the field announces. */
function useAttachmentUpload(
  token: string,
  kind: AttachmentKind,
  buttonRef: RefObject<HTMLButtonElement | null>,
  resetRef: RefObject<(() => void) | null>,
) {
  const updateCache = useAttachmentsCache(token);
  const remove = useRemoveAttachment(token);
  const [sent, setSent] = useState<number | null>(null);
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
    uploadAttachment(token, kind, file, setSent)
      .then((attachment) => {
        updateCache((list) => [...list, attachment]);
        setStatus(`${file.name} a été ajouté.`);
      })
      .catch((err: unknown) => {
        const fields = fieldErrors(err);
        setError(`${file.name} : ${fields.file ?? errorMessage(err)}`);
        setStatus('');
      })
      .finally(() => setSent(null));
  };

  const removeOne = (attachment: EnrolmentAttachment) => {
    remove.mutate(attachment.id, {
      onSuccess: () => {
        setStatus(`${attachment.originalName} a été retiré.`);
        buttonRef.current?.focus();
      },
      onError: (err) => setError(errorMessage(err)),
    });
  };

  return { sent, error, status, send, removeOne, remove };
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
function AttachedFiles({
  files,
  onRemove,
  removing,
}: {
  files: EnrolmentAttachment[];
  onRemove: (attachment: EnrolmentAttachment) => void;
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
 * One kind of « Pièces justificatives »: its files with « Retirer », and a button to add one
 * (or a file dropped on the box), checked in the browser, sent with its progress.
 */
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
  const id = fieldId(`attachments.${kind}`);
  const errorId = `${id}-erreur`;
  const buttonRef = useRef<HTMLButtonElement>(null);
  const resetRef = useRef<() => void>(null);
  const { sent, error, status, send, removeOne, remove } = useAttachmentUpload(
    token,
    kind,
    buttonRef,
    resetRef,
  );
  const [dragging, setDragging] = useState(false);
  const mine = attachments.filter((a) => a.kind === kind);
  const shownError = error ?? (mine.length === 0 ? serverError : undefined) ?? null;

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
        <FieldHeading kind={kind} required={required} />

        <AttachedFiles
          files={mine}
          onRemove={removeOne}
          removing={remove.isPending ? remove.variables : undefined}
        />

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
              {ADD_LABELS[kind]}
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
