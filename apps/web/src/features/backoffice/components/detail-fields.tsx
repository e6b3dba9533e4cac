import type { ReactNode } from 'react';
import { SimpleGrid, Text } from '@mantine/core';

/*
 * The labelled values of a back-office request's page (an affiliation, a radiation): a
 * description list, two columns from a tablet up, a dash for a value not given.
 */

export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="sm" c="gray.7">
        {label}
      </Text>
      <Text component="dd" m={0} fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
        {children || '—'}
      </Text>
    </div>
  );
}

export function Fields({ children }: { children: ReactNode }) {
  return (
    <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm" m={0}>
      {children}
    </SimpleGrid>
  );
}

/** Who changed a request's status, in the history. */
export const ACTOR_LABELS: Record<string, string> = {
  employer: 'Employeur',
  employee: 'Salarié',
  anonymous: 'Salarié',
  staff: 'Assureur',
  system: 'Automatique',
};
