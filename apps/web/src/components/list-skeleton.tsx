import { Group, Paper, Skeleton, Stack } from '@mantine/core';

/** Placeholder rows while the first answer is on its way. */
export function ListSkeleton() {
  return (
    <Stack gap="sm" aria-hidden>
      {[0, 1, 2, 3].map((row) => (
        <Paper key={row} withBorder radius="md" p="md">
          <Group gap="lg" wrap="nowrap">
            <Skeleton height={14} width="20%" radius="sm" />
            <Skeleton height={14} width="25%" radius="sm" visibleFrom="sm" />
            <Skeleton height={14} width="30%" radius="sm" />
            <Skeleton height={20} width={70} radius="sm" />
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}
