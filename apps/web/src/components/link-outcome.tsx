import type { ReactNode } from 'react';
import { Stack, Text, ThemeIcon } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconClockX, IconLinkOff } from '@tabler/icons-react';

const ICONS = {
  success: { icon: IconCircleCheck, color: 'teal' },
  expired: { icon: IconClockX, color: 'red' },
  used: { icon: IconCircleCheck, color: 'brand' },
  invalid: { icon: IconLinkOff, color: 'red' },
  error: { icon: IconAlertTriangle, color: 'red' },
} as const;

/** The big icon and the explanation of what a one-time link did (or why it could not). */
export function LinkOutcome({ kind, children }: { kind: keyof typeof ICONS; children: ReactNode }) {
  const { icon: Icon, color } = ICONS[kind];
  return (
    <Stack gap="md" align="flex-start">
      <ThemeIcon size={56} radius="xl" variant="light" color={color} aria-hidden>
        <Icon size={32} />
      </ThemeIcon>
      {typeof children === 'string' ? <Text>{children}</Text> : children}
    </Stack>
  );
}
