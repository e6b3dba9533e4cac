import { Suspense, lazy } from 'react';
import { FormLoading } from '../../../components/form-parts';
import { UserModal } from '../../../components/user-modal';
import type { RadiationCreated } from '../../../lib/radiations-api';

// zod, the shared schema and the Select: loaded when the dialog opens, not with « Mes salariés ».
const RadiationBulkForm = lazy(() =>
  import('./radiation-bulk-form').then((m) => ({ default: m.RadiationBulkForm })),
);

/** « Radier la sélection »: a dialog on a computer, full screen on a phone. */
export function RadiationBulkDialog({
  opened,
  memberIds,
  onDone,
  onClose,
}: {
  opened: boolean;
  memberIds: string[];
  onDone: (result: RadiationCreated) => void;
  onClose: () => void;
}) {
  return (
    <UserModal
      opened={opened}
      onClose={onClose}
      title={
        memberIds.length > 1
          ? `Radier ${memberIds.length} salariés`
          : 'Radier le salarié sélectionné'
      }
      size="lg"
    >
      {opened ? (
        <Suspense fallback={<FormLoading />}>
          <RadiationBulkForm memberIds={memberIds} onDone={onDone} onCancel={onClose} />
        </Suspense>
      ) : null}
    </UserModal>
  );
}
