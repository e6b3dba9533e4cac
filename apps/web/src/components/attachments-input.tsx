import { useId, useState, type DragEvent } from 'react';
import { ActionIcon, Button, FileButton, Group, List, Paper, Stack, Text } from '@mantine/core';
import { IconPaperclip, IconTrash, IconUpload } from '@tabler/icons-react';
import {
  MESSAGE_ATTACHMENT_EXTENSIONS,
  MESSAGE_ATTACHMENT_MAX_BYTES,
  MESSAGE_ATTACHMENT_MAX_COUNT,
} from '@affilia/shared/schemas/messages';
import { formatFileSize } from '../lib/file-size';

const MB = MESSAGE_ATTACHMENT_MAX_BYTES / 1024 / 1024;

/** The browser's check (the server checks again, from the bytes): a message, or null. */
export function checkFile(file: File): string | null {
  const name = file.name.toLowerCase();
  if (!MESSAGE_ATTACHMENT_EXTENSIONS.some((ext) => name.endsWith(ext))) {
    return `« ${file.name} » : formats acceptés PDF, JPEG, PNG, DOCX, XLSX ou CSV.`;
  }
  if (file.size === 0) return `« ${file.name} » est vide.`;
  if (file.size > MESSAGE_ATTACHMENT_MAX_BYTES) {
    return `« ${file.name} » dépasse ${MB} Mo.`;
  }
  return null;
}

interface Props {
  files: File[];
  onChange: (files: File[]) => void;
  /** The server's message about the attachments, if any. */
  error?: string | undefined;
  disabled?: boolean;
}

/** Up to 4 attachments: a drop zone and a « Joindre un fichier » button, checked as added. */
export function AttachmentsInput({ files, onChange, error, disabled }: Props) {
  const [problems, setProblems] = useState<string[]>([]);
  const [over, setOver] = useState(false);
  const hintId = useId();
  const errorId = useId();

  const add = (incoming: File[]) => {
    const messages: string[] = [];
    const next = [...files];
    for (const file of incoming) {
      const problem = checkFile(file);
      if (problem) messages.push(problem);
      else if (next.length >= MESSAGE_ATTACHMENT_MAX_COUNT) {
        messages.push(
          `${MESSAGE_ATTACHMENT_MAX_COUNT} pièces jointes au plus : « ${file.name} » n’est pas ajouté.`,
        );
      } else next.push(file);
    }
    setProblems(messages);
    onChange(next);
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    if (!disabled) add([...event.dataTransfer.files]);
  };

  const allProblems = [...problems, ...(error ? [error] : [])];
  return (
    <Stack gap="xs">
      <Text fw={500} size="sm" id={hintId}>
        Pièces jointes ({MESSAGE_ATTACHMENT_MAX_COUNT} au plus, {MB} Mo maximum chacune : PDF, JPEG,
        PNG, DOCX, XLSX ou CSV)
      </Text>
      <Paper
        withBorder
        p="md"
        style={{
          borderStyle: 'dashed',
          background: over ? 'var(--mantine-color-blue-0)' : undefined,
        }}
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <Group justify="center" gap="sm">
          <IconUpload aria-hidden size={20} />
          <Text size="sm">Déposez vos fichiers ici ou</Text>
          <FileButton
            onChange={(picked) => add(picked)}
            multiple
            disabled={disabled ?? false}
            accept={MESSAGE_ATTACHMENT_EXTENSIONS.join(',')}
          >
            {(props) => (
              <Button
                {...props}
                variant="light"
                leftSection={<IconPaperclip aria-hidden size={16} />}
                aria-describedby={`${hintId}${allProblems.length ? ` ${errorId}` : ''}`}
                disabled={(disabled ?? false) || files.length >= MESSAGE_ATTACHMENT_MAX_COUNT}
              >
                Joindre un fichier
              </Button>
            )}
          </FileButton>
        </Group>
      </Paper>
      {allProblems.length > 0 ? (
        <Stack gap={2} id={errorId} role="alert">
          {allProblems.map((p) => (
            <Text key={p} c="red.8" size="sm">
              {p}
            </Text>
          ))}
        </Stack>
      ) : null}
      {files.length > 0 ? (
        <List listStyleType="none" spacing={4} aria-label="Fichiers joints">
          {files.map((file, index) => (
            <List.Item key={`${file.name}-${index}`}>
              <Group gap="xs">
                <Text size="sm">
                  {file.name} ({formatFileSize(file.size)})
                </Text>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={`Retirer ${file.name}`}
                  disabled={disabled}
                  onClick={() => {
                    setProblems([]);
                    onChange(files.filter((_, i) => i !== index));
                  }}
                >
                  <IconTrash aria-hidden size={16} />
                </ActionIcon>
              </Group>
            </List.Item>
          ))}
        </List>
      ) : null}
    </Stack>
  );
}
