import { CancelConfirmModal } from '../../../components/cancel-confirm-modal';
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
    <CancelConfirmModal
      opened={row !== null}
      title="Annuler la demande d’affiliation"
      message={
        row
          ? `La demande d’affiliation de ${employeeName(row)} passera au statut « Abandonné » et le lien reçu par le salarié ne fonctionnera plus. Pour l’affilier ensuite, il faudra refaire une pré-affiliation.`
          : ''
      }
      pending={pending}
      onClose={onClose}
      onConfirm={() => row && onConfirm(row)}
    />
  );
}
