import { Accordion, Alert, Badge, Box, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconInbox, IconRefresh } from '@tabler/icons-react';
import { Page } from '../../../components/page';
import { OUTBOX_REFRESH_MS, useOutbox } from '../api/use-outbox';
import type { OutboxMessage } from '../api/use-outbox';
import { LinkifiedText } from '../components/linkified-text';
import classes from './dev-mailbox-page.module.css';

const dateFormat = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'short',
  timeStyle: 'medium',
  timeZone: 'Europe/Paris',
});

function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}

function ChannelBadge({ channel }: { channel: OutboxMessage['channel'] }) {
  return channel === 'email' ? (
    <Badge variant="light" color="brand" radius="sm" tt="none" miw={64}>
      E-mail
    </Badge>
  ) : (
    <Badge variant="light" color="teal" radius="sm" tt="none" miw={64}>
      SMS
    </Badge>
  );
}

function MessageItem({ message }: { message: OutboxMessage }) {
  return (
    <Accordion.Item value={message.id}>
      <Accordion.Control>
        <Box className={classes.row}>
          <ChannelBadge channel={message.channel} />
          <Text size="sm" className={classes.to}>
            {message.to}
          </Text>
          {message.subject ? (
            <Text size="sm" fw={600} className={classes.subject}>
              {message.subject}
            </Text>
          ) : (
            <Text size="sm" className={classes.subject} lineClamp={1}>
              {message.text}
            </Text>
          )}
          <Text size="sm" c="dimmed" className={classes.date}>
            <time dateTime={message.createdAt}>{formatDate(message.createdAt)}</time>
          </Text>
        </Box>
      </Accordion.Control>
      <Accordion.Panel>
        <Text component="div" size="sm" className={classes.text}>
          <LinkifiedText text={message.text} />
        </Text>
      </Accordion.Panel>
    </Accordion.Item>
  );
}

/**
 * `/dev/mailbox`: the emails and SMS that a development server records instead of sending them
 * (SPEC §7), newest first, refreshed every 3 seconds.
 */
export function DevMailboxPage() {
  const outbox = useOutbox();
  const messages = outbox.data ?? [];

  return (
    <Page
      title="Boîte de réception de développement"
      description={`Les e-mails et SMS envoyés par le serveur de développement. Actualisation automatique toutes les ${OUTBOX_REFRESH_MS / 1000} secondes.`}
      actions={
        <Button
          variant="default"
          leftSection={<IconRefresh size={18} aria-hidden />}
          onClick={() => void outbox.refetch()}
          loading={outbox.isFetching && !outbox.isPending}
        >
          Rafraîchir
        </Button>
      }
    >
      {outbox.isError ? (
        <Alert color="red" variant="light" role="alert" title="Boîte de réception indisponible">
          {outbox.error.message} Cette page ne fonctionne qu’avec un serveur en mode développement.
        </Alert>
      ) : null}

      {outbox.isPending ? (
        <Text c="dimmed">Chargement des messages…</Text>
      ) : messages.length === 0 && !outbox.isError ? (
        <Paper withBorder radius="md" p="xl">
          <Stack align="center" gap="xs">
            <IconInbox size={40} stroke={1.4} aria-hidden className={classes.emptyIcon} />
            <Text fw={600}>Aucun message pour le moment</Text>
            <Text size="sm" c="dimmed" ta="center">
              Les e-mails et SMS envoyés par l’application apparaîtront ici.
            </Text>
          </Stack>
        </Paper>
      ) : messages.length > 0 ? (
        <Stack gap="xs">
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {messages.length === 1 ? '1 message' : `${messages.length} messages`}, du plus récent
              au plus ancien
            </Text>
          </Group>
          <Paper withBorder radius="md">
            <Accordion multiple chevronPosition="right" variant="default">
              {messages.map((message) => (
                <MessageItem key={message.id} message={message} />
              ))}
            </Accordion>
          </Paper>
        </Stack>
      ) : null}
    </Page>
  );
}
