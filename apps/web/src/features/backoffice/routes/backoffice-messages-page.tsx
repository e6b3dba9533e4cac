import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Grid,
  Group,
  Loader,
  Select,
  Stack,
  Table,
  Text,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import {
  CONVERSATION_STATUSES,
  CONVERSATION_STATUS_LABELS,
  MESSAGE_CATEGORIES,
  MESSAGE_CATEGORY_LABELS,
  MESSAGE_SUBJECT_LABELS,
} from '@affilia/shared/schemas/messages';
import { Page } from '../../../components/page';
import { errorMessage } from '../../../lib/form-errors';
import { formatDateTime } from '../../../lib/format-date';
import { ConversationStatusBadge } from '../../messages/components/conversation-status';
import { useInbox } from '../api/use-backoffice-messages';
import { MessageConversation } from '../components/message-conversation';

const AGES = [
  { value: '', label: 'Toutes' },
  { value: '2', label: 'Plus de 2 jours' },
  { value: '7', label: 'Plus de 7 jours' },
];

/** `/back-office/messages`: « Messages des entreprises » (SPEC §6): the inbox and a conversation. */
export function BackOfficeMessagesPage() {
  const [category, setCategory] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [age, setAge] = useState<string | null>('');
  // The insurer's email links to `?conversation=<id>`: open that one.
  const [selected, setSelected] = useState<string | null>(() =>
    new URLSearchParams(window.location.search).get('conversation'),
  );
  const { data, error, isPending } = useInbox({
    category: category ?? undefined,
    status: status ?? undefined,
    olderThanDays: age ? Number(age) : undefined,
  });
  const items = data?.items ?? [];

  return (
    <Page title="Messages des entreprises">
      <Group align="flex-end" gap="md">
        <Select
          label="Catégorie"
          clearable
          placeholder="Toutes"
          data={MESSAGE_CATEGORIES.map((c) => ({ value: c, label: MESSAGE_CATEGORY_LABELS[c] }))}
          value={category}
          onChange={setCategory}
        />
        <Select
          label="Statut"
          clearable
          placeholder="Tous"
          data={CONVERSATION_STATUSES.map((s) => ({
            value: s,
            label: CONVERSATION_STATUS_LABELS[s],
          }))}
          value={status}
          onChange={setStatus}
        />
        <Select
          label="Ancienneté"
          data={AGES}
          value={age}
          onChange={setAge}
          allowDeselect={false}
        />
        <Button
          variant="subtle"
          onClick={() => {
            setCategory(null);
            setStatus(null);
            setAge('');
          }}
        >
          Effacer les filtres
        </Button>
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          {isPending ? (
            <Loader aria-label="Chargement des messages" />
          ) : error ? (
            <Alert color="red" role="alert">
              {errorMessage(error)}
            </Alert>
          ) : items.length === 0 ? (
            <Text>Aucune conversation pour ces filtres.</Text>
          ) : (
            <Table.ScrollContainer minWidth={520}>
              <Table highlightOnHover>
                <Table.Caption>Conversations, la plus ancienne en premier</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Objet</Table.Th>
                    <Table.Th scope="col">Entreprise</Table.Th>
                    <Table.Th scope="col">Dernier message</Table.Th>
                    <Table.Th scope="col">Statut</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((c) => (
                    <Table.Tr key={c.id} aria-current={selected === c.id ? 'true' : undefined}>
                      <Table.Td>
                        <Group gap="xs">
                          <UnstyledButton
                            onClick={() => setSelected(c.id)}
                            fw={c.unread > 0 ? 700 : 400}
                            td="underline"
                          >
                            {MESSAGE_SUBJECT_LABELS[c.subject]}
                          </UnstyledButton>
                          {c.unread > 0 ? (
                            <Badge color="red" c="white" size="sm">
                              {c.unread}
                              <VisuallyHidden component="span"> non lu(s)</VisuallyHidden>
                            </Badge>
                          ) : null}
                        </Group>
                      </Table.Td>
                      <Table.Td>{c.companyName}</Table.Td>
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
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Stack>
            {selected ? (
              <MessageConversation key={selected} id={selected} />
            ) : (
              <Text c="dimmed">Choisissez une conversation pour la lire et y répondre.</Text>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
    </Page>
  );
}
