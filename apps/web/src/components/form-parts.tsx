import type { FormEvent, ReactNode, RefObject } from 'react';
import { useEffect, useId, useRef, useState } from 'react';
import { Alert, Button, Group, Loader, Stack, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { errorMessage, fieldErrors, focusFirstInvalid } from '../lib/form-errors';

/** What went wrong with the last submission, shown above the form (a new id re-announces it). */
export interface FormProblem {
  id: number;
  title?: string;
  message: string;
}

export function nextProblem(previous: FormProblem | undefined, message: string): FormProblem {
  return { id: (previous?.id ?? 0) + 1, message };
}

export function FormProblemAlert({ problem }: { problem: FormProblem | null | undefined }) {
  if (!problem) return null;
  return <FormAlert key={problem.id} message={problem.message} title={problem.title} />;
}

/** A problem that is not about one field (a rule of the data, the network), announced when it appears. */
export function FormAlert({
  message,
  title,
}: {
  message: string | null | undefined;
  title?: string | undefined;
}) {
  if (!message) return null;
  return (
    <Alert
      role="alert"
      color="red"
      variant="light"
      icon={<IconAlertCircle aria-hidden />}
      title={title}
    >
      {message}
    </Alert>
  );
}

/**
 * The forms are loaded when the dialog opens: give the focus to their first field (the one marked
 * `data-autofocus`, else the first chosen option) once they are there, as the dialog would have.
 */
export function useFocusFirstField(form: RefObject<HTMLFormElement | null>): void {
  useEffect(() => {
    const element = form.current;
    if (!element || element.contains(document.activeElement)) return;
    const target =
      element.querySelector<HTMLElement>('[data-autofocus]') ??
      element.querySelector<HTMLElement>('input:checked');
    target?.focus();
  }, [form]);
}

interface DialogMutation<Input, Result> {
  isPending: boolean;
  mutate: (
    input: Input,
    options: { onSuccess: (result: Result) => void; onError: (error: unknown) => void },
  ) => void;
}

/**
 * A dialog's form sent to the API: the focus on its first field, then on submit the form's own
 * checks (`toInput` gives null when the values do not make a request), one request at a time, the
 * server's errors next to their fields and above the form, the focus on the first field in error.
 * Spread `formProps` on the `<form>` and show `problem` with FormProblemAlert.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Mantine's own bound for values
export function useDialogForm<Values extends Record<string, any>, Input, Result>({
  form,
  mutation,
  toInput,
  onDone,
}: {
  form: UseFormReturnType<Values>;
  mutation: DialogMutation<Input, Result>;
  toInput: (values: Values) => Input | null;
  onDone: (result: Result) => void;
}) {
  const formId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [problem, setProblem] = useState<FormProblem>();
  useFocusFirstField(formRef);
  const onSubmit: (event?: FormEvent<HTMLFormElement>) => void = form.onSubmit(
    (values) => {
      const input = toInput(values);
      if (input === null || mutation.isPending) return;
      setProblem(undefined);
      mutation.mutate(input, {
        onSuccess: onDone,
        onError: (error) => {
          form.setErrors(fieldErrors(error));
          setProblem((p) => nextProblem(p, errorMessage(error)));
          focusFirstInvalid(formId);
        },
      });
    },
    () => focusFirstInvalid(formId),
  );
  return { formProps: { id: formId, ref: formRef, onSubmit, noValidate: true }, problem };
}

/** « Annuler » and the submit button, at the end of a dialog's form. */
export function FormButtons({
  submitLabel,
  loading,
  onCancel,
  cancelLabel = 'Annuler',
  cancelDisabled = false,
  danger = false,
  focusCancel = false,
}: {
  submitLabel: ReactNode;
  loading: boolean;
  onCancel: () => void;
  cancelLabel?: string;
  /** While the request runs, where leaving would lose its answer. */
  cancelDisabled?: boolean;
  danger?: boolean;
  /** A confirmation: the dialog opens on « Annuler ». */
  focusCancel?: boolean;
}) {
  return (
    <Group justify="flex-end" gap="sm" mt="xs">
      <Button
        variant="default"
        onClick={onCancel}
        disabled={cancelDisabled}
        data-autofocus={focusCancel || undefined}
      >
        {cancelLabel}
      </Button>
      <Button
        type="submit"
        loading={loading}
        color={danger ? 'red' : undefined}
        styles={{ label: { whiteSpace: 'normal' } }}
        h="auto"
        mih={36}
        py={6}
      >
        {submitLabel}
      </Button>
    </Group>
  );
}

/** What a dialog shows while its form's code (loaded when it opens) is on its way. */
export function FormLoading() {
  return (
    <Stack align="center" gap="sm" py="xl" role="status">
      <Loader aria-hidden />
      <Text size="sm">Chargement du formulaire…</Text>
    </Stack>
  );
}
