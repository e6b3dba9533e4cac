import type { ReactNode } from 'react';
import { Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '../lib/document-title';

interface PageProps {
  /** The page's `<h1>` and the first part of `document.title` (« Mes salariés — Affilia »). */
  title: string;
  /** A short sentence under the title. */
  description?: ReactNode;
  /** Buttons or links aligned with the title. */
  actions?: ReactNode;
  children?: ReactNode;
}

/** The frame of every page: its title (document and `<h1>`), then its content. */
export function Page({ title, description, actions, children }: PageProps) {
  useDocumentTitle(title);
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="md">
        <Stack gap={4}>
          <Title order={1} fz={{ base: 26, sm: 32 }}>
            {title}
          </Title>
          {description ? <Text c="dimmed">{description}</Text> : null}
        </Stack>
        {actions}
      </Group>
      {children}
    </Stack>
  );
}
