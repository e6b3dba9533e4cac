import type { ReactNode } from 'react';
import { useEffect, useRef } from 'react';
import { Title } from '@mantine/core';

/** The screen's `<h1>`, focused when the screen appears: a screen reader starts from it. */
export function FocusedTitle({ children }: { children: ReactNode }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <Title
      order={1}
      fz={{ base: 24, sm: 30 }}
      ref={headingRef}
      tabIndex={-1}
      style={{ outline: 'none' }}
    >
      {children}
    </Title>
  );
}
