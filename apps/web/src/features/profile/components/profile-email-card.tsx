import { useState } from 'react';
import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconMailForward } from '@tabler/icons-react';
import type { Me } from '@affilia/shared/schemas/auth';
import { LazyDialog } from '../../../components/lazy-dialog';
import { ProfileCard, WRAPPING } from './profile-card';

// The dialog and its form (zod, Mantine's form) load when it opens; the button fetches them as
// the pointer or the focus reaches it.
const loadForm = () => import('./profile-email-form').then((m) => m.EmailChangeDialog);

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
        <Button
          variant="default"
          onClick={open}
          onMouseEnter={() => void loadForm()}
          onFocus={() => void loadForm()}
          {...WRAPPING}
        >
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
      <LazyDialog opened={opened} load={loadForm}>
        {(EmailChangeDialog, shown) => (
          <EmailChangeDialog
            opened={shown}
            onClose={() => setOpened(false)}
            sentTo={sentTo}
            onSent={setSentTo}
            formKey={formKey}
          />
        )}
      </LazyDialog>
    </ProfileCard>
  );
}
