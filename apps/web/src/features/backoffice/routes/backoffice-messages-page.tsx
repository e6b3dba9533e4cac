import { Suspense, lazy, useState } from 'react';
import { useDebouncedValue } from '@mantine/hooks';
import {
  Alert,
  Button,
  Grid,
  Group,
  Loader,
  Stack,
  Table,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { DeferredSelect } from '../../../components/deferred-select';
import { formatSiren } from '@affilia/shared/validators/siret';
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
import { ConversationStatusBadge, UnreadCount } from '../../../components/conversation-status';
import { useCompanyOptions } from '../api/use-backoffice-documents';
import type { InboxItem } from '../api/use-backoffice-messages';
import { useInbox } from '../api/use-backoffice-messages';

// The open conversation (its thread, the reply form and its zod check) loads once one is chosen.
const MessageConversation = lazy(() =>
  import('../components/message-conversation').then((m) => ({ default: m.MessageConversation })),
);

const AGES = [
  { value: '', label: 'Toutes' },
  { value: '2', label: 'Plus de 2 jours' },
  { value: '7', label: 'Plus de 7 jours' },
];

/** « Entreprise »: a search among the companies of the « Référentiel » (name or SIREN). */
function CompanyFilter({
  value,
  onChange,
}: {
  value: { id: string; label: string } | null;
  onChange: (company: { id: string; label: string } | null) => void;
}) {
  const [search, setSearch] = useState(value?.label ?? '');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const q = debounced === value?.label ? '' : debounced;
  const companies = useCompanyOptions(q, true);
  const found = (companies.data ?? []).map((c) => ({
    value: c.id,
    label: `${c.name} — SIREN ${formatSiren(c.siren)}`,
  }));
  const data =
    value && !found.some((o) => o.value === value.id)
      ? [{ value: value.id, label: value.label }, ...found]
      : found;
  return (
    <DeferredSelect
      label="Entreprise"
      placeholder="Toutes"
      searchable
      clearable
      clearButtonProps={{ 'aria-label': 'Retirer le filtre sur l’entreprise' }}
      data={data}
      filter={({ options }) => options}
      searchValue={search}
      onSearchChange={setSearch}
      value={value?.id ?? null}
      onChange={(id, option) => onChange(id && option ? { id, label: option.label } : null)}
      nothingFoundMessage={companies.isFetching ? 'Recherche…' : 'Aucune entreprise ne correspond'}
      w={280}
    />
  );
}

/** The conversations, oldest first; the one open is marked. */
function ConversationsTable({
  items,
  selected,
  onSelect,
}: {
  items: InboxItem[];
  selected: string | null;
  onSelect: (id: string) => void;
}) {
  return (
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
                    onClick={() => onSelect(c.id)}
                    fw={c.unread > 0 ? 700 : 400}
                    td="underline"
                  >
                    {MESSAGE_SUBJECT_LABELS[c.subject]}
                  </UnstyledButton>
                  <UnreadCount count={c.unread} one="message non lu" many="messages non lus" />
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
  );
}

/** `/back-office/messages`: « Messages des entreprises » (SPEC §6): the inbox and a conversation. */
export function BackOfficeMessagesPage() {
  const [category, setCategory] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [company, setCompany] = useState<{ id: string; label: string } | null>(null);
  const [age, setAge] = useState<string | null>('');
  // The insurer's email links to `?conversation=<id>`: open that one.
  const [selected, setSelected] = useState<string | null>(() =>
    new URLSearchParams(window.location.search).get('conversation'),
  );
  const { data, error, isPending } = useInbox({
    category: category ?? undefined,
    companyId: company?.id,
    status: status ?? undefined,
    olderThanDays: age ? Number(age) : undefined,
  });
  const items = data?.items ?? [];

  return (
    <Page title="Messages des entreprises">
      <Group align="flex-end" gap="md">
        <DeferredSelect
          label="Catégorie"
          clearable
          placeholder="Toutes"
          data={MESSAGE_CATEGORIES.map((c) => ({ value: c, label: MESSAGE_CATEGORY_LABELS[c] }))}
          value={category}
          onChange={setCategory}
        />
        <CompanyFilter key={company ? 'set' : 'none'} value={company} onChange={setCompany} />
        <DeferredSelect
          label="Statut"
          clearable
          placeholder="Tous"
          data={CONVERSATION_STATUSES.map((s) => ({
            value: s,
            label:
              CONVERSATION_STATUS_LABELS[s].charAt(0).toUpperCase() +
              CONVERSATION_STATUS_LABELS[s].slice(1),
          }))}
          value={status}
          onChange={setStatus}
        />
        <DeferredSelect
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
            setCompany(null);
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
            <ConversationsTable items={items} selected={selected} onSelect={setSelected} />
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Stack>
            {selected ? (
              <Suspense fallback={<Loader aria-label="Chargement de la conversation" />}>
                <MessageConversation key={selected} id={selected} />
              </Suspense>
            ) : (
              <Text c="dimmed">Choisissez une conversation pour la lire et y répondre.</Text>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
    </Page>
  );
}
