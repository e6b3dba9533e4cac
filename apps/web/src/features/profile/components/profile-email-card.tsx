import { useId, useState } from 'react';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useAppForm } from '../../../lib/use-app-form';
import { IconMailForward } from '@tabler/icons-react';
import type { Me } from '@affilia/shared/schemas/auth';
import { ChangeEmailRequestSchema } from '@affilia/shared/schemas/profile';
import { errorMessage, fieldErrors, focusFirstInvalid } from '../../../lib/form-errors';
import { zodResolver } from '../../../lib/zod-resolver';
import { useRequestEmailChange } from '../api/use-profile';
import { CurrentPasswordInput, ProfileCard, WRAPPING } from './profile-card';
import { EmailInput } from '../../../components/email-input';
import { FormAlert, FormButtons } from '../../../components/form-parts';
import { Dialog } from '../../../components/dialog';

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

/** « Adresse e-mail »: the change is confirmed by a link sent to the new address (SPEC §4.4). */
export function ProfileEmailCard({ me }: { me: Me }) {
  const [opened, setOpened] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);
  /** Remounts the form at each opening, empty. */
  const [formKey, setFormKey] = useState(0);
  const open = () => {
    setSentTo(null);
    setFormKey((k) => k + 1);
    setOpened(true);
  };
  return (
    <ProfileCard
      title="Adresse e-mail"
      action={
        <Button variant="default" onClick={open} {...WRAPPING}>
          Modifier mon adresse e-mail
        </Button>
      }
    >
      <Stack gap={4}>
        <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
          {me.email}
        </Text>
        <Text size="sm" c="gray.8">
          Votre identifiant de connexion, où vous recevez les messages du portail.
        </Text>
      </Stack>
      {/* Stays in the page after the modal closes (the modal announced it already). */}
      {sentTo && !opened ? (
        <Alert color="blue" variant="light" icon={<IconMailForward aria-hidden />}>
          Lien de confirmation envoyé à{' '}
          <Text span fw={700} style={{ overflowWrap: 'anywhere' }}>
            {sentTo}
          </Text>{' '}
          (valable 24 heures).
        </Alert>
      ) : null}
      <Dialog opened={opened} onClose={() => setOpened(false)} title="Modifier mon adresse e-mail">
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
              <Button autoFocus onClick={() => setOpened(false)}>
                J’ai compris
              </Button>
            </Group>
          ) : (
            <EmailChangeForm key={formKey} onSent={setSentTo} onCancel={() => setOpened(false)} />
          )}
        </Stack>
      </Dialog>
    </ProfileCard>
  );
}
