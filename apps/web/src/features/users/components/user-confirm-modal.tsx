import { useState } from 'react';
import { Stack, Text } from '@mantine/core';
import { errorMessage } from '../../../lib/form-errors';
import type { ManagedUser } from '../api/use-users';
import { useUserAction } from '../api/use-users';
import { ACTION_LABELS, fullName, ofName } from './user-actions-menu';
import type { FormProblem } from '../../../components/form-parts';
import { FormButtons, FormProblemAlert, nextProblem } from '../../../components/form-parts';
import { UserModal } from '../../../components/user-modal';

/**
 * « Désactiver provisoirement » and « Désactiver définitivement »: what happens, then the
 * administrator confirms. The permanent one says that it cannot be undone.
 */
export function UserConfirmModal({
  opened,
  action,
  user,
  onClose,
  onDone,
}: {
  opened: boolean;
  action: 'suspend' | 'deactivate';
  /** Kept while the dialog closes. */
  user: ManagedUser | null;
  onClose: () => void;
  onDone: (user: ManagedUser) => void;
}) {
  const mutation = useUserAction();
  const [problem, setProblem] = useState<FormProblem>();
  const close = () => {
    setProblem(undefined);
    mutation.reset();
    onClose();
  };
  const name = user ? fullName(user) : '';
  return (
    <UserModal
      opened={opened && user !== null}
      onClose={close}
      title={`${ACTION_LABELS[action]} l’accès ${ofName(name)}`}
      size="md"
    >
      {user ? (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (mutation.isPending) return;
            setProblem(undefined);
            mutation.mutate(
              { user, action },
              {
                onSuccess: (updated) => {
                  setProblem(undefined);
                  onDone(updated);
                },
                onError: (error) => setProblem((p) => nextProblem(p, errorMessage(error))),
              },
            );
          }}
        >
          <Stack gap="md">
            {action === 'suspend' ? (
              <Text size="sm">
                {name} ne pourra plus se connecter à l’espace entreprise et ses sessions ouvertes
                seront fermées. Vous pourrez réactiver son accès à tout moment.
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
              submitLabel={ACTION_LABELS[action]}
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
