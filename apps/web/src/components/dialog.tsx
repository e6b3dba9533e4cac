import type { ReactNode } from 'react';
import type { ModalProps } from '@mantine/core';
import { Modal, Title } from '@mantine/core';

/** A dialog named by its heading, its close button « Fermer »; Mantine keeps the focus inside. */
export function Dialog({
  title,
  children,
  ...props
}: Omit<ModalProps, 'title'> & { title: ReactNode }) {
  return (
    <Modal
      title={
        <Title order={2} fz="lg">
          {title}
        </Title>
      }
      closeButtonProps={{ 'aria-label': 'Fermer' }}
      {...props}
    >
      {children}
    </Modal>
  );
}
