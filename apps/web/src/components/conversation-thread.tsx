import { Anchor, List, Paper, Stack, Text, Title } from '@mantine/core';
import type { Message } from '@affilia/shared/schemas/messages';
import { formatDateTime } from '../lib/format-date';
import { formatFileSize } from '../lib/file-size';

interface Props {
  messages: readonly Message[];
  /** The URL that downloads an attachment (by its id). */
  attachmentUrl: (attachmentId: string) => string;
  /**
   * Who reads the thread: the employer (the insurer's messages are « Votre conseiller (…) »,
   * highlighted, each author a heading) or the insurer's staff (« … (assureur) »).
   */
  reader: 'employer' | 'staff';
}

/** The messages of a conversation, oldest first, texts as plain text, with their attachments. */
export function ConversationThread({ messages, attachmentUrl, reader }: Props) {
  return (
    <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {messages.map((m) => {
        const fromStaff = m.authorKind === 'staff';
        return (
          <Paper
            key={m.id}
            component="li"
            withBorder
            p="md"
            bg={reader === 'employer' && fromStaff ? 'var(--mantine-color-blue-0)' : undefined}
          >
            <Stack gap="xs">
              {reader === 'employer' ? (
                <Title order={2} size="h5">
                  {fromStaff ? `Votre conseiller (${m.authorName})` : m.authorName}
                  <Text span size="sm" c="dimmed" fw={400}>
                    {' '}
                    — {formatDateTime(m.createdAt)}
                  </Text>
                </Title>
              ) : (
                <Text fw={600} size="sm">
                  {fromStaff ? `${m.authorName} (assureur)` : m.authorName} —{' '}
                  {formatDateTime(m.createdAt)}
                </Text>
              )}
              <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{m.text}</Text>
              {m.attachments.length > 0 ? (
                <List size="sm" aria-label="Pièces jointes">
                  {m.attachments.map((a) => (
                    <List.Item key={a.id}>
                      <Anchor href={attachmentUrl(a.id)} download={a.fileName}>
                        {a.fileName}
                      </Anchor>{' '}
                      ({formatFileSize(a.size)})
                    </List.Item>
                  ))}
                </List>
              ) : null}
            </Stack>
          </Paper>
        );
      })}
    </Stack>
  );
}
