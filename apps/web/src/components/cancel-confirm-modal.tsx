import { Button, Group, Modal, Stack, Text } from '@mantine/core';

/**
 * « Annuler » asks for a confirmation (an affiliation request, a radiation, a change of a member):
 * what the cancellation does, « Ne pas annuler » (focused) and « Confirmer l’annulation ».
 */
export function CancelConfirmModal({
  opened,
  title,
  message,
  pending,
  onConfirm,
  onClose,
}: {
  opened: boolean;
  title: string;
  message: string;
  pending: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      centered
      closeButtonProps={{ 'aria-label': 'Fermer' }}
    >
      <Stack gap="md">
        <Text size="sm">{message}</Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={pending} data-autofocus>
            Ne pas annuler
          </Button>
          <Button color="red" loading={pending} onClick={onConfirm}>
            Confirmer l’annulation
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
