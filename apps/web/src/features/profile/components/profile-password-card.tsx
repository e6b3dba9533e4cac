import { useState } from 'react';
import { Button, Text } from '@mantine/core';
import type { Me } from '@affilia/shared/schemas/auth';
import { LazyDialog } from '../../../components/lazy-dialog';
import { ProfileCard, WRAPPING } from './profile-card';

// The dialog and its form (zod, the password meter) load when it opens; the button fetches them
// as the pointer or the focus reaches it.
const loadForm = () => import('./profile-password-form').then((m) => m.PasswordChangeDialog);

/** « Mot de passe »: changed after the current one; the other sessions end (SPEC §9). */
export function ProfilePasswordCard({ me }: { me: Me }) {
  const [opened, setOpened] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const close = () => setOpened(false);
  return (
    <ProfileCard
      title="Mot de passe"
      action={
        <Button
          variant="default"
          onClick={() => {
            setFormKey((k) => k + 1);
            setOpened(true);
          }}
          onMouseEnter={() => void loadForm()}
          onFocus={() => void loadForm()}
          {...WRAPPING}
        >
          Modifier mon mot de passe
        </Button>
      }
    >
      <Text size="sm" c="gray.8">
        Choisissez un mot de passe d’au moins 12 caractères, que vous n’utilisez nulle part
        ailleurs.
      </Text>
      <LazyDialog opened={opened} load={loadForm}>
        {(PasswordChangeDialog, shown) => (
          <PasswordChangeDialog opened={shown} onClose={close} me={me} formKey={formKey} />
        )}
      </LazyDialog>
    </ProfileCard>
  );
}
