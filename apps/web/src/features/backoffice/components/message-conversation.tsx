import { useState, type FormEvent } from 'react';
import {
  Alert,
  Anchor,
  Button,
  Group,
  List,
  Loader,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import {
  MESSAGE_CATEGORY_LABELS,
  MESSAGE_SUBJECT_LABELS,
  MESSAGE_TEXT_MAX,
  MessageTextSchema,
} from '@affilia/shared/schemas/messages';
import { errorMessage, fieldErrors } from '../../../lib/form-errors';
import { formatDateTime } from '../../../lib/format-date';
import { useMe } from '../../auth/api/use-me';
import { AttachmentsInput, formatSize } from '../../messages/components/attachments-input';
import { ConversationStatusBadge } from '../../messages/components/conversation-status';
import {
  inboxAttachmentUrl,
  useActiveStaff,
  useAssign,
  useClose,
  useInboxConversation,
  useReply,
} from '../api/use-backoffice-messages';

/** One conversation in the back office: messages (plain text), assign, reply, close. */
export function MessageConversation({ id }: { id: string }) {
  const { data, error, isPending } = useInboxConversation(id);
  const { data: me } = useMe();
  const assign = useAssign(id);
  const staff = useActiveStaff();
  const reply = useReply(id);
  const close = useClose(id);
  const [text, setText] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});

  if (isPending) return <Loader aria-label="Chargement de la conversation" />;
  if (error) {
    return (
      <Alert color="red" role="alert">
        {errorMessage(error)}
      </Alert>
    );
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = MessageTextSchema.safeParse(text);
    if (!parsed.success) {
      setErrors({ text: parsed.error.issues[0]?.message ?? 'Saisissez votre réponse' });
      return;
    }
    setErrors({});
    reply.mutate(
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
  const actionError = assign.error ?? close.error;

  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        {MESSAGE_SUBJECT_LABELS[data.subject]}
      </Title>
      <Group gap="sm">
        <ConversationStatusBadge status={data.status} />
        <Text size="sm" c="dimmed">
          {MESSAGE_CATEGORY_LABELS[data.category]} · {data.companyName} ·{' '}
          {data.assignedStaff ? `Attribuée à ${data.assignedStaff.name}` : 'Non attribuée'}
        </Text>
      </Group>
      {actionError ? (
        <Alert color="red" role="alert">
          {errorMessage(actionError)}
        </Alert>
      ) : null}
      <Group gap="sm" align="flex-end">
        {me && data.assignedStaff?.id !== me.id ? (
          <Button
            variant="light"
            loading={assign.isPending}
            onClick={() => assign.mutate(undefined)}
          >
            M'attribuer la conversation
          </Button>
        ) : null}
        {staff.data ? (
          <Select
            label="Attribuer à"
            placeholder="Choisir un membre de l'équipe"
            data={staff.data.items.map((s) => ({
              value: s.id,
              label: `${s.firstName} ${s.lastName}`,
            }))}
            value={data.assignedStaff?.id ?? null}
            onChange={(value) => {
              if (value && value !== data.assignedStaff?.id) assign.mutate(value);
            }}
            allowDeselect={false}
            searchable
            disabled={assign.isPending}
          />
        ) : null}
        {data.status !== 'closed' ? (
          <Button
            variant="light"
            color="gray"
            loading={close.isPending}
            onClick={() => close.mutate()}
          >
            Clore la conversation
          </Button>
        ) : null}
      </Group>
      <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {data.messages.map((m) => (
          <Paper key={m.id} component="li" withBorder p="md">
            <Stack gap="xs">
              <Text fw={600} size="sm">
                {m.authorKind === 'staff' ? `${m.authorName} (assureur)` : m.authorName} —{' '}
                {formatDateTime(m.createdAt)}
              </Text>
              <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{m.text}</Text>
              {m.attachments.length > 0 ? (
                <List size="sm" aria-label="Pièces jointes">
                  {m.attachments.map((a) => (
                    <List.Item key={a.id}>
                      <Anchor href={inboxAttachmentUrl(data.id, a.id)} download={a.fileName}>
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
        <Stack gap="md">
          {reply.error && Object.keys(fieldErrors(reply.error)).length === 0 ? (
            <Alert color="red" role="alert">
              {errorMessage(reply.error)}
            </Alert>
          ) : null}
          <Textarea
            label="Votre réponse"
            required
            autosize
            minRows={4}
            maxLength={MESSAGE_TEXT_MAX}
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            error={errors.text}
            disabled={reply.isPending}
          />
          <AttachmentsInput
            files={files}
            onChange={setFiles}
            error={errors.attachments}
            disabled={reply.isPending}
          />
          <Group>
            <Button type="submit" loading={reply.isPending}>
              Répondre
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
