import type { ReactNode, RefObject } from 'react';
import { useEffect } from 'react';
import { Alert, Button, Group } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';

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
  return (
    <Alert
      key={problem.id}
      role="alert"
      color="red"
      variant="light"
      icon={<IconAlertCircle aria-hidden />}
      title={problem.title}
    >
      {problem.message}
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

/** « Annuler » and the submit button, at the end of a dialog's form. */
export function FormButtons({
  submitLabel,
  loading,
  onCancel,
  danger = false,
  focusCancel = false,
}: {
  submitLabel: ReactNode;
  loading: boolean;
  onCancel: () => void;
  danger?: boolean;
  /** A confirmation: the dialog opens on « Annuler ». */
  focusCancel?: boolean;
}) {
  return (
    <Group justify="flex-end" gap="sm" mt="xs">
      <Button variant="default" onClick={onCancel} data-autofocus={focusCancel || undefined}>
        Annuler
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
