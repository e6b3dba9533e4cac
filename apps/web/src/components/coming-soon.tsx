import type { ReactNode } from 'react';
import { Group, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconTools } from '@tabler/icons-react';

/**
 * What a section not delivered yet shows: what it will offer, and that it is on its way.
 * Never sample data.
 */
export function ComingSoon({ children }: { children?: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="lg">
      <Group align="flex-start" wrap="nowrap" gap="md">
        <ThemeIcon variant="light" size="lg" radius="md" aria-hidden>
          <IconTools size={20} />
        </ThemeIcon>
        <Stack gap={4}>
          <Text fw={600}>Cette rubrique sera bientôt disponible.</Text>
          {children ? <Text c="dimmed">{children}</Text> : null}
        </Stack>
      </Group>
    </Paper>
  );
}
