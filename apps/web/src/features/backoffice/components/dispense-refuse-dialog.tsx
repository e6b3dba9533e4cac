import { Stack, Text, Textarea } from '@mantine/core';
import { DispenseRefuseSchema } from '@affilia/shared/schemas/dispenses';
import { Dialog } from '../../../components/dialog';
import { FormButtons, FormProblemAlert, useDialogForm } from '../../../components/form-parts';
import { useAppForm } from '../../../lib/use-app-form';
import { zodResolver } from '../../../lib/zod-resolver';
import type { BackofficeDispense } from '../api/use-backoffice-dispenses';
import { useRefuseDispense } from '../api/use-backoffice-dispenses';

/*
 * « Refuser » a request of dispense, in its dialog: loaded when it opens (zod, the shared schema
 * and the form code stay off the page's first load).
 */

/** What the refusal does: a first request goes back to the employee, a renewal is only refused. */
export function refusalConsequence(detail: BackofficeDispense): string {
  return detail.isRenewal
    ? 'Le renouvellement est refusé : la dispense en cours reste valable jusqu’à son échéance. Le salarié reçoit le motif par e-mail et peut envoyer un nouveau justificatif avec le lien de renouvellement ; l’employeur est informé.'
    : 'La demande est retournée au salarié avec le motif : il reçoit par e-mail un nouveau lien vers son formulaire pour adhérer ou corriger son justificatif. L’employeur est informé.';
}

export function RefuseDispenseDialog({
  detail,
  onClose,
  onDone,
}: {
  detail: BackofficeDispense;
  onClose: () => void;
  onDone: (detail: BackofficeDispense) => void;
}) {
  const refuse = useRefuseDispense(detail.id);
  const form = useAppForm({
    initialValues: { reason: '' },
    validate: zodResolver(DispenseRefuseSchema),
  });
  const { formProps, problem } = useDialogForm({
    form,
    mutation: refuse,
    toInput: (values) => {
      const parsed = DispenseRefuseSchema.safeParse(values);
      return parsed.success ? parsed.data.reason : null;
    },
    onDone: (result) => {
      form.reset();
      onDone(result);
    },
  });
  return (
    <Dialog
      opened
      onClose={() => !refuse.isPending && onClose()}
      title="Refuser la dispense"
      size="lg"
    >
      <form {...formProps}>
        <Stack gap="md">
          <FormProblemAlert problem={problem} />
          <Text size="sm">{refusalConsequence(detail)}</Text>
          <Textarea
            label="Motif du refus"
            description="Il est envoyé au salarié et à l’employeur."
            required
            autosize
            minRows={4}
            maxLength={1000}
            data-autofocus
            {...form.getInputProps('reason')}
          />
          <FormButtons
            submitLabel="Refuser la dispense"
            danger
            loading={refuse.isPending}
            onCancel={onClose}
            cancelDisabled={refuse.isPending}
          />
        </Stack>
      </form>
    </Dialog>
  );
}
