import { useId } from 'react';
import { Stack } from '@mantine/core';
import { RevealablePasswordInput } from '../../../components/revealable-password-input';
import { useAppForm } from '../../../lib/use-app-form';
import { PasswordConfirmRequestSchema } from '@affilia/shared/schemas/auth';
import { focusFirstInvalid } from '../../../lib/form-errors';
import { zodResolver } from '../../../lib/zod-resolver';
import { FormButtons } from '../../../components/form-parts';

/** « Confirmez votre mot de passe » before a change of second factor (SPEC §9). */
export function PasswordConfirmForm({
  submitLabel,
  loading,
  error,
  onSubmit,
  onCancel,
}: {
  submitLabel: string;
  loading: boolean;
  /** The server's message for the password field (wrong password). */
  error?: string | undefined;
  onSubmit: (password: string) => void;
  onCancel: () => void;
}) {
  const formId = useId();
  const form = useAppForm<{ password: string }>({
    mode: 'uncontrolled',
    initialValues: { password: '' },
    validate: zodResolver(PasswordConfirmRequestSchema),
  });
  const submit = form.onSubmit(
    (values) => {
      if (!loading) onSubmit(values.password);
    },
    () => focusFirstInvalid(formId),
  );
  return (
    <form id={formId} onSubmit={submit} noValidate>
      <Stack gap="md">
        <RevealablePasswordInput
          label="Mot de passe actuel"
          toggleLabel="le mot de passe"
          description="Par sécurité, confirmez d’abord votre mot de passe."
          autoComplete="current-password"
          required
          data-autofocus
          key={form.key('password')}
          {...form.getInputProps('password')}
          error={form.errors.password ?? error}
        />
        <FormButtons submitLabel={submitLabel} loading={loading} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
