import { Text } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import { ButtonLink } from '../../../components/links';
import { paths } from '../../../config/paths';
import { errorCode, errorMessage } from '../../../lib/form-errors';
import { useConfirmEmail } from '../api/use-links';
import { ResendConfirmationForm } from '../components/resend-confirmation-form';
import { LinkChecking, LinkSucceeded, RefusedLink } from '../../../components/link-outcome';
import { BackToSignIn } from '../components/back-to-sign-in';

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

  if (confirm.isPending) return <LinkChecking title="Confirmation de votre adresse e-mail" />;

  if (confirm.isSuccess) {
    return (
      <LinkSucceeded title="Votre adresse e-mail est confirmée" action={<SignInButton />}>
        <Text>
          Merci ! Votre espace est prêt. Connectez-vous avec votre adresse{' '}
          <Text span fw={700}>
            {confirm.data.email}
          </Text>{' '}
          et le mot de passe que vous avez choisi.
        </Text>
      </LinkSucceeded>
    );
  }

  return (
    <RefusedLink
      code={errorCode(confirm.error)}
      message={errorMessage(confirm.error)}
      explanations={{
        invalid:
          'Vérifiez que vous avez copié l’adresse du lien en entier depuis l’e-mail reçu, ou demandez un nouveau lien ci-dessous.',
        expired:
          'Par sécurité, le lien de confirmation n’est valable que 48 heures. Demandez-en un nouveau : il vous sera envoyé par e-mail.',
        used: 'Ce lien a déjà été utilisé : votre adresse est confirmée, vous pouvez vous connecter.',
      }}
      actions={(kind) =>
        kind === 'invalid' || kind === 'expired' ? (
          <>
            <ResendConfirmationForm />
            <BackToSignIn />
          </>
        ) : (
          <SignInButton />
        )
      }
    />
  );
}
