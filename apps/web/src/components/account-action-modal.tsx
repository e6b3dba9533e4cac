import type { ReactNode } from 'react';
import { useState } from 'react';
import { Stack, Text } from '@mantine/core';
import { errorMessage } from '../lib/form-errors';
import type { FormProblem } from './form-parts';
import { FormButtons, FormProblemAlert, nextProblem } from './form-parts';
import { UserModal } from './user-modal';

interface AccountMutation<Input, Result> {
  isPending: boolean;
  mutate: (
    input: Input,
    options: { onSuccess: (result: Result) => void; onError: (error: unknown) => void },
  ) => void;
  reset: () => void;
}

/**
 * An account suspended or deactivated for good (an employer's user, a staff member): what
 * happens, then a confirmation. The permanent one says that it cannot be undone.
 */
export function AccountActionModal<Input, Result>({
  opened,
  action,
  name,
  title,
  submitLabel,
  suspendNotice,
  input,
  mutation,
  onClose,
  onDone,
}: {
  opened: boolean;
  action: 'suspend' | 'deactivate';
  /** The account's holder, as the texts name them. */
  name: string;
  title: string;
  submitLabel: string;
  /** What a suspension does. */
  suspendNotice: ReactNode;
  /** What the mutation is given; null once the dialog has no account any more. */
  input: Input | null;
  mutation: AccountMutation<Input, Result>;
  onClose: () => void;
  onDone: (result: Result) => void;
}) {
  const [problem, setProblem] = useState<FormProblem>();
  const close = () => {
    setProblem(undefined);
    mutation.reset();
    onClose();
  };
  return (
    <UserModal opened={opened && input !== null} onClose={close} title={title} size="md">
      {input !== null ? (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (mutation.isPending) return;
            setProblem(undefined);
            mutation.mutate(input, {
              onSuccess: (result) => {
                setProblem(undefined);
                onDone(result);
              },
              onError: (error) => setProblem((p) => nextProblem(p, errorMessage(error))),
            });
          }}
        >
          <Stack gap="md">
            {action === 'suspend' ? (
              <Text size="sm">{suspendNotice}</Text>
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
              submitLabel={submitLabel}
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
