import { useState } from 'react';
import { Alert, Box, Button, Checkbox, Group, Loader, Stack, Text } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { IconAlertCircle } from '@tabler/icons-react';
import { paths } from '../../../config/paths';
import { errorCode, errorMessage } from '../../../lib/form-errors';
import { formatDateTime } from '../../../lib/format-date';
import { safeRedirect } from '../../../lib/safe-redirect';
import { useCurrentTerms } from '../api/use-activation';
import { useMe } from '../../../lib/use-me';
import { useSignOut } from '../api/use-sign-out';
import { useAcceptTerms } from '../api/use-terms-update';
import { AuthCard } from '../../../components/auth-card';
import { TermsBox } from '../components/terms-box';

/**
 * `/conditions-utilisation`: after the insurer published a new version of the terms of use, the
 * employer user reads it and accepts it before going on (« J'accepte »).
 */
export function TermsUpdatePage() {
  const search: { redirect?: string } = useSearch({ strict: false });
  const navigate = useNavigate();
  const me = useMe();
  const terms = useCurrentTerms();
  const accept = useAcceptTerms(me.data?.id ?? '');
  const signOut = useSignOut('employer');
  const [checked, setChecked] = useState(false);
  const [checkError, setCheckError] = useState<string | null>(null);

  if (me.isPending) {
    return (
      <Group justify="center" p="xl" role="status">
        <Loader size="sm" aria-hidden />
        <Text size="sm">Chargement…</Text>
      </Group>
    );
  }
  if (!me.data || me.data.kind !== 'employer') {
    return (
      <AuthCard title="Conditions d’utilisation mises à jour">
        <Text>Connectez-vous pour lire et accepter les nouvelles conditions d’utilisation.</Text>
        <Button onClick={() => void navigate({ to: paths.signIn })}>Se connecter</Button>
      </AuthCard>
    );
  }

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!terms.data || accept.isPending) return;
    if (!checked) {
      setCheckError('Cochez la case pour accepter les conditions d’utilisation');
      return;
    }
    accept.mutate(terms.data.id, {
      onSuccess: () =>
        void navigate({ href: safeRedirect(search.redirect, paths.home), replace: true }),
      onError: (error) => {
        // A newer version was published meanwhile: show it.
        if (errorCode(error) === 'terms_outdated') void terms.refetch();
      },
    });
  };

  return (
    <Box py={{ base: 0, md: 'xl' }}>
      <AuthCard
        size="md"
        eyebrow="Avant de continuer"
        title="Conditions d’utilisation mises à jour"
        description={
          terms.data
            ? `${terms.data.title} — version ${terms.data.version} publiée le ${formatDateTime(terms.data.publishedAt)}. Lisez-les puis acceptez-les pour accéder à votre espace.`
            : 'Lisez-les puis acceptez-les pour accéder à votre espace.'
        }
      >
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <TermsBox query={terms} />
            {accept.isError ? (
              <Alert
                role="alert"
                color="red"
                variant="light"
                icon={<IconAlertCircle aria-hidden />}
              >
                {errorMessage(accept.error)}
              </Alert>
            ) : null}
            <Checkbox
              label="J’ai lu et j’accepte les conditions d’utilisation"
              checked={checked}
              onChange={(e) => {
                setChecked(e.currentTarget.checked);
                setCheckError(null);
              }}
              error={checkError}
            />
            <Group justify="space-between">
              <Button variant="subtle" onClick={() => signOut.mutate()} loading={signOut.isPending}>
                Se déconnecter
              </Button>
              <Button type="submit" loading={accept.isPending} disabled={!terms.data}>
                J’accepte
              </Button>
            </Group>
          </Stack>
        </form>
      </AuthCard>
    </Box>
  );
}
