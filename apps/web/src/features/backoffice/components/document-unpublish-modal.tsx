import { Alert, Button, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { errorMessage } from '../../../lib/form-errors';
import type { BackofficeDocument } from '../api/use-backoffice-documents';

/** The confirmation before « Dépublier »: the document disappears from the employer space. */
export function DocumentUnpublishModal({
  document,
  opened,
  pending,
  error,
  onConfirm,
  onClose,
}: {
  document: BackofficeDocument | null;
  opened: boolean;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <Modal
      opened={opened}
      onClose={() => {
        if (!pending) onClose();
      }}
      title={
        <Title order={2} fz="lg">
          Dépublier ce document ?
        </Title>
      }
      closeButtonProps={{ 'aria-label': 'Fermer' }}
    >
      <Stack gap="md">
        <Text size="sm">
          « {document?.title} » ne sera plus visible ni téléchargeable par les entreprises. Vous
          pourrez le publier de nouveau plus tard.
        </Text>
        {error ? (
          <Alert role="alert" color="red" variant="light" icon={<IconAlertCircle aria-hidden />}>
            {errorMessage(error)}
          </Alert>
        ) : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={pending} data-autofocus>
            Annuler
          </Button>
          <Button color="red" onClick={onConfirm} loading={pending}>
            Dépublier
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
