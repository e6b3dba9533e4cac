import { useState, type FormEvent } from 'react';
import {
  Alert,
  Anchor,
  Button,
  Group,
  List,
  Loader,
  Paper,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import {
  MESSAGE_CATEGORY_LABELS,
  MESSAGE_SUBJECT_LABELS,
  MESSAGE_TEXT_MAX,
  MessageTextSchema,
} from '@affilia/shared/schemas/messages';
import { Page } from '../../../components/page';
import { AnchorLink } from '../../../components/links';
import { paths } from '../../../config/paths';
import { errorMessage, fieldErrors } from '../../../lib/form-errors';
import { formatDateTime } from '../../../lib/format-date';
import { attachmentUrl, useConversation, useSendFollowUp } from '../api/use-messages';
import { AttachmentsInput, formatSize } from '../components/attachments-input';
import { ConversationStatusBadge } from '../components/conversation-status';

/** `/messages/$conversationId`: the conversation (SPEC §5.7), texts shown as plain text. */
export function ConversationPage() {
  const { conversationId } = useParams({ from: '/employer/messages/$conversationId' });
  const { data, error, isPending } = useConversation(conversationId);
  const send = useSendFollowUp(conversationId);
  const [text, setText] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = MessageTextSchema.safeParse(text);
    if (!parsed.success) {
      setErrors({ text: parsed.error.issues[0]?.message ?? 'Saisissez votre message' });
      return;
    }
    setErrors({});
    send.mutate(
      { text: parsed.data, files },
      {
        onSuccess: () => {
          setText('');
          setFiles([]);
        },
        onError: (err) => setErrors(fieldErrors(err)),
      },
    );
  };

  const title = data ? MESSAGE_SUBJECT_LABELS[data.subject] : 'Conversation';
  return (
    <Page title={title}>
      <AnchorLink to={paths.messages}>Retour à la messagerie</AnchorLink>
      {isPending ? (
        <Group justify="center">
          <Loader aria-label="Chargement de la conversation" />
        </Group>
      ) : error ? (
        <Alert color="red" role="alert">
          {errorMessage(error)}
        </Alert>
      ) : (
        <Stack gap="md">
          <Group gap="sm">
            <ConversationStatusBadge status={data.status} />
            <Text size="sm" c="dimmed">
              {MESSAGE_CATEGORY_LABELS[data.category]} · {data.companyName}
            </Text>
          </Group>
          <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {data.messages.map((m) => (
              <Paper
                key={m.id}
                component="li"
                withBorder
                p="md"
                bg={m.authorKind === 'staff' ? 'var(--mantine-color-blue-0)' : undefined}
              >
                <Stack gap="xs">
                  <Title order={2} size="h5">
                    {m.authorKind === 'staff' ? `Votre conseiller (${m.authorName})` : m.authorName}
                    <Text span size="sm" c="dimmed" fw={400}>
                      {' '}
                      — {formatDateTime(m.createdAt)}
                    </Text>
                  </Title>
                  <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{m.text}</Text>
                  {m.attachments.length > 0 ? (
                    <List size="sm" aria-label="Pièces jointes">
                      {m.attachments.map((a) => (
                        <List.Item key={a.id}>
                          <Anchor href={attachmentUrl(data.id, a.id)} download={a.fileName}>
                            {a.fileName}
                          </Anchor>{' '}
                          ({formatSize(a.size)})
                        </List.Item>
                      ))}
                    </List>
                  ) : null}
                </Stack>
              </Paper>
            ))}
          </Stack>
          <form onSubmit={onSubmit} noValidate>
            <Stack gap="md" maw={720}>
              <Title order={2} size="h4">
                Répondre
              </Title>
              {send.error && Object.keys(fieldErrors(send.error)).length === 0 ? (
                <Alert color="red" role="alert">
                  {errorMessage(send.error)}
                </Alert>
              ) : null}
              <Textarea
                label="Votre message"
                required
                autosize
                minRows={4}
                maxLength={MESSAGE_TEXT_MAX}
                value={text}
                onChange={(event) => setText(event.currentTarget.value)}
                error={errors.text}
                disabled={send.isPending}
              />
              <AttachmentsInput
                files={files}
                onChange={setFiles}
                error={errors.attachments}
                disabled={send.isPending}
              />
              <Group>
                <Button type="submit" loading={send.isPending}>
                  Envoyer
                </Button>
              </Group>
            </Stack>
          </form>
        </Stack>
      )}
    </Page>
  );
}
