import { useId, useState } from 'react';
import { Button, Code, CopyButton, Group, Image, Stack, Text, TextInput } from '@mantine/core';
import { useAppForm } from '../../../lib/use-app-form';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { TotpEnableRequestSchema } from '@affilia/shared/schemas/auth';
import { errorMessage, fieldErrors, focusFirstInvalid } from '../../../lib/form-errors';
import { zodResolver } from '../../../lib/zod-resolver';
import type { TotpSetupResult } from '../api/use-security';
import { useEnableTotp, useSetupTotp } from '../api/use-security';
import { PasswordConfirmForm } from './password-confirm-form';
import { RecoveryCodes } from './recovery-codes';
import { Dialog } from '../../../components/dialog';
import { FormButtons } from '../../../components/form-parts';

/** « ABCD EFGH IJKL… »: the secret in groups of four, easier to type. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

function ScanStep({
  setup,
  onEnabled,
  onCancel,
}: {
  setup: TotpSetupResult;
  onEnabled: (codes: string[]) => void;
  onCancel: () => void;
}) {
  const enable = useEnableTotp();
  const formId = useId();
  const form = useAppForm<{ code: string }>({
    mode: 'uncontrolled',
    initialValues: { code: '' },
    validate: zodResolver(TotpEnableRequestSchema),
  });
  const submit = form.onSubmit(
    (values) => {
      const parsed = TotpEnableRequestSchema.safeParse(values);
      if (!parsed.success || enable.isPending) return;
      enable.mutate(parsed.data, {
        onSuccess: (result) => onEnabled(result.recoveryCodes),
        onError: (error) => {
          form.setErrors({ code: errorMessage(error), ...fieldErrors(error) });
          focusFirstInvalid(formId);
        },
      });
    },
    () => focusFirstInvalid(formId),
  );
  return (
    <Stack gap="md">
      <Text size="sm">
        1. Ouvrez votre application d’authentification (par exemple Google Authenticator, Microsoft
        Authenticator, FreeOTP ou celle de votre gestionnaire de mots de passe), puis scannez ce QR
        code.
      </Text>
      <Image
        src={setup.qrCodeDataUrl}
        alt="QR code à scanner avec votre application d’authentification"
        w={200}
        h={200}
        mx="auto"
      />
      <Stack gap={4}>
        <Text size="sm">Vous ne pouvez pas scanner ? Saisissez cette clé dans l’application :</Text>
        <Group gap="xs" wrap="nowrap">
          <Code fz="sm" style={{ wordBreak: 'break-all' }} aria-label="Clé secrète">
            {groupSecret(setup.secret)}
          </Code>
          <CopyButton value={setup.secret}>
            {({ copied, copy }) => (
              <Button
                size="compact-sm"
                variant="subtle"
                onClick={copy}
                leftSection={
                  copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />
                }
              >
                {copied ? 'Copiée' : 'Copier la clé'}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Stack>
      <form id={formId} onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label="2. Saisissez le code à 6 chiffres affiché par l’application"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            required
            key={form.key('code')}
            {...form.getInputProps('code')}
          />
          <FormButtons submitLabel="Activer" loading={enable.isPending} onCancel={onCancel} />
        </Stack>
      </form>
    </Stack>
  );
}

/**
 * « Utiliser une application d'authentification »: password, then the QR code and the secret,
 * then the first code; the 10 recovery codes are shown once at the end.
 */
export function TotpSetupModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const setupTotp = useSetupTotp();
  const [setup, setSetup] = useState<TotpSetupResult | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [passwordError, setPasswordError] = useState<string>();

  const close = () => {
    onClose();
    setSetup(null);
    setCodes(null);
    setPasswordError(undefined);
    setupTotp.reset();
  };

  let title = 'Utiliser une application d’authentification';
  let body;
  if (codes) {
    title = 'Vos codes de secours';
    body = (
      <Stack gap="md">
        <Text role="status">
          L’application d’authentification est activée : elle vous donnera désormais le code de
          chaque connexion, à la place du SMS.
        </Text>
        <RecoveryCodes codes={codes} />
        <Group justify="flex-end">
          <Button onClick={close}>J’ai conservé mes codes</Button>
        </Group>
      </Stack>
    );
  } else if (setup) {
    body = <ScanStep setup={setup} onEnabled={setCodes} onCancel={close} />;
  } else {
    body = (
      <Stack gap="md">
        <Text size="sm">
          Une application d’authentification sur votre téléphone donne un nouveau code toutes les 30
          secondes, même sans réseau. C’est plus sûr que le SMS.
        </Text>
        <PasswordConfirmForm
          submitLabel="Continuer"
          loading={setupTotp.isPending}
          error={passwordError}
          onCancel={close}
          onSubmit={(password) => {
            setPasswordError(undefined);
            setupTotp.mutate(
              { password },
              {
                onSuccess: setSetup,
                onError: (error) =>
                  setPasswordError(fieldErrors(error).password ?? errorMessage(error)),
              },
            );
          }}
        />
      </Stack>
    );
  }

  return (
    <Dialog
      opened={opened}
      onClose={codes ? () => undefined : close}
      withCloseButton={!codes}
      closeOnClickOutside={!codes}
      closeOnEscape={!codes}
      size="lg"
      fullScreen={false}
      title={title}
    >
      {body}
    </Dialog>
  );
}
