import { Box, Divider, Loader, Stack, Text } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import { AnchorLink, ButtonLink } from '../../../components/links';
import { paths } from '../../../config/paths';
import { errorCode, errorMessage } from '../../../lib/form-errors';
import { useConfirmEmail } from '../api/use-links';
import { AuthCard } from '../../../components/auth-card';
import { LinkOutcome } from '../../../components/link-outcome';
import { ResendConfirmationForm } from '../components/resend-confirmation-form';

function SignInButton() {
  return (
    <ButtonLink to={paths.signIn} size="md">
      Se connecter
    </ButtonLink>
  );
}

/** `/confirmer-email/$token`: the link of the confirmation email (SPEC §4.1). */
export function ConfirmEmailPage() {
  const { token } = useParams({ strict: false });
  const confirm = useConfirmEmail(token ?? '');

  if (confirm.isPending) {
    return (
      <AuthCard title="Confirmation de votre adresse e-mail">
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
        <AuthCard title="Votre adresse e-mail est confirmée">
          <LinkOutcome kind="success">
            <Text>
              Merci ! Votre espace est prêt. Connectez-vous avec votre adresse{' '}
              <Text span fw={700}>
                {confirm.data.email}
              </Text>{' '}
              et le mot de passe que vous avez choisi.
            </Text>
          </LinkOutcome>
          <SignInButton />
        </AuthCard>
      </Box>
    );
  }

  const code = errorCode(confirm.error);
  let title = 'Ce lien n’est pas valide';
  let body = (
    <LinkOutcome kind="invalid">
      <Text>
        Vérifiez que vous avez copié l’adresse du lien en entier depuis l’e-mail reçu, ou demandez
        un nouveau lien ci-dessous.
      </Text>
    </LinkOutcome>
  );
  let withResend = true;
  if (code === 'link_expired') {
    title = 'Ce lien a expiré';
    body = (
      <LinkOutcome kind="expired">
        <Text>
          Par sécurité, le lien de confirmation n’est valable que 48 heures. Demandez-en un nouveau
          : il vous sera envoyé par e-mail.
        </Text>
      </LinkOutcome>
    );
  } else if (code === 'link_used') {
    title = 'Lien déjà utilisé';
    withResend = false;
    body = (
      <LinkOutcome kind="used">
        <Text>
          Ce lien a déjà été utilisé : votre adresse est confirmée, vous pouvez vous connecter.
        </Text>
      </LinkOutcome>
    );
  } else if (code !== 'link_invalid') {
    title = 'Une erreur est survenue';
    body = <LinkOutcome kind="error">{errorMessage(confirm.error)}</LinkOutcome>;
    withResend = false;
  }

  return (
    <Box py={{ base: 0, md: 'xl' }}>
      <AuthCard title={title}>
        {body}
        {withResend ? (
          <>
            <ResendConfirmationForm />
            <Divider />
            <Stack align="center">
              <AnchorLink to={paths.signIn} size="sm">
                Revenir à la connexion
              </AnchorLink>
            </Stack>
          </>
        ) : (
          <SignInButton />
        )}
      </AuthCard>
    </Box>
  );
}
