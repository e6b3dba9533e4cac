import { useId, useState } from 'react';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconMailForward } from '@tabler/icons-react';
import { useAppForm } from '../../../lib/use-app-form';
import { ChangeEmailRequestSchema } from '@affilia/shared/schemas/profile';
import { errorMessage, fieldErrors, focusFirstInvalid } from '../../../lib/form-errors';
import { zodResolver } from '../../../lib/zod-resolver';
import { useRequestEmailChange } from '../api/use-profile';
import { CurrentPasswordInput } from './current-password-input';
import { EmailInput } from '../../../components/email-input';
import { FormAlert, FormButtons } from '../../../components/form-parts';
import { Dialog } from '../../../components/dialog';

// « Modifier mon adresse e-mail » (profile-email-card.tsx), loaded when the dialog opens.

function LinkSent({ sentTo }: { sentTo: string }) {
  return (
    <>
      Un lien de confirmation a été envoyé à{' '}
      <Text span fw={700} style={{ overflowWrap: 'anywhere' }}>
        {sentTo}
      </Text>
      . Ouvrez-le dans les 24 heures : votre adresse changera à ce moment-là. D’ici là, continuez à
      utiliser votre adresse actuelle.
    </>
  );
}

function EmailChangeForm({
  onSent,
  onCancel,
}: {
  onSent: (to: string) => void;
  onCancel: () => void;
}) {
  const request = useRequestEmailChange();
  const formId = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useAppForm<{ newEmail: string; password: string }>({
    initialValues: { newEmail: '', password: '' },
    validate: zodResolver(ChangeEmailRequestSchema),
  });
  const submit = form.onSubmit(
    (values) => {
      const parsed = ChangeEmailRequestSchema.safeParse(values);
      if (!parsed.success || request.isPending) return;
      setProblem(null);
      request.mutate(parsed.data, {
        onSuccess: (result) => onSent(result.sentTo),
        onError: (error) => {
          const fields = fieldErrors(error);
          if (fields.newEmail || fields.password) {
            // A new value clears the field's error: empty the field first.
            if (fields.password) form.setFieldValue('password', '');
            form.setErrors(fields);
            focusFirstInvalid(formId);
          } else {
            setProblem(errorMessage(error));
          }
        },
      });
    },
    () => focusFirstInvalid(formId),
  );
  return (
    <form id={formId} onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">
          Nous enverrons un lien de confirmation à la nouvelle adresse, et un message d’information
          à votre adresse actuelle.
        </Text>
        <FormAlert message={problem} />
        <EmailInput
          label="Nouvelle adresse e-mail"
          autoComplete="email"
          data-autofocus
          {...form.getInputProps('newEmail')}
        />
        <CurrentPasswordInput
          description="Par sécurité, confirmez votre mot de passe."
          {...form.getInputProps('password')}
        />
        <FormButtons
          submitLabel="Envoyer le lien"
          loading={request.isPending}
          onCancel={onCancel}
        />
      </Stack>
    </form>
  );
}

/** The dialog: the form, then the link sent (`sentTo`); the form starts afresh with each `formKey`. */
export function EmailChangeDialog({
  opened,
  onClose,
  sentTo,
  onSent,
  formKey,
}: {
  opened: boolean;
  onClose: () => void;
  sentTo: string | null;
  onSent: (to: string) => void;
  formKey: number;
}) {
  return (
    <Dialog opened={opened} onClose={onClose} title="Modifier mon adresse e-mail">
      <Stack gap="md">
        <div role="status">
          {sentTo ? (
            <Alert color="teal" variant="light" icon={<IconMailForward aria-hidden />}>
              <LinkSent sentTo={sentTo} />
            </Alert>
          ) : null}
        </div>
        {sentTo ? (
          <Group justify="flex-end">
            {/* The form's button is gone: the focus goes to the way out. */}
            <Button autoFocus onClick={onClose}>
              J’ai compris
            </Button>
          </Group>
        ) : (
          <EmailChangeForm key={formKey} onSent={onSent} onCancel={onClose} />
        )}
      </Stack>
    </Dialog>
  );
}
