import { Badge } from '@mantine/core';
import {
  CONVERSATION_STATUS_LABELS,
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
