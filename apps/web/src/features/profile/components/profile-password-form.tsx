import { useId, useState } from 'react';
import { Stack, Text } from '@mantine/core';
import { RevealablePasswordInput } from '../../../components/revealable-password-input';
import { useAppForm } from '../../../lib/use-app-form';
import { z } from 'zod';
import type { Me } from '@affilia/shared/schemas/auth';
import { NewPasswordSchema } from '@affilia/shared/schemas/auth';
import { CurrentPasswordSchema, SAME_PASSWORD } from '@affilia/shared/schemas/profile';
import { PasswordField } from '../../../components/password-field';
import { errorMessage, fieldErrors, focusFirstInvalid } from '../../../lib/form-errors';
import { zodResolver } from '../../../lib/zod-resolver';
import { validateConfirmation } from '../../../components/new-password-fields';
import { useChangePassword } from '../api/use-profile';
import { CurrentPasswordInput } from './current-password-input';
import { notifySuccess } from './profile-card';
import { FormAlert, FormButtons } from '../../../components/form-parts';
import { Dialog } from '../../../components/dialog';

// « Modifier mon mot de passe » (profile-password-card.tsx), loaded when the dialog opens.

interface Values {
  currentPassword: string;
  password: string;
  confirmPassword: string;
}

const PasswordFormSchema = z.object({
  currentPassword: CurrentPasswordSchema,
  password: NewPasswordSchema,
});

function validate(values: Values): Record<string, string> {
  const errors: Record<string, string> = {
    ...zodResolver(PasswordFormSchema)(values),
  } as Record<string, string>;
  if (!errors.password && values.password !== '' && values.password === values.currentPassword)
    errors.password = SAME_PASSWORD;
  return { ...errors, ...validateConfirmation(values) };
}

function endedMessage(ended: number): string {
  if (ended === 0) return 'Votre mot de passe a été modifié.';
  return ended === 1
    ? 'Votre mot de passe a été modifié. Votre autre session ouverte a été fermée.'
    : `Votre mot de passe a été modifié. Vos ${ended} autres sessions ouvertes ont été fermées.`;
}

function PasswordChangeForm({ me, onDone }: { me: Me; onDone: () => void }) {
  const change = useChangePassword();
  const formId = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useAppForm<Values>({
    initialValues: { currentPassword: '', password: '', confirmPassword: '' },
    validate,
  });
  const submit = form.onSubmit(
    (values) => {
      if (change.isPending) return;
      setProblem(null);
      change.mutate(
        { currentPassword: values.currentPassword, newPassword: values.password },
        {
          onSuccess: (result) => {
            notifySuccess(endedMessage(result.endedSessions));
            onDone();
          },
          onError: (error) => {
            const fields = fieldErrors(error);
            const errors: Record<string, string> = {};
            if (fields.currentPassword) errors.currentPassword = fields.currentPassword;
            if (fields.newPassword) errors.password = fields.newPassword;
            if (Object.keys(errors).length > 0) {
              // A new value clears the field's error: empty the password first.
              if (errors.currentPassword) form.setFieldValue('currentPassword', '');
              form.setErrors(errors);
              focusFirstInvalid(formId);
            } else {
              setProblem(errorMessage(error));
            }
          },
        },
      );
    },
    () => focusFirstInvalid(formId),
  );
  return (
    <form id={formId} onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">
          Vos autres sessions ouvertes seront fermées ; celle-ci reste ouverte. Un message vous
          confirmera le changement par e-mail.
        </Text>
        <FormAlert message={problem} />
        <CurrentPasswordInput data-autofocus {...form.getInputProps('currentPassword')} />
        <PasswordField
          label="Nouveau mot de passe"
          toggleLabel="le nouveau mot de passe"
          required
          userInputs={[me.firstName, me.lastName, me.email]}
          {...form.getInputProps('password')}
          value={form.values.password}
        />
        <RevealablePasswordInput
          label="Confirmer le nouveau mot de passe"
          toggleLabel="la confirmation du mot de passe"
          autoComplete="new-password"
          required
          {...form.getInputProps('confirmPassword')}
        />
        <FormButtons
          submitLabel="Enregistrer le mot de passe"
          loading={change.isPending}
          onCancel={onDone}
        />
      </Stack>
    </form>
  );
}

/** The dialog: its form starts afresh with each `formKey`. */
export function PasswordChangeDialog({
  opened,
  onClose,
  me,
  formKey,
}: {
  opened: boolean;
  onClose: () => void;
  me: Me;
  formKey: number;
}) {
  return (
    <Dialog opened={opened} onClose={onClose} title="Modifier mon mot de passe">
      <PasswordChangeForm key={formKey} me={me} onDone={onClose} />
    </Dialog>
  );
}
