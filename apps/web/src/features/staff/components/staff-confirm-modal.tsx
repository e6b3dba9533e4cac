import { useState } from 'react';
import { Stack, Text } from '@mantine/core';
import { errorMessage } from '../../../lib/form-errors';
import type { FormProblem } from '../../../components/form-parts';
import { FormButtons, FormProblemAlert, nextProblem } from '../../../components/form-parts';
import { ofName } from '@affilia/shared/domain/person-name';
import { UserModal } from '../../../components/user-modal';
import type { StaffMember } from '../api/use-staff';
import { useStaffAction } from '../api/use-staff';
import { STAFF_ACTION_LABELS, staffName } from '../staff-rules';

/** « Suspendre » and « Désactiver définitivement »: what happens, then a confirmation. */
export function StaffConfirmModal({
  opened,
  action,
  member,
  onClose,
  onDone,
}: {
  opened: boolean;
  action: 'suspend' | 'deactivate';
  /** Kept while the dialog closes. */
  member: StaffMember | null;
  onClose: () => void;
  onDone: (member: StaffMember) => void;
}) {
  const mutation = useStaffAction();
  const [problem, setProblem] = useState<FormProblem>();
  const close = () => {
    setProblem(undefined);
    mutation.reset();
    onClose();
  };
  const name = member ? staffName(member) : '';
  return (
    <UserModal
      opened={opened && member !== null}
      onClose={close}
      title={`${STAFF_ACTION_LABELS[action]} le compte ${ofName(name)}`}
      size="md"
    >
      {member ? (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (mutation.isPending) return;
            setProblem(undefined);
            mutation.mutate(
              { member, action },
              {
                onSuccess: onDone,
                onError: (error) => setProblem((p) => nextProblem(p, errorMessage(error))),
              },
            );
          }}
        >
          <Stack gap="md">
            {action === 'suspend' ? (
              <Text size="sm">
                {name} ne pourra plus se connecter au back-office et ses sessions ouvertes seront
                fermées. Vous pourrez réactiver son compte à tout moment.
              </Text>
            ) : (
              <>
                <Text size="sm" fw={700}>
                  Cette action est définitive : elle ne peut pas être annulée.
                </Text>
                <Text size="sm">
                  {name} ne pourra plus jamais se connecter avec ce compte, qui ne pourra pas être
                  réactivé. L’historique de ses actions est conservé.
                </Text>
              </>
            )}
            <FormProblemAlert problem={problem} />
            <FormButtons
              submitLabel={STAFF_ACTION_LABELS[action]}
              loading={mutation.isPending}
              onCancel={close}
              danger={action === 'deactivate'}
              focusCancel
            />
          </Stack>
        </form>
      ) : null}
    </UserModal>
  );
}
