import { Suspense, lazy } from 'react';
import { ofName } from '@affilia/shared/domain/person-name';
import { notifySuccess } from '../lib/notify';
import { FormLoading } from './form-parts';
import { UserModal } from './user-modal';

const PaperDispenseForm = lazy(() =>
  import('./paper-dispense-form').then((m) => ({ default: m.PaperDispenseForm })),
);

/**
 * « Enregistrer une dispense papier » (issue 19): the employee signed a request of dispense on
 * paper; the employer records it with the signed request and the proofs, from « Suivi des
 * demandes ». The form (zod, the cases' table) loads when the dialog opens.
 */
export function PaperDispenseDialog({
  request,
  onClose,
}: {
  request: { id: string; name: string } | null;
  onClose: () => void;
}) {
  return (
    <UserModal
      opened={request !== null}
      onClose={onClose}
      title={`Dispense papier ${ofName(request?.name ?? '')}`}
      size="lg"
    >
      {request ? (
        <Suspense fallback={<FormLoading />}>
          <PaperDispenseForm
            requestId={request.id}
            onDone={() => {
              notifySuccess(
                `La dispense ${ofName(request.name)} est enregistrée : l’assureur va la vérifier.`,
              );
              onClose();
            }}
            onCancel={onClose}
          />
        </Suspense>
      ) : null}
    </UserModal>
  );
}
