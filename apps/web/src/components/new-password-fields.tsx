import { Stack } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { PasswordField } from './password-field';
import { RevealablePasswordInput } from './revealable-password-input';

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

/**
 * « Mot de passe » with the strength meter, and « Confirmer le mot de passe »; the account's
 * address, hidden, lets password managers file the new password under the right account.
 */
export function NewPasswordFields<Values extends NewPasswordValues>({
  form,
  account,
  userInputs,
}: {
  form: UseFormReturnType<Values>;
  /** The account's address (its sign-in). */
  account: string;
  userInputs?: string[];
}) {
  return (
    <Stack gap="md">
      <input type="email" name="username" autoComplete="username" value={account} readOnly hidden />
      <PasswordField
        label="Mot de passe"
        required
        size="md"
        userInputs={userInputs}
        {...form.getInputProps('password')}
        value={form.values.password}
      />
      <RevealablePasswordInput
        label="Confirmer le mot de passe"
        toggleLabel="la confirmation du mot de passe"
        autoComplete="new-password"
        required
        size="md"
        {...form.getInputProps('confirmPassword')}
      />
    </Stack>
  );
}
