import type { TextInputProps } from '@mantine/core';
import { TextInput } from '@mantine/core';

/** An email address to type: the email keyboard, no spelling check, no capital letter added. */
export function EmailInput(props: TextInputProps) {
  return (
    <TextInput
      label="Adresse e-mail"
      type="email"
      inputMode="email"
      spellCheck={false}
      autoCapitalize="none"
      required
      {...props}
    />
  );
}
