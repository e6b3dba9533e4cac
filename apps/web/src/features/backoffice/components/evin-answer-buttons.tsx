import { Button, Group } from '@mantine/core';
import type { EvinAnswer } from '@affilia/shared/domain/radiation';

/** The loi Évin answer, one button each (« Maintien individuel demandé » / « refusé »). */
export function EvinAnswerButtons({
  pending,
  onAnswer,
}: {
  pending: EvinAnswer | null;
  onAnswer: (answer: EvinAnswer) => void;
}) {
  return (
    <Group gap="sm">
      <Button
        variant="default"
        size="sm"
        loading={pending === 'accepted'}
        disabled={pending === 'declined'}
        onClick={() => onAnswer('accepted')}
      >
        Maintien individuel demandé
      </Button>
      <Button
        variant="default"
        size="sm"
        loading={pending === 'declined'}
        disabled={pending === 'accepted'}
        onClick={() => onAnswer('declined')}
      >
        Maintien individuel refusé
      </Button>
    </Group>
  );
}
