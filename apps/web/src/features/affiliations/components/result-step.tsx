import { Alert, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconDownload, IconMailCheck, IconPrinter, IconUserPlus } from '@tabler/icons-react';
import { ButtonLink } from '../../../components/links';
import { paths } from '../../../config/paths';
import type { AffiliationDetail } from '../api/use-affiliations';
import { biaPdfUrl } from '../api/use-affiliations';
import { employeeName } from '../format';

/**
 * Step 3 « Communication au salarié pour finaliser sa procédure d'affiliation »: the email sent
 * (mode Email), or the pre-filled BIA to print and hand over (mode Courrier).
 */
export function ResultStep({
  result,
  onAnother,
}: {
  result: AffiliationDetail;
  onAnother: () => void;
}) {
  const name = employeeName(result);
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }}>
      <Stack gap="lg" maw={720}>
        {result.mode === 'email' ? (
          <Alert
            color="teal"
            variant="light"
            icon={<IconMailCheck aria-hidden />}
            title={`${name} est pré-affilié(e)`}
          >
            <Stack gap="xs">
              <Text size="sm">
                {`Un e-mail a été envoyé à ${result.email ?? name} pour compléter son bulletin d’affiliation.`}
              </Text>
              <Text size="sm">
                Le salarié complète son formulaire d’affiliation en ligne avec les pièces
                justificatives (RIB et attestation de droits Sécurité sociale). Invitez-le à
                surveiller sa boîte de réception.
              </Text>
            </Stack>
          </Alert>
        ) : (
          <Alert
            color="brand"
            variant="light"
            icon={<IconPrinter aria-hidden />}
            title={`${name} est pré-affilié(e) — mode Courrier`}
          >
            <Stack gap="sm" align="flex-start">
              <Text size="sm">
                Sans adresse e-mail, le bulletin d’affiliation pré-rempli est à imprimer et à
                remettre au salarié, qui le renvoie complété avec les pièces justificatives (RIB et
                attestation de droits Sécurité sociale).
              </Text>
              <Button
                component="a"
                href={biaPdfUrl(result.id)}
                download
                leftSection={<IconDownload size={18} aria-hidden />}
              >
                Télécharger le bulletin d’affiliation (PDF)
              </Button>
            </Stack>
          </Alert>
        )}
        <Group gap="sm">
          <ButtonLink
            to={paths.preAffiliation}
            variant="default"
            leftSection={<IconUserPlus size={18} aria-hidden />}
            onClick={onAnother}
          >
            Pré-affilier un autre salarié
          </ButtonLink>
          <ButtonLink to={paths.affiliations} variant="light">
            Suivre mes demandes
          </ButtonLink>
        </Group>
      </Stack>
    </Paper>
  );
}
