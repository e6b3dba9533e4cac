import { PasswordInput, Stack } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useState } from 'react';
import { PasswordField } from './password-field';

export interface NewPasswordValues {
  password: string;
  confirmPassword: string;
}

export const PASSWORDS_DIFFER = 'Les deux mots de passe ne sont pas identiques';

/** The confirmation check, added to the shared schema's validation. */
export function validateConfirmation(values: NewPasswordValues): Record<string, string> {
  if (values.confirmPassword === '') return { confirmPassword: 'Confirmez le mot de passe' };
  if (values.confirmPassword !== values.password) return { confirmPassword: PASSWORDS_DIFFER };
  return {};
}

/** « Mot de passe » with the strength meter, and « Confirmer le mot de passe ». */
export function NewPasswordFields<Values extends NewPasswordValues>({
  form,
  userInputs,
}: {
  form: UseFormReturnType<Values>;
  userInputs?: string[];
}) {
  const [confirmVisible, setConfirmVisible] = useState(false);
  return (
    <Stack gap="md">
      <PasswordField
        label="Mot de passe"
        required
        size="md"
        userInputs={userInputs}
        {...form.getInputProps('password')}
        value={form.values.password}
      />
      <PasswordInput
        label="Confirmer le mot de passe"
        autoComplete="new-password"
        required
        size="md"
        visible={confirmVisible}
        onVisibilityChange={setConfirmVisible}
        visibilityToggleFocusable
        visibilityToggleButtonProps={{
          'aria-label': `${confirmVisible ? 'Masquer' : 'Afficher'} la confirmation du mot de passe`,
          'aria-pressed': confirmVisible,
        }}
        {...form.getInputProps('confirmPassword')}
        aria-invalid={form.errors.confirmPassword ? true : undefined}
      />
    </Stack>
  );
}
