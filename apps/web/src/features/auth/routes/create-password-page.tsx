import { useId, useState } from 'react';
import { Box, Button, Stack, Text } from '@mantine/core';
import { useAppForm } from '../../../lib/use-app-form';
import { useParams } from '@tanstack/react-router';
import { AcceptInvitationRequestSchema } from '@affilia/shared/schemas/invitation';
import { AnchorLink, ButtonLink } from '../../../components/links';
import { isApiError } from '../../../lib/api';
import { paths } from '../../../config/paths';
import { errorCode, errorMessage, fieldErrors, focusFirstInvalid } from '../../../lib/form-errors';
import { zodResolver } from '../../../lib/zod-resolver';
import { useCurrentTerms } from '../api/use-activation';
import { AuthCard } from '../../../components/auth-card';
import type { NewPasswordValues } from '../../../components/new-password-fields';
import { NewPasswordFields, validateConfirmation } from '../../../components/new-password-fields';
import { TermsAcceptance } from '../components/terms-box';
import type { InvitationCheck } from '../api/use-invitation';
import { useAcceptInvitation, useInvitationCheck } from '../api/use-invitation';
import { LinkChecking, LinkSucceeded, RefusedLink } from '../../../components/link-outcome';
import { BackToSignIn } from '../components/back-to-sign-in';
import { FormProblemAlert } from '../../../components/form-parts';

const TITLE = 'Créer mon mot de passe';

const PasswordStepSchema = AcceptInvitationRequestSchema.pick({
  password: true,
  acceptTerms: true,
});

interface CreatePasswordValues extends NewPasswordValues {
  acceptTerms: boolean;
}

/** Why the link of the invitation email cannot be used (invalid, expired, already used). */
function LinkProblem({ code, message }: { code: string | null; message: string }) {
  return (
    <RefusedLink
      code={code}
      message={message}
      explanations={{
        invalid:
          'Vérifiez que vous avez copié l’adresse du lien en entier depuis l’e-mail reçu. Si le problème persiste, demandez à la personne qui vous a invité de vous envoyer un nouveau lien.',
        expired:
          'Par sécurité, le lien pour créer votre mot de passe n’est valable que 72 heures. Demandez à la personne qui vous a invité de vous en envoyer un nouveau : l’administrateur de votre espace entreprise (depuis « Mes habilitations ») ou, pour l’équipe de l’assureur, un administrateur du back-office (depuis « Équipe »).',
        used: 'Ce lien a déjà servi à créer votre mot de passe. Connectez-vous avec celui-ci, ou choisissez-en un nouveau avec « Mot de passe oublié » si vous ne vous en souvenez plus.',
      }}
      actions={(kind) =>
        kind === 'used' ? (
          <>
            <ButtonLink to={paths.signIn} size="md">
              Me connecter
            </ButtonLink>
            <Stack align="center">
              <AnchorLink to={paths.forgotPassword} size="sm">
                Mot de passe oublié ?
              </AnchorLink>
            </Stack>
          </>
        ) : (
          <BackToSignIn />
        )
      }
    />
  );
}

/** The password is created: « Me connecter » to the right space. */
function PasswordCreated({ isStaff, email }: { isStaff: boolean; email: string }) {
  return (
    <LinkSucceeded
      title="Votre mot de passe est créé"
      action={
        <ButtonLink to={isStaff ? paths.backOfficeSignIn : paths.signIn} size="md">
          Me connecter
        </ButtonLink>
      }
    >
      <Text>
        Vous pouvez maintenant vous connecter{' '}
        {isStaff ? 'au back-office' : 'à votre espace entreprise'} avec votre adresse e-mail{' '}
        <Text span fw={700}>
          {email}
        </Text>{' '}
        et ce mot de passe. À la première connexion, un code vous sera envoyé par SMS.
      </Text>
    </LinkSucceeded>
  );
}

function CreatePasswordForm({ token, invitation }: { token: string; invitation: InvitationCheck }) {
  const accept = useAcceptInvitation();
  const terms = useCurrentTerms();
  const formId = useId();
  const [problem, setProblem] = useState<{ id: number; code: string | null; message: string }>();
  const isStaff = invitation.kind === 'staff';
  // The first back-office administrator of a new deployment comes before any published terms.
  const noTerms = isStaff && invitation.termsVersionId === null;
  const form = useAppForm<CreatePasswordValues>({
    initialValues: { password: '', confirmPassword: '', acceptTerms: noTerms },
    validate: (values) => ({
      ...validateConfirmation(values),
      ...zodResolver(PasswordStepSchema)(values),
    }),
  });

  if (accept.isSuccess) {
    return <PasswordCreated isStaff={isStaff} email={accept.data.email} />;
  }
  if (problem?.code?.startsWith('link_')) {
    return <LinkProblem code={problem.code} message={problem.message} />;
  }

  const showProblem = (error: unknown) =>
    setProblem((p) => ({
      id: (p?.id ?? 0) + 1,
      code: errorCode(error),
      message: errorMessage(error),
    }));

  const submit = form.onSubmit(
    (values) => {
      if (accept.isPending) return;
      if (!terms.data && !noTerms) {
        setProblem((p) => ({
          id: (p?.id ?? 0) + 1,
          code: null,
          message: 'Les conditions générales n’ont pas pu être chargées. Réessayez.',
        }));
        return;
      }
      const parsed = AcceptInvitationRequestSchema.safeParse({
        token,
        password: values.password,
        termsVersionId: terms.data?.id ?? null,
        acceptTerms: values.acceptTerms,
      });
      if (!parsed.success) {
        form.validate();
        return;
      }
      setProblem(undefined);
      accept.mutate(parsed.data, {
        onError: (error) => {
          if (errorCode(error) === 'terms_outdated') {
            form.setFieldValue('acceptTerms', false);
            void terms.refetch();
          }
          form.setErrors(fieldErrors(error));
          showProblem(error);
          focusFirstInvalid(formId);
        },
      });
    },
    () => focusFirstInvalid(formId),
  );

  return (
    <Box py={{ base: 0, md: 'xl' }}>
      <AuthCard
        title={TITLE}
        size="md"
        description={
          noTerms
            ? 'Choisissez le mot de passe de votre compte du back-office.'
            : `Choisissez le mot de passe de votre ${isStaff ? 'compte du back-office' : 'espace entreprise'}, puis acceptez les conditions générales d’utilisation.`
        }
      >
        <Stack gap={4}>
          <Text fw={700}>Bonjour {invitation.firstName},</Text>
          <Text>
            Votre identifiant de connexion est votre adresse e-mail :{' '}
            <Text span fw={700} style={{ wordBreak: 'break-word' }}>
              {invitation.email}
            </Text>
          </Text>
        </Stack>
        <form id={formId} onSubmit={submit} noValidate>
          <Stack gap="md">
            <FormProblemAlert problem={problem} />
            <NewPasswordFields
              form={form}
              account={invitation.email}
              userInputs={[invitation.firstName, invitation.email]}
            />
            {noTerms ? null : <TermsAcceptance query={terms} form={form} />}
            <Button type="submit" size="md" fullWidth loading={accept.isPending}>
              Créer mon mot de passe
            </Button>
          </Stack>
        </form>
      </AuthCard>
    </Box>
  );
}

/** `/creer-mot-de-passe/$token`: the link of the invitation email (valid 72 hours). */
export function CreatePasswordPage() {
  const { token = '' } = useParams({ strict: false });
  const check = useInvitationCheck(token);
  if (check.isPending) {
    return (
      <Box py={{ base: 0, md: 'xl' }}>
        <LinkChecking title={TITLE} />
      </Box>
    );
  }
  if (check.isError) {
    // A token cut short when copied is refused by the route's schema (400): an invalid link too.
    const code =
      isApiError(check.error) && check.error.status === 400
        ? 'link_invalid'
        : errorCode(check.error);
    return <LinkProblem code={code} message={errorMessage(check.error)} />;
  }
  return <CreatePasswordForm token={token} invitation={check.data} />;
}
