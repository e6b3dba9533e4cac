import { Box, Loader, Stack, Text } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import { ButtonLink } from '../../../components/links';
import { paths } from '../../../config/paths';
import { errorCode, errorMessage } from '../../../lib/form-errors';
import { AuthCard } from '../../../components/auth-card';
import { LinkOutcome } from '../../../components/link-outcome';
import { useConfirmEmailChange } from '../api/use-profile';

function ProfileButton({ space }: { space: 'employer' | 'backoffice' }) {
  return (
    <ButtonLink to={space === 'backoffice' ? paths.backOfficeProfile : paths.profile} size="md">
      Aller à mon profil
    </ButtonLink>
  );
}

/**
 * `/confirmer-nouvel-email/$token`: the link sent to the new address chosen in « Mon profil »
 * (SPEC §4.4). The address changes as soon as the page opens.
 */
export function ConfirmEmailChangePage() {
  const { token } = useParams({ strict: false });
  const confirm = useConfirmEmailChange(token ?? '');

  if (confirm.isPending) {
    return (
      <AuthCard title="Confirmation de votre nouvelle adresse e-mail">
        <Stack align="center" gap="sm" role="status">
          <Loader aria-hidden />
          <Text>Vérification du lien…</Text>
        </Stack>
      </AuthCard>
    );
  }

  if (confirm.isSuccess) {
    return (
      <Box py={{ base: 0, md: 'xl' }}>
        <AuthCard title="Votre nouvelle adresse e-mail est confirmée">
          <LinkOutcome kind="success">
            <Stack gap="xs">
              <Text>
                Votre adresse e-mail est maintenant{' '}
                <Text span fw={700} style={{ overflowWrap: 'anywhere' }}>
                  {confirm.data.email}
                </Text>
                .
              </Text>
              <Text>
                Utilisez-la pour vous connecter ; vos messages vous seront envoyés à cette adresse.
              </Text>
            </Stack>
          </LinkOutcome>
          <ProfileButton space={confirm.data.space} />
        </AuthCard>
      </Box>
    );
  }

  const code = errorCode(confirm.error);
  let title = 'Ce lien n’est pas valide';
  let body = (
    <LinkOutcome kind="invalid">
      <Text>
        Vérifiez que vous avez copié l’adresse du lien en entier depuis l’e-mail reçu. Votre adresse
        e-mail n’a pas été modifiée.
      </Text>
    </LinkOutcome>
  );
  if (code === 'link_expired') {
    title = 'Ce lien a expiré';
    body = (
      <LinkOutcome kind="expired">
        <Text>
          Par sécurité, le lien de confirmation n’est valable que 24 heures. Votre adresse e-mail
          n’a pas été modifiée : refaites la demande depuis « Mon profil ».
        </Text>
      </LinkOutcome>
    );
  } else if (code === 'link_used') {
    title = 'Lien déjà utilisé';
    body = (
      <LinkOutcome kind="used">
        <Text>
          Ce lien a déjà servi, ou une demande plus récente l’a remplacé. Si votre adresse n’a pas
          changé, refaites la demande depuis « Mon profil » et utilisez le dernier lien reçu.
        </Text>
      </LinkOutcome>
    );
  } else if (code === 'email_taken') {
    title = 'Adresse déjà utilisée';
    body = <LinkOutcome kind="error">{errorMessage(confirm.error)}</LinkOutcome>;
  } else if (code !== 'link_invalid') {
    title = 'Une erreur est survenue';
    body = <LinkOutcome kind="error">{errorMessage(confirm.error)}</LinkOutcome>;
  }

  return (
    <Box py={{ base: 0, md: 'xl' }}>
      <AuthCard title={title}>
        {body}
        <ButtonLink to={paths.profile} size="md" variant="default">
          Aller à mon profil
        </ButtonLink>
      </AuthCard>
    </Box>
  );
}
