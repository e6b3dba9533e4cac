import { Suspense, lazy, useState } from 'react';
import { Box, Paper, Stack, Text, Title } from '@mantine/core';
import { useInViewport } from '@mantine/hooks';
import { useAuditRetention } from '../api/use-audit';

// Its form (zod's check of the value, Mantine's NumberInput) loads when the panel, under the
// journal, comes into view: meanwhile a box of its height, so that nothing moves when it arrives.
const RetentionForm = lazy(() =>
  import('./retention-form').then((m) => ({ default: m.RetentionForm })),
);

/** « Durée de conservation » (administrators): the `audit.purge` job deletes older lines. */
export function RetentionPanel() {
  const query = useAuditRetention();
  const { ref, inViewport } = useInViewport();
  const [seen, setSeen] = useState(false);
  if (inViewport && !seen) setSeen(true);
  const placeholder = <Box mih={{ base: 109, sm: 61 }} />;
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="sm">
        <Title order={2} fz="lg">
          Durée de conservation
        </Title>
        <Text size="sm" c="dimmed">
          Les lignes plus anciennes sont supprimées automatiquement, ainsi que les rapports d’import
          conservés. De 30 jours à 10 ans (3 650 jours).
        </Text>
        <Box ref={ref}>
          {seen ? (
            <Suspense fallback={placeholder}>
              {/* A new form once the stored value is known. */}
              <RetentionForm key={query.isPending ? 'loading' : 'loaded'} query={query} />
            </Suspense>
          ) : (
            placeholder
          )}
        </Box>
      </Stack>
    </Paper>
  );
}
