import { useState } from 'react';
import { Alert, Button, Group, NumberInput, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { AuditRetentionSchema } from '@affilia/shared/schemas/audit';
import { errorMessage, fieldErrors } from '../../../lib/form-errors';
import { useAuditRetention, useUpdateAuditRetention } from '../api/use-audit';

/** « Durée de conservation » (administrators): the `audit.purge` job deletes older lines. */
export function RetentionPanel() {
  const query = useAuditRetention();
  // A new form once the stored value is known.
  return <RetentionForm key={query.isPending ? 'loading' : 'loaded'} query={query} />;
}

function RetentionForm({ query }: { query: ReturnType<typeof useAuditRetention> }) {
  const update = useUpdateAuditRetention();
  const [days, setDays] = useState<number | string>(query.data?.days ?? '');
  const [error, setError] = useState<string | null>(null);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const parsed = AuditRetentionSchema.safeParse({ days: days === '' ? undefined : days });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Valeur invalide');
      return;
    }
    setError(null);
    update.mutate(parsed.data.days, {
      onSuccess: (saved) =>
        notifications.show({
          color: 'teal',
          title: 'Durée de conservation enregistrée',
          message: `Les lignes de plus de ${saved.days} jours seront supprimées lors de la prochaine purge.`,
          closeButtonProps: { 'aria-label': 'Fermer la notification' },
        }),
      onError: (e) => setError(fieldErrors(e).days ?? errorMessage(e)),
    });
  };

  return (
    <Paper withBorder radius="md" p="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} fz="lg">
            Durée de conservation
          </Title>
          <Text size="sm" c="dimmed">
            Les lignes plus anciennes sont supprimées automatiquement, ainsi que les rapports
            d’import conservés. De 30 jours à 10 ans (3 650 jours).
          </Text>
          {query.isError ? (
            <Alert color="red" variant="light" role="alert" icon={<IconAlertCircle aria-hidden />}>
              {errorMessage(query.error)}
            </Alert>
          ) : null}
          <Group align="flex-start" gap="sm">
            <NumberInput
              label="Conserver pendant (jours)"
              min={30}
              max={3650}
              allowDecimal={false}
              value={days}
              onChange={(v) => {
                setDays(v);
                setError(null);
              }}
              error={error}
              disabled={query.isPending}
              w={{ base: '100%', sm: 240 }}
            />
            <Button type="submit" mt={{ base: 0, sm: 25 }} loading={update.isPending}>
              Enregistrer
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
