import type { ReactNode } from 'react';
import { Badge } from '@mantine/core';

/**
 * A status or a kind in words, in its colour: as written (no capitals added), never cut in a
 * narrow table column. Mantine's light grey text is too pale on its own background: darker by
 * default; `textColor` for the other colours that need it.
 */
export function StatusBadge({
  color,
  textColor = color === 'gray' ? 'gray.8' : undefined,
  variant = 'light',
  size = 'md',
  children,
}: {
  color: string;
  textColor?: string | undefined;
  variant?: 'light' | 'filled';
  size?: 'md' | 'lg';
  children: ReactNode;
}) {
  return (
    <Badge
      variant={variant}
      color={color}
      tt="none"
      size={size}
      radius="sm"
      miw="max-content"
      c={textColor}
    >
      {children}
    </Badge>
  );
}
