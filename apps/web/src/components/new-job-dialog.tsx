import { Suspense, lazy } from 'react';
import { ofName } from '@affilia/shared/domain/person-name';
import { notifySuccess } from '../lib/notify';
import { FormLoading } from './form-parts';
import { UserModal } from './user-modal';

const NewJobForm = lazy(() => import('./new-job-form').then((m) => ({ default: m.NewJobForm })));

/**
 * « Déclarer une reprise d’emploi » of a former employee in portability (issue 18); says it is
 * done, then `onDone`.
 */
export function NewJobDialog({
  opened,
  radiationId,
  portabilityStart,
  memberName,
  onDone,
  onClose,
}: {
  opened: boolean;
  radiationId: string;
  portabilityStart: string;
  memberName: string;
  onDone: () => void;
  onClose: () => void;
}) {
  return (
    <UserModal
      opened={opened}
      onClose={onClose}
      title={`Reprise d’emploi ${ofName(memberName)}`}
      size="md"
    >
      {opened ? (
        <Suspense fallback={<FormLoading />}>
          <NewJobForm
            radiationId={radiationId}
            portabilityStart={portabilityStart}
            onDone={() => {
              notifySuccess(
                `La reprise d’emploi ${ofName(memberName)} est enregistrée : la portabilité prend fin.`,
              );
              onDone();
            }}
            onCancel={onClose}
          />
        </Suspense>
      ) : null}
    </UserModal>
  );
}
