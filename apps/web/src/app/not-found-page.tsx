import { Stack, Text, Title } from '@mantine/core';
import { ButtonLink } from '../components/links';
import { paths } from '../config/paths';
import { useDocumentTitle } from '../lib/document-title';
import { PublicShell } from './layout/public-layout';

/** Any address that matches no route. */
export function NotFoundPage() {
  useDocumentTitle('Page introuvable');
  return (
    <PublicShell>
      <Stack align="center" gap="md" py={64} ta="center">
        <Text fw={800} fz={64} lh={1} c="brand.6" aria-hidden>
          404
        </Text>
        <Title order={1}>Page introuvable</Title>
        <Text c="dimmed" maw={480}>
          L’adresse demandée n’existe pas ou n’est plus disponible. Vérifiez-la, ou revenez à
          l’accueil de votre Espace Entreprise.
        </Text>
        <ButtonLink to={paths.home} size="md">
          Retour à l’accueil
        </ButtonLink>
      </Stack>
    </PublicShell>
  );
}
