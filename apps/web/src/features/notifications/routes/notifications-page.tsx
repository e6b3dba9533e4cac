import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Pagination,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { IconBellOff } from '@tabler/icons-react';
import { AnchorLink } from '../../../components/links';
import { Page } from '../../../components/page';
import type { paths } from '../../../config/paths';
import { formatDateTime } from '../../../lib/format-date';
import {
  useMarkAllNotificationsRead,
  useMarkNotificationRead,
  useNotifications,
  type NotificationItem,
} from '../api/use-notifications';
import { NotificationPreferences } from '../components/notification-preferences';
import { safeNotificationLink } from '../notification-link';
import { paginationLabels } from '../../../components/pagination-labels';

const PAGE_SIZE = 20;

function NotificationRow({ item }: { item: NotificationItem }) {
  const markRead = useMarkNotificationRead();
  const unread = !item.readAt;
  const link = safeNotificationLink(item.link);
  return (
    <Paper
      component="li"
      withBorder
      radius="md"
      p="md"
      bg={unread ? 'blue.0' : undefined}
      style={unread ? { borderLeft: '4px solid var(--mantine-color-blue-7)' } : undefined}
    >
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" gap="sm" wrap="nowrap">
          <Stack gap={2}>
            <Group gap="xs">
              <Text fw={unread ? 700 : 500}>{item.title}</Text>
              {unread ? (
                <Badge color="blue.8" variant="filled" size="sm">
                  Non lue
                </Badge>
              ) : null}
            </Group>
            <Text size="sm" c="gray.7">
              <time dateTime={item.createdAt}>{formatDateTime(item.createdAt)}</time>
            </Text>
          </Stack>
          {unread ? (
            <Button
              size="xs"
              variant="light"
              loading={markRead.isPending}
              onClick={() => markRead.mutate(item.id)}
              aria-label={`Marquer comme lu : ${item.title}`}
            >
              Marquer comme lu
            </Button>
          ) : null}
        </Group>
        {item.body ? <Text size="sm">{item.body}</Text> : null}
        {link ? (
          <div>
            <AnchorLink
              to={link as typeof paths.home}
              size="sm"
              fw={600}
              onClick={() => {
                if (unread) markRead.mutate(item.id);
              }}
            >
              Voir le détail
              <VisuallyHidden> : {item.title}</VisuallyHidden>
            </AnchorLink>
          </div>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** `/notifications`: « Notifications » (SPEC §5.8). */
export function NotificationsPage() {
  const [page, setPage] = useState(1);
  const [filter, setFilter] = useState<'all' | 'unread'>('all');
  const list = useNotifications(page, filter === 'unread', PAGE_SIZE);
  const markAll = useMarkAllNotificationsRead();
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const hasUnread = items.some((n) => !n.readAt) || filter === 'unread';

  return (
    <Page
      title="Notifications"
      description="Un salarié a finalisé son affiliation, nos conseillers vous ont répondu, un nouveau document est publié…"
      actions={
        <Button
          variant="light"
          onClick={() => markAll.mutate()}
          loading={markAll.isPending}
          disabled={!hasUnread || total === 0}
        >
          Tout marquer comme lu
        </Button>
      }
    >
      <SegmentedControl
        w="fit-content"
        value={filter}
        onChange={(v) => {
          setFilter(v === 'unread' ? 'unread' : 'all');
          setPage(1);
        }}
        data={[
          { value: 'all', label: 'Toutes' },
          { value: 'unread', label: 'Non lues' },
        ]}
        aria-label="Afficher"
      />
      {list.isError ? (
        <Alert color="red" role="alert">
          Vos notifications n’ont pas pu être chargées. Réessayez plus tard.
        </Alert>
      ) : list.isPending ? (
        <Loader aria-label="Chargement des notifications" />
      ) : items.length === 0 ? (
        <Paper withBorder radius="md" p="xl">
          <Stack align="center" gap="xs">
            <IconBellOff size={32} aria-hidden />
            <Text fw={600}>
              {filter === 'unread' ? 'Aucune notification non lue' : 'Aucune notification'}
            </Text>
            <Text size="sm" c="gray.7" ta="center">
              Vous serez prévenu ici lorsqu’un salarié finalise son affiliation, lorsque nos
              conseillers vous répondent ou lorsqu’un nouveau document est publié.
            </Text>
          </Stack>
        </Paper>
      ) : (
        <Stack gap="sm">
          <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
            {items.map((item) => (
              <NotificationRow key={item.id} item={item} />
            ))}
          </Stack>
          {pages > 1 ? (
            <Pagination total={pages} value={page} onChange={setPage} {...paginationLabels(page)} />
          ) : null}
        </Stack>
      )}
      <NotificationPreferences />
    </Page>
  );
}
