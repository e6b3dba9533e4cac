import { Alert, Group, Loader, Paper, Stack, Table, Text } from '@mantine/core';
import { MESSAGE_CATEGORY_LABELS, MESSAGE_SUBJECT_LABELS } from '@affilia/shared/schemas/messages';
import { Page } from '../../../components/page';
import { AnchorLink, ButtonLink } from '../../../components/links';
import { paths } from '../../../config/paths';
import { errorMessage } from '../../../lib/form-errors';
import { formatDateTime } from '../../../lib/format-date';
import { useConversations } from '../api/use-messages';
import { ConversationStatusBadge, UnreadCount } from '../../../components/conversation-status';

/** `/messages`: « Messagerie » (SPEC §5.7): the conversations, their status and unread replies. */
export function MessagesPage() {
  const { data, error, isPending } = useConversations();
  const items = data?.items ?? [];
  const several = new Set(items.map((c) => c.companyId)).size > 1;
  return (
    <Page
      title="Messagerie"
      description="Vos échanges avec nos conseillers."
      actions={<ButtonLink to={paths.newMessage}>Nouveau message</ButtonLink>}
    >
      {isPending ? (
        <Group justify="center">
          <Loader aria-label="Chargement des messages" />
        </Group>
      ) : error ? (
        <Alert color="red" role="alert">
          {errorMessage(error)}
        </Alert>
      ) : items.length === 0 ? (
        <Paper withBorder p="xl">
          <Stack align="center" gap="xs">
            <Text fw={500}>Aucun message pour l’instant.</Text>
            <Text c="dimmed" size="sm">
              Posez votre question à nos conseillers avec « Nouveau message ».
            </Text>
          </Stack>
        </Paper>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover>
            <Table.Caption>Vos conversations, de la plus récente à la plus ancienne</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Objet</Table.Th>
                <Table.Th scope="col">Catégorie</Table.Th>
                {several ? <Table.Th scope="col">Entreprise</Table.Th> : null}
                <Table.Th scope="col">Dernier message</Table.Th>
                <Table.Th scope="col">Statut</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Group gap="xs">
                      <AnchorLink
                        to={paths.conversation}
                        params={{ conversationId: c.id }}
                        fw={c.unread > 0 ? 700 : undefined}
                      >
                        {MESSAGE_SUBJECT_LABELS[c.subject]}
                      </AnchorLink>
                      <UnreadCount
                        count={c.unread}
                        one="réponse non lue"
                        many="réponses non lues"
                        circle={c.unread < 10}
                      />
                    </Group>
                  </Table.Td>
                  <Table.Td>{MESSAGE_CATEGORY_LABELS[c.category]}</Table.Td>
                  {several ? <Table.Td>{c.companyName}</Table.Td> : null}
                  <Table.Td>{formatDateTime(c.lastMessageAt)}</Table.Td>
                  <Table.Td>
                    <ConversationStatusBadge status={c.status} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Page>
  );
}
