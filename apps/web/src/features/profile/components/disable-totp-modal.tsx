import { useState } from 'react';
import { Stack, Text } from '@mantine/core';
import { Dialog } from '../../../components/dialog';
import { errorMessage, fieldErrors } from '../../../lib/form-errors';
import { useDisableTotp } from '../api/use-security';
import { PasswordConfirmForm } from './password-confirm-form';

/** « Revenir aux codes par SMS » (security-section.tsx), loaded when it opens. */
export function DisableTotpModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const disable = useDisableTotp();
  const [error, setError] = useState<string>();
  const close = () => {
    setError(undefined);
    disable.reset();
    onClose();
  };
  return (
    <Dialog opened={opened} onClose={close} size="md" title="Revenir aux codes par SMS">
      <Stack gap="md">
        <Text size="sm">
          Le code de chaque connexion vous sera de nouveau envoyé par SMS. Vos codes de secours ne
          seront plus valables.
        </Text>
        <PasswordConfirmForm
          submitLabel="Revenir aux codes par SMS"
          loading={disable.isPending}
          error={error}
          onCancel={close}
          onSubmit={(password) => {
            setError(undefined);
            disable.mutate(
              { password },
              {
                onSuccess: close,
                onError: (e) => setError(fieldErrors(e).password ?? errorMessage(e)),
              },
            );
          }}
        />
      </Stack>
    </Dialog>
  );
}
