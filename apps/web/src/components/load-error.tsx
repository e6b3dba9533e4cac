import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { errorMessage } from '../lib/form-errors';

/**
 * What could not be loaded, and « Réessayer ». `compact`: the lists' tighter form, its button
 * white on the red alert.
 */
export function LoadError({
  error,
  onRetry,
  compact = false,
}: {
  error: unknown;
  onRetry: () => void;
  compact?: boolean;
}) {
  return (
    <Alert color="red" variant="light" role="alert" icon={<IconAlertCircle aria-hidden />}>
      <Stack gap={compact ? 'xs' : 'sm'} align="flex-start">
        <Text size="sm">{errorMessage(error)}</Text>
        <Button variant={compact ? 'white' : 'default'} size="xs" onClick={onRetry}>
          Réessayer
        </Button>
      </Stack>
    </Alert>
  );
}
