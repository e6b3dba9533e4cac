import type { ReactNode } from 'react';
import { Drawer } from '@mantine/core';

/** The small-screen navigation: a drawer from the right opened by the header's burger. */
export function NavDrawer({
  opened,
  onClose,
  children,
}: {
  opened: boolean;
  onClose: () => void;
  children: ReactNode;
}) {
  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size="xs"
      title="Menu"
      closeButtonProps={{ 'aria-label': 'Fermer le menu' }}
      padding="md"
    >
      <nav aria-label="Navigation principale">{children}</nav>
    </Drawer>
  );
}
