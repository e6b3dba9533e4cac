import { useState } from 'react';
import { Alert, Button, Checkbox, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { NOTIFICATION_TYPE_LABELS, NOTIFICATION_TYPES } from '@affilia/shared/domain/notifications';
import {
  useNotificationPreferences,
  useSaveNotificationPreferences,
  type NotificationPreferences as Preferences,
} from '../api/use-notifications';

/** « Préférences »: which notification types also come by email (SPEC §5.8). */
export function NotificationPreferences() {
  const query = useNotificationPreferences();
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="preferences-title">
      <Stack gap="md">
        <Title order={2} size="h3" id="preferences-title">
          Préférences
        </Title>
        <Text size="sm">
          Toutes les notifications s’affichent ici. Choisissez celles que vous recevez aussi par
          e-mail.
        </Text>
        {query.isError ? (
          <Alert color="red" role="alert">
            Vos préférences n’ont pas pu être chargées. Réessayez plus tard.
          </Alert>
        ) : null}
        {query.data ? (
          <PreferencesForm initial={query.data.email} />
        ) : query.isError ? null : (
          <Loader size="sm" aria-label="Chargement des préférences" />
        )}
      </Stack>
    </Paper>
  );
}

function PreferencesForm({ initial }: { initial: Preferences['email'] }) {
  const save = useSaveNotificationPreferences();
  const [email, setEmail] = useState(initial);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ email });
      }}
    >
      <Stack gap="md">
        {NOTIFICATION_TYPES.map((type) => (
          <fieldset key={type} style={{ border: 0, margin: 0, padding: 0 }}>
            <legend style={{ padding: 0 }}>
              <Text fw={600} size="sm">
                {NOTIFICATION_TYPE_LABELS[type]}
              </Text>
            </legend>
            <Checkbox
              mt={6}
              label="Recevoir aussi par e-mail"
              checked={email[type]}
              onChange={(e) => {
                const checked = e.currentTarget.checked;
                setEmail((prev) => ({ ...prev, [type]: checked }));
              }}
            />
          </fieldset>
        ))}
        {save.isError ? (
          <Alert color="red" role="alert">
            {save.error.message}
          </Alert>
        ) : null}
        <Group gap="sm">
          <Button type="submit" loading={save.isPending}>
            Enregistrer mes préférences
          </Button>
          <Text size="sm" role="status" aria-live="polite">
            {save.isSuccess && !save.isPending ? 'Vos préférences sont enregistrées.' : ''}
          </Text>
        </Group>
      </Stack>
    </form>
  );
}
