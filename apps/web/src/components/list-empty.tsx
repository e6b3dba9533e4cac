import type { ReactNode } from 'react';
import { Button, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';
import { IconFilterOff } from '@tabler/icons-react';

/**
 * A list with no row: what it would hold, and either « Réinitialiser la recherche » (`onReset`,
 * when filters hide every row) or what to do first (`action`).
 */
export function ListEmpty({
  icon: EmptyIcon,
  title,
  hint,
  action,
  onReset,
}: {
  icon: Icon;
  title: string;
  hint?: string;
  action?: ReactNode;
  onReset?: () => void;
}) {
  return (
    <Paper withBorder radius="md" p="xl">
      <Stack align="center" gap="sm" ta="center" maw={520} mx="auto">
        <ThemeIcon variant="light" size={56} radius="xl" aria-hidden>
          <EmptyIcon size={30} aria-hidden />
        </ThemeIcon>
        <Text fw={600}>{title}</Text>
        {hint ? (
          <Text size="sm" c="dimmed">
            {hint}
          </Text>
        ) : null}
        {onReset ? (
          <Button
            variant="default"
            leftSection={<IconFilterOff size={18} aria-hidden />}
            onClick={onReset}
          >
            Réinitialiser la recherche
          </Button>
        ) : (
          action
        )}
      </Stack>
    </Paper>
  );
}
