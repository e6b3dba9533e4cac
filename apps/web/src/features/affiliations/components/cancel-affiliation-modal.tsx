import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { AffiliationRequestRow } from '../api/use-affiliations';
import { employeeName } from '../format';

/** « Annuler la demande d'affiliation » asks for a confirmation: the employee's link dies. */
export function CancelAffiliationModal({
  row,
  pending,
  onConfirm,
  onClose,
}: {
  row: AffiliationRequestRow | null;
  pending: boolean;
  onConfirm: (row: AffiliationRequestRow) => void;
  onClose: () => void;
}) {
  return (
    <Modal
      opened={row !== null}
      onClose={onClose}
      title="Annuler la demande d’affiliation"
      centered
      closeButtonProps={{ 'aria-label': 'Fermer' }}
    >
      {row ? (
        <Stack gap="md">
          <Text size="sm">
            {`La demande d’affiliation de ${employeeName(row)} passera au statut « Abandonné » et le lien reçu par le salarié ne fonctionnera plus. Pour l’affilier ensuite, il faudra refaire une pré-affiliation.`}
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={pending}>
              Ne pas annuler
            </Button>
            <Button color="red" loading={pending} onClick={() => onConfirm(row)}>
              Confirmer l’annulation
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
