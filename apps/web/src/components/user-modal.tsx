import type { ReactNode } from 'react';
import { Modal } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';

/**
 * The frame of the forms of « Gestion des habilitations »: a dialog, full screen on a phone.
 * Mantine keeps the focus inside while it is open and gives it back to the button that opened it.
 */
export function UserModal({
  opened,
  onClose,
  title,
  size = 'lg',
  children,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  size?: 'md' | 'lg' | 'xl';
  children: ReactNode;
}) {
  const phone = useMediaQuery('(max-width: 36em)') ?? false;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      // Mantine writes the title as the dialog's <h2> (and names the dialog with it).
      title={title}
      styles={{ title: { fontSize: 'var(--mantine-font-size-lg)', fontWeight: 700 } }}
      closeButtonProps={{ 'aria-label': 'Fermer' }}
      size={size}
      fullScreen={phone}
      radius={phone ? 0 : 'md'}
      transitionProps={phone ? { transition: 'fade', duration: 150 } : undefined}
    >
      {children}
    </Modal>
  );
}
