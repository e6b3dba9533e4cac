import { Paper, Stack, Text } from '@mantine/core';
import { ButtonLink } from '../../../components/links';
import { Page } from '../../../components/page';
import { SupportContact } from '../../../components/support-contact';
import { paths } from '../../../config/paths';

/** `/aide`: « Besoin d'aide ? », the insurer's support line and the message box. */
export function HelpPage() {
  return (
    <Page title="Besoin d'aide ?">
      <Paper withBorder radius="md" p="lg" maw={640}>
        <Stack gap="md">
          <SupportContact withTitle={false} />
          <Text size="sm">
            Vous pouvez aussi écrire à nos conseillers depuis votre messagerie : ils vous répondront
            dans votre Espace Entreprise.
          </Text>
          <div>
            <ButtonLink to={paths.newMessage} variant="light">
              Nous contacter
            </ButtonLink>
          </div>
        </Stack>
      </Paper>
    </Page>
  );
}
