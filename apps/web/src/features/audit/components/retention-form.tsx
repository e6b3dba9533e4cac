import { useState } from 'react';
import { Alert, Button, Group, NumberInput, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { AuditRetentionSchema } from '@affilia/shared/schemas/audit';
import { errorMessage, fieldErrors } from '../../../lib/form-errors';
import type { useAuditRetention } from '../api/use-audit';
import { useUpdateAuditRetention } from '../api/use-audit';

/** The form of « Durée de conservation » (retention-panel.tsx), loaded after the journal. */
export function RetentionForm({ query }: { query: ReturnType<typeof useAuditRetention> }) {
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
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
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
  );
}
