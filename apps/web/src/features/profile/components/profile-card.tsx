import type { ReactNode } from 'react';
import { Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCircleCheck } from '@tabler/icons-react';

/** A button whose label may wrap on a phone rather than be cut. */
export const WRAPPING = { h: 'auto', py: 8, styles: { label: { whiteSpace: 'normal' as const } } };

/** One card of « Mes informations »: a title, what is on file, and the button that changes it. */
export function ProfileCard({
  title,
  children,
  action,
}: {
  title: string;
  children: ReactNode;
  action?: ReactNode;
}) {
  return (
    // Side by side, the cards are as tall as the tallest: their buttons line up at the bottom.
    <Paper withBorder radius="md" p="lg" h="100%">
      <Stack gap="md" h="100%">
        <Title order={3} fz="md">
          {title}
        </Title>
        {children}
        {action ? <Group mt="auto">{action}</Group> : null}
      </Stack>
    </Paper>
  );
}

/** A success message in the corner, read out politely. */
export function notifySuccess(message: string): void {
  notifications.show({
    color: 'teal',
    message: <Text size="sm">{message}</Text>,
    icon: <IconCircleCheck size={20} aria-hidden />,
    role: 'status',
    autoClose: 6000,
    closeButtonProps: { 'aria-label': 'Fermer le message' },
  });
}
