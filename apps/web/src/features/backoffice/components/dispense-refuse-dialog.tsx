import { DispenseRefuseSchema } from '@affilia/shared/schemas/dispenses';
import type { BackofficeDispense } from '../api/use-backoffice-dispenses';
import { useRefuseDispense } from '../api/use-backoffice-dispenses';
import { ReasonDialog } from './reason-dialog';

/*
 * « Refuser » a request of dispense, in its dialog: loaded when it opens (zod, the shared schema
 * and the form code stay off the page's first load).
 */

/** What the refusal does: a first request goes back to the employee, a renewal is only refused. */
export function refusalConsequence(detail: BackofficeDispense): string {
  return detail.isRenewal
    ? 'Le renouvellement est refusé : la dispense en cours reste valable jusqu’à son échéance. Le salarié reçoit le motif par e-mail et peut envoyer un nouveau justificatif avec le lien de renouvellement ; l’employeur est informé.'
    : 'La demande est retournée au salarié avec le motif : il reçoit par e-mail un nouveau lien vers son formulaire pour adhérer ou corriger son justificatif. L’employeur est informé.';
}

export function RefuseDispenseDialog({
  detail,
  onClose,
  onDone,
}: {
  detail: BackofficeDispense;
  onClose: () => void;
  onDone: (detail: BackofficeDispense) => void;
}) {
  return (
    <ReasonDialog
      title="Refuser la dispense"
      intro={refusalConsequence(detail)}
      label="Motif du refus"
      description="Il est envoyé au salarié et à l’employeur."
      submitLabel="Refuser la dispense"
      danger
      schema={DispenseRefuseSchema}
      mutation={useRefuseDispense(detail.id)}
      onClose={onClose}
      onDone={onDone}
    />
  );
}
