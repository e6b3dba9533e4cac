import type { ReactNode } from 'react';
import { useId } from 'react';
import { Paper, Title } from '@mantine/core';

/** A card of a record's page (« Identité », « Contrat et coordonnées bancaires »…), named by its title. */
export function SectionCard({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <Paper
      component="section"
      aria-labelledby={id}
      withBorder
      radius="md"
      p={{ base: 'md', sm: 'lg' }}
    >
      <Title order={2} id={id} fz="lg" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}
