import type { ReactNode } from 'react';
import { useEffect } from 'react';
import { Badge, Group, Text, VisuallyHidden } from '@mantine/core';
import {
  CONVERSATION_STATUS_LABELS,
  MESSAGE_CATEGORY_LABELS,
  type ConversationSummary,
} from '@affilia/shared/schemas/messages';

const COLORS: Record<ConversationSummary['status'], string> = {
  sent: 'blue',
  in_progress: 'orange',
  answered: 'green',
  closed: 'gray',
};

/**
 * « envoyé », « en cours », « répondu », « clos »: near-black text on a light badge of the status'
 * colour (the colour's own shade 9 is below 4.5:1 on its light background for green and orange).
 */
export function ConversationStatusBadge({ status }: { status: ConversationSummary['status'] }) {
  const label = CONVERSATION_STATUS_LABELS[status];
  return (
    <Badge variant="light" color={COLORS[status]} c="gray.9" tt="none">
      {label.charAt(0).toUpperCase() + label.slice(1)}
    </Badge>
  );
}

/** The status, then « category · company » (and `more`, after another « · »). */
export function ConversationFacts({
  conversation,
  more,
}: {
  conversation: Pick<ConversationSummary, 'status' | 'category' | 'companyName'>;
  more?: ReactNode;
}) {
  return (
    <Group gap="sm">
      <ConversationStatusBadge status={conversation.status} />
      <Text size="sm" c="dimmed">
        {MESSAGE_CATEGORY_LABELS[conversation.category]} · {conversation.companyName}
        {more ? <> · {more}</> : null}
      </Text>
    </Group>
  );
}

/** The unread count beside a conversation's subject, said in words (« 2 messages non lus »). */
export function UnreadCount({
  count,
  one,
  many,
  circle = false,
}: {
  count: number;
  /** « message non lu » */
  one: string;
  /** « messages non lus » */
  many: string;
  circle?: boolean;
}) {
  if (count <= 0) return null;
  return (
    <Badge color="red" c="white" size="sm" circle={circle}>
      {count}
      <VisuallyHidden component="span">{count > 1 ? ` ${many}` : ` ${one}`}</VisuallyHidden>
    </Badge>
  );
}

/**
 * A conversation on screen is read: marked so once shown, and again when new messages arrive (the
 * GET itself changes nothing).
 */
export function useMarkReadWhenShown(
  conversation: { id: string; messages: unknown[] } | undefined,
  markRead: () => void,
): void {
  const shown = conversation ? `${conversation.id}:${conversation.messages.length}` : null;
  useEffect(() => {
    if (shown) markRead();
  }, [shown, markRead]);
}
