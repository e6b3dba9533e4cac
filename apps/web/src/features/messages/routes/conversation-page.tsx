import { Alert, Group, Loader, Stack } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import { MESSAGE_SUBJECT_LABELS } from '@affilia/shared/schemas/messages';
import { ConversationReplyForm } from '../../../components/conversation-reply-form';
import { ConversationThread } from '../../../components/conversation-thread';
import { Page } from '../../../components/page';
import { AnchorLink } from '../../../components/links';
import { paths } from '../../../config/paths';
import { errorMessage } from '../../../lib/form-errors';
import {
  attachmentUrl,
  useConversation,
  useMarkConversationRead,
  useSendFollowUp,
} from '../api/use-messages';
import { ConversationFacts, useMarkReadWhenShown } from '../../../components/conversation-status';

/** `/messages/$conversationId`: the conversation (SPEC §5.7), texts shown as plain text. */
export function ConversationPage() {
  const { conversationId } = useParams({ from: '/employer/messages/$conversationId' });
  const { data, error, isPending } = useConversation(conversationId);
  const send = useSendFollowUp(conversationId);
  const { mutate: markRead } = useMarkConversationRead(conversationId);
  useMarkReadWhenShown(data, markRead);

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
          <ConversationFacts conversation={data} />
          <ConversationThread
            messages={data.messages}
            attachmentUrl={(attachmentId) => attachmentUrl(data.id, attachmentId)}
            reader="employer"
          />
          <ConversationReplyForm send={send} reader="employer" />
        </Stack>
      )}
    </Page>
  );
}
