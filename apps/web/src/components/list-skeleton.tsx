import { Group, Paper, Skeleton, Stack, VisuallyHidden } from '@mantine/core';

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

/** Bars while the first answer is on its way, what is loading said once to screen readers. */
export function SkeletonRows({
  label,
  rows,
  height,
}: {
  /** « Chargement des versions… » */
  label: string;
  rows: number;
  height: number;
}) {
  return (
    <Stack gap="xs" aria-busy="true">
      <VisuallyHidden role="status">{label}</VisuallyHidden>
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} h={height} />
      ))}
    </Stack>
  );
}
