import type { ReactNode } from 'react';
import { Stack, Text, Textarea } from '@mantine/core';
import type { z } from 'zod';
import { Dialog } from '../../../components/dialog';
import { FormButtons, FormProblemAlert, useDialogForm } from '../../../components/form-parts';
import { useAppForm } from '../../../lib/use-app-form';
import { zodResolver } from '../../../lib/zod-resolver';

/*
 * A back-office decision that needs a reason (« Retourner à l’employeur » a radiation, « Refuser »
 * a dispense): what it does, the reason required (the shared schema's rule and message), then
 * the decision. Loaded with the page's dialogs, when one opens.
 */

export function ReasonDialog<Result>({
  title,
  intro,
  label,
  description,
  submitLabel,
  danger = false,
  schema,
  mutation,
  onClose,
  onDone,
}: {
  title: string;
  intro: ReactNode;
  label: string;
  description?: string;
  submitLabel: string;
  danger?: boolean;
  schema: z.ZodType<{ reason: string }, { reason: string }>;
  mutation: {
    isPending: boolean;
    mutate: (
      reason: string,
      options: { onSuccess: (result: Result) => void; onError: (error: unknown) => void },
    ) => void;
  };
  onClose: () => void;
  onDone: (result: Result) => void;
}) {
  const form = useAppForm({ initialValues: { reason: '' }, validate: zodResolver(schema) });
  const { formProps, problem } = useDialogForm({
    form,
    mutation,
    toInput: (values) => {
      const parsed = schema.safeParse(values);
      return parsed.success ? parsed.data.reason : null;
    },
    onDone: (result) => {
      form.reset();
      onDone(result);
    },
  });
  return (
    <Dialog opened onClose={() => !mutation.isPending && onClose()} title={title} size="lg">
      <form {...formProps}>
        <Stack gap="md">
          <FormProblemAlert problem={problem} />
          <Text size="sm">{intro}</Text>
          <Textarea
            label={label}
            description={description}
            required
            autosize
            minRows={4}
            maxLength={1000}
            data-autofocus
            {...form.getInputProps('reason')}
          />
          <FormButtons
            submitLabel={submitLabel}
            danger={danger}
            loading={mutation.isPending}
            onCancel={onClose}
            cancelDisabled={mutation.isPending}
          />
        </Stack>
      </form>
    </Dialog>
  );
}
