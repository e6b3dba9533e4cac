import { useState } from 'react';
import { Button, Stack, Text } from '@mantine/core';
import type { Me } from '@affilia/shared/schemas/auth';
import { LazyDialog } from '../../../components/lazy-dialog';
import { ProfileCard, WRAPPING } from './profile-card';

// The dialog and its forms (zod, the SMS code's parts, the number's check) load when it opens;
// the button fetches them as the pointer or the focus reaches it.
const loadSteps = () => import('./profile-phone-steps').then((m) => m.PhoneChangeDialog);

/** « Téléphone mobile »: the number of the SMS codes, changed with a code sent to the new one. */
export function ProfilePhoneCard({ me }: { me: Me }) {
  const [opened, setOpened] = useState(false);
  const [stepsKey, setStepsKey] = useState(0);
  const open = () => {
    setStepsKey((k) => k + 1);
    setOpened(true);
  };
  const close = () => setOpened(false);
  return (
    <ProfileCard
      title="Téléphone mobile"
      action={
        <Button
          variant="default"
          onClick={open}
          onMouseEnter={() => void loadSteps()}
          onFocus={() => void loadSteps()}
          {...WRAPPING}
        >
          {me.maskedPhone ? 'Modifier mon numéro' : 'Indiquer mon numéro'}
        </Button>
      }
    >
      <Stack gap={4}>
        <Text fw={600} style={{ whiteSpace: 'nowrap' }}>
          {me.maskedPhone ?? 'Aucun numéro enregistré'}
        </Text>
        <Text size="sm" c="gray.8">
          {me.secondFactor === 'totp'
            ? 'Vous utilisez une application d’authentification : ce numéro servira si vous revenez aux codes par SMS.'
            : 'Les codes de connexion vous sont envoyés par SMS à ce numéro.'}
        </Text>
      </Stack>
      <LazyDialog opened={opened} load={loadSteps}>
        {(PhoneChangeDialog, shown) => (
          <PhoneChangeDialog
            opened={shown}
            onClose={close}
            title={me.maskedPhone ? 'Modifier mon numéro' : 'Indiquer mon numéro'}
            stepsKey={stepsKey}
          />
        )}
      </LazyDialog>
    </ProfileCard>
  );
}
