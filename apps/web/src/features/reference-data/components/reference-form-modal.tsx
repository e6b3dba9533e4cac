import type { FormEvent, ReactNode } from 'react';
import { useId, useState } from 'react';
import { Stack, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { z } from 'zod';
import { errorMessage, focusFirstInvalid, showFieldErrors } from '../../../lib/form-errors';
import { FormAlert, FormButtons } from '../../../components/form-parts';
import { Dialog } from '../../../components/dialog';

const CLOSE = { 'aria-label': 'Fermer la notification' };

interface Mutation<Input> {
  isPending: boolean;
  mutate: (
    input: Input,
    options: { onSuccess: () => void; onError: (error: unknown) => void },
  ) => void;
  reset: () => void;
}

/**
 * The frame of every form of the « Référentiel »: a modal, the form checked with the shared zod
 * schema (the one the API uses), the server's French errors next to their fields (or above the
 * form), a notification once saved.
 */
export function ReferenceFormModal<Values extends Record<string, unknown>, Input>({
  title,
  opened,
  onClose,
  form,
  schema,
  mutation,
  toInput,
  saved,
  submitLabel = 'Enregistrer',
  children,
}: {
  title: string;
  opened: boolean;
  onClose: () => void;
  form: UseFormReturnType<Values>;
  schema: z.ZodType;
  mutation: Mutation<Input>;
  /** What is sent: the form's values as typed (the API normalises them again). */
  toInput: (values: Values) => Input;
  /** The notification's message once saved. */
  saved: string;
  submitLabel?: string;
  children: ReactNode;
}) {
  const formId = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const pending = mutation.isPending;

  const close = () => {
    if (pending) return;
    form.reset();
    setProblem(null);
    mutation.reset();
    onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    setProblem(null);
    const checked = form.validate();
    if (checked.hasErrors || !schema.safeParse(form.getValues()).success) {
      focusFirstInvalid(formId);
      return;
    }
    mutation.mutate(toInput(form.getValues()), {
      onSuccess: () => {
        notifications.show({
          color: 'teal',
          title: 'Modifications enregistrées',
          message: saved,
          closeButtonProps: CLOSE,
        });
        form.reset();
        mutation.reset();
        onClose();
      },
      onError: (error) => {
        showFieldErrors(form, formId, error);
        // The message too: a field may not be on this form (a duplicate, a rule of the data).
        setProblem(errorMessage(error));
      },
    });
  };

  return (
    <Dialog opened={opened} onClose={close} size="lg" title={title}>
      <form id={formId} onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">Les champs marqués d’un astérisque (*) sont obligatoires.</Text>
          <FormAlert message={problem} />
          {children}
          <FormButtons
            submitLabel={submitLabel}
            loading={pending}
            onCancel={close}
            cancelDisabled={pending}
          />
        </Stack>
      </form>
    </Dialog>
  );
}
