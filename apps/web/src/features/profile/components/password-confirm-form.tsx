import { useId, useState } from 'react';
import { Button, Group, PasswordInput, Stack } from '@mantine/core';
import { useAppForm } from '../../../lib/use-app-form';
import { PasswordConfirmRequestSchema } from '@affilia/shared/schemas/auth';
import { focusFirstInvalid } from '../../../lib/form-errors';
import { zodResolver } from '../../../lib/zod-resolver';

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
  const [visible, setVisible] = useState(false);
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
        <PasswordInput
          label="Mot de passe actuel"
          description="Par sécurité, confirmez d’abord votre mot de passe."
          autoComplete="current-password"
          required
          data-autofocus
          visible={visible}
          onVisibilityChange={setVisible}
          visibilityToggleFocusable
          visibilityToggleButtonProps={{
            'aria-label': visible ? 'Masquer le mot de passe' : 'Afficher le mot de passe',
            'aria-pressed': visible,
          }}
          key={form.key('password')}
          {...form.getInputProps('password')}
          error={form.errors.password ?? error}
          aria-invalid={form.errors.password || error ? true : undefined}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Annuler
          </Button>
          <Button type="submit" loading={loading}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
