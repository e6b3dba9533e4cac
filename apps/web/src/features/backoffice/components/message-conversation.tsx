import { Alert, Button, Group, Loader, Stack, Title } from '@mantine/core';
import { DeferredSelect } from '../../../components/deferred-select';
import { MESSAGE_SUBJECT_LABELS } from '@affilia/shared/schemas/messages';
import { ConversationReplyForm } from '../../../components/conversation-reply-form';
import { ConversationThread } from '../../../components/conversation-thread';
import { errorMessage } from '../../../lib/form-errors';
import { useMe } from '../../../lib/use-me';
import { ConversationFacts, useMarkReadWhenShown } from '../../../components/conversation-status';
import {
  inboxAttachmentUrl,
  useActiveStaff,
  useAssign,
  useClose,
  useInboxConversation,
  useMarkInboxConversationRead,
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
  const { mutate: markRead } = useMarkInboxConversationRead(id);
  useMarkReadWhenShown(data, markRead);

  if (isPending) return <Loader aria-label="Chargement de la conversation" />;
  if (error) {
    return (
      <Alert color="red" role="alert">
        {errorMessage(error)}
      </Alert>
    );
  }

  const actionError = assign.error ?? close.error;

  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        {MESSAGE_SUBJECT_LABELS[data.subject]}
      </Title>
      <ConversationFacts
        conversation={data}
        more={data.assignedStaff ? `Attribuée à ${data.assignedStaff.name}` : 'Non attribuée'}
      />
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
            M’attribuer la conversation
          </Button>
        ) : null}
        {staff.data ? (
          <DeferredSelect
            label="Attribuer à"
            placeholder="Choisir un membre de l’équipe"
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
      <ConversationThread
        messages={data.messages}
        attachmentUrl={(attachmentId) => inboxAttachmentUrl(data.id, attachmentId)}
        reader="staff"
      />
      <ConversationReplyForm send={reply} reader="staff" />
    </Stack>
  );
}
