import { useState } from 'react';
import type { PasswordInputProps } from '@mantine/core';
import { PasswordInput } from '@mantine/core';

/**
 * A password field whose « Afficher » toggle is a named, focusable button that says whether it is
 * pressed; the field tells screen readers when it is in error (Mantine marks only the inner input).
 */
export function RevealablePasswordInput({
  toggleLabel,
  ...props
}: Omit<PasswordInputProps, 'visible' | 'onVisibilityChange'> & {
  /** What the toggle shows or hides, e.g. « le mot de passe » (« Afficher le mot de passe »). */
  toggleLabel: string;
}) {
  const [visible, setVisible] = useState(false);
  return (
    <PasswordInput
      visible={visible}
      onVisibilityChange={setVisible}
      visibilityToggleFocusable
      visibilityToggleButtonProps={{
        'aria-label': `${visible ? 'Masquer' : 'Afficher'} ${toggleLabel}`,
        'aria-pressed': visible,
      }}
      {...props}
      aria-invalid={props.error ? true : undefined}
    />
  );
}
