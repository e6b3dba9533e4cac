import type { PasswordInputProps } from '@mantine/core';
import { RevealablePasswordInput } from '../../../components/revealable-password-input';

// Apart from profile-card.tsx: only the dialogs' forms, loaded when one opens, show it.

/** « Mot de passe actuel », asked again before a sensitive change (SPEC §9). */
export function CurrentPasswordInput(
  props: Omit<PasswordInputProps, 'visible' | 'onVisibilityChange'>,
) {
  return (
    <RevealablePasswordInput
      label="Mot de passe actuel"
      toggleLabel="le mot de passe actuel"
      autoComplete="current-password"
      spellCheck={false}
      autoCapitalize="none"
      required
      {...props}
    />
  );
}
