import type { ReactNode } from 'react';
import { Text } from '@mantine/core';

/** A value the employee reads but does not type (inside a `<dl>`): the form's header, the summary. */
export function ReadOnlyField({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="sm" c="gray.7">
        {label}
      </Text>
      <Text component="dd" m={0} fw={600} style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}
