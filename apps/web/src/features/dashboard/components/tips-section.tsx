import { Paper, SimpleGrid, Stack, ThemeIcon, Title, Group } from '@mantine/core';
import { IconBulb } from '@tabler/icons-react';
import { SimpleMarkdown } from '../../../components/simple-markdown';
import type { Dashboard } from '../api/use-dashboard';

/** « Conseils et astuces », written by the insurer (plain text or simple Markdown). */
export function TipsSection({ tips }: { tips: Dashboard['tips'] }) {
  if (tips.length === 0) return null;
  return (
    <Stack component="section" aria-labelledby="tips-title" gap="md">
      <Title order={2} id="tips-title" fz={{ base: 20, sm: 24 }}>
        Conseils et astuces
      </Title>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        {tips.map((tip) => (
          <Paper
            key={tip.id}
            component="article"
            aria-labelledby={`tip-${tip.id}`}
            withBorder
            radius="md"
            p={{ base: 'md', sm: 'lg' }}
          >
            <Group gap="sm" wrap="nowrap" align="flex-start" mb="xs">
              <ThemeIcon variant="light" color="yellow" size={32} radius="xl" aria-hidden>
                <IconBulb size={18} aria-hidden />
              </ThemeIcon>
              <Title order={3} id={`tip-${tip.id}`} fz="md" mt={4}>
                {tip.title}
              </Title>
            </Group>
            <SimpleMarkdown source={tip.body} headingOrder={4} />
          </Paper>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
