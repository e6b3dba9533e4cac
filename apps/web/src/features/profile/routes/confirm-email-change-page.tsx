import { Stack, Text } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import { ButtonLink } from '../../../components/links';
import { paths } from '../../../config/paths';
import { errorCode, errorMessage } from '../../../lib/form-errors';
import { useConfirmEmailChange } from '../api/use-profile';
import { LinkChecking, LinkSucceeded, RefusedLink } from '../../../components/link-outcome';

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
    return <LinkChecking title="Confirmation de votre nouvelle adresse e-mail" />;
  }

  if (confirm.isSuccess) {
    return (
      <LinkSucceeded
        title="Votre nouvelle adresse e-mail est confirmée"
        action={<ProfileButton space={confirm.data.space} />}
      >
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
      </LinkSucceeded>
    );
  }

  return (
    <RefusedLink
      code={errorCode(confirm.error)}
      message={errorMessage(confirm.error)}
      explanations={{
        invalid:
          'Vérifiez que vous avez copié l’adresse du lien en entier depuis l’e-mail reçu. Votre adresse e-mail n’a pas été modifiée.',
        expired:
          'Par sécurité, le lien de confirmation n’est valable que 24 heures. Votre adresse e-mail n’a pas été modifiée : refaites la demande depuis « Mon profil ».',
        used: 'Ce lien a déjà servi, ou une demande plus récente l’a remplacé. Si votre adresse n’a pas changé, refaites la demande depuis « Mon profil » et utilisez le dernier lien reçu.',
      }}
      errorTitles={{ email_taken: 'Adresse déjà utilisée' }}
      actions={() => (
        <ButtonLink to={paths.profile} size="md" variant="default">
          Aller à mon profil
        </ButtonLink>
      )}
    />
  );
}
