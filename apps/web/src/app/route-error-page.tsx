import { Button, Group, Stack, Text, Title } from '@mantine/core';
import type { ErrorComponentProps } from '@tanstack/react-router';
import { useRouter } from '@tanstack/react-router';
import { isApiError } from '../lib/api';
import { useDocumentTitle } from '../lib/document-title';
import { PublicShell } from './layout/public-layout';

/**
 * What a page shows when it cannot load (server unreachable, unexpected answer, a chunk of the
 * app that failed to download after an update): a French explanation and « Réessayer ».
 */
export function RouteErrorPage({ error, reset }: ErrorComponentProps) {
  const router = useRouter();
  useDocumentTitle('Une erreur est survenue');
  const message = isApiError(error)
    ? error.message
    : 'La page n’a pas pu s’afficher. Vérifiez votre connexion internet puis réessayez.';
  return (
    <PublicShell>
      <Stack align="center" gap="md" py={64} ta="center">
        <Title order={1}>Une erreur est survenue</Title>
        <Text c="dimmed" maw={520}>
          {message}
        </Text>
        <Group>
          <Button
            onClick={() => {
              reset();
              void router.invalidate();
            }}
          >
            Réessayer
          </Button>
          <Button variant="default" component="a" href="/">
            Retour à l’accueil
          </Button>
        </Group>
      </Stack>
    </PublicShell>
  );
}
