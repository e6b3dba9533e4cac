import { useId, useState } from 'react';
import { Alert, Box, Button, Divider, Loader, Stack, Text } from '@mantine/core';
import { useAppForm } from '../../../lib/use-app-form';
import { IconAlertCircle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { ResetPasswordRequestSchema } from '@affilia/shared/schemas/auth';
import { AnchorLink, ButtonLink } from '../../../components/links';
import { paths } from '../../../config/paths';
import { errorCode, errorMessage, fieldErrors, focusFirstInvalid } from '../../../lib/form-errors';
import { zodResolver } from '../../../lib/zod-resolver';
import { useCheckResetLink, useResetPassword } from '../api/use-links';
import { AuthCard } from '../../../components/auth-card';
import { LinkOutcome } from '../../../components/link-outcome';
import type { NewPasswordValues } from '../../../components/new-password-fields';
import { NewPasswordFields, validateConfirmation } from '../../../components/new-password-fields';

const PasswordOnlySchema = ResetPasswordRequestSchema.pick({ password: true });

function LinkProblem({ code, message }: { code: string | null; message: string }) {
  let title = 'Ce lien n’est pas valide';
  let body = (
    <LinkOutcome kind="invalid">
      Vérifiez que vous avez copié l’adresse du lien en entier depuis l’e-mail reçu, ou demandez un
      nouveau lien.
    </LinkOutcome>
  );
  if (code === 'link_expired') {
    title = 'Ce lien a expiré';
    body = (
      <LinkOutcome kind="expired">
        Par sécurité, le lien pour choisir un nouveau mot de passe n’est valable que 20 minutes.
        Demandez-en un nouveau.
      </LinkOutcome>
    );
  } else if (code === 'link_used') {
    title = 'Lien déjà utilisé';
    body = (
      <LinkOutcome kind="used">
        Ce lien a déjà servi à choisir un nouveau mot de passe. Connectez-vous avec celui-ci, ou
        demandez un nouveau lien si vous l’avez oublié.
      </LinkOutcome>
    );
  } else if (code !== 'link_invalid') {
    title = 'Une erreur est survenue';
    body = <LinkOutcome kind="error">{message}</LinkOutcome>;
  }
  return (
    <Box py={{ base: 0, md: 'xl' }}>
      <AuthCard title={title}>
        {body}
        <ButtonLink to={paths.forgotPassword} size="md">
          Demander un nouveau lien
        </ButtonLink>
        <Divider />
        <Stack align="center">
          <AnchorLink to={paths.signIn} size="sm">
            Revenir à la connexion
          </AnchorLink>
        </Stack>
      </AuthCard>
    </Box>
  );
}

function ResetForm({ token, email }: { token: string; email: string }) {
  const reset = useResetPassword();
  const queryClient = useQueryClient();
  const formId = useId();
  const [problem, setProblem] = useState<{ id: number; code: string | null; message: string }>();
  const form = useAppForm<NewPasswordValues>({
    initialValues: { password: '', confirmPassword: '' },
    validate: (values) => {
      const errors = zodResolver(PasswordOnlySchema)(values);
      return { ...validateConfirmation(values), ...errors };
    },
  });

  if (reset.isSuccess) {
    return (
      <Box py={{ base: 0, md: 'xl' }}>
        <AuthCard title="Mot de passe modifié">
          <LinkOutcome kind="success">
            Votre mot de passe a été modifié. Par sécurité, toutes vos sessions ont été fermées.
          </LinkOutcome>
          <ButtonLink to={paths.signIn} size="md">
            Se connecter
          </ButtonLink>
        </AuthCard>
      </Box>
    );
  }
  if (problem && problem.code?.startsWith('link_')) {
    return <LinkProblem code={problem.code} message={problem.message} />;
  }

  const submit = form.onSubmit(
    (values) => {
      if (reset.isPending) return;
      setProblem(undefined);
      reset.mutate(
        { token, password: values.password },
        {
          onSuccess: () => {
            // Every session ended: forget whatever this tab knew about the user.
            queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'branding' });
          },
          onError: (error) => {
            form.setErrors(fieldErrors(error));
            setProblem((p) => ({
              id: (p?.id ?? 0) + 1,
              code: errorCode(error),
              message: errorMessage(error),
            }));
            focusFirstInvalid(formId);
          },
        },
      );
    },
    () => focusFirstInvalid(formId),
  );

  return (
    <Box py={{ base: 0, md: 'xl' }}>
      <AuthCard title="Choisir un nouveau mot de passe">
        <Text>
          Pour le compte{' '}
          <Text span fw={700}>
            {email}
          </Text>
        </Text>
        <form id={formId} onSubmit={submit} noValidate>
          <Stack gap="md">
            {problem ? (
              <Alert
                key={problem.id}
                role="alert"
                color="red"
                variant="light"
                icon={<IconAlertCircle aria-hidden />}
              >
                {problem.message}
              </Alert>
            ) : null}
            {/* Lets password managers file the new password under the right account. */}
            <input
              type="email"
              name="username"
              autoComplete="username"
              value={email}
              readOnly
              hidden
            />
            <NewPasswordFields form={form} userInputs={[email]} />
            <Button type="submit" size="md" fullWidth loading={reset.isPending}>
              Enregistrer le mot de passe
            </Button>
          </Stack>
        </form>
      </AuthCard>
    </Box>
  );
}

/** `/reinitialiser-mot-de-passe/$token`: the link of the « Mot de passe oublié » email. */
export function ResetPasswordPage() {
  const { token = '' } = useParams({ strict: false });
  const check = useCheckResetLink(token);
  if (check.isPending) {
    return (
      <AuthCard title="Choisir un nouveau mot de passe">
        <Stack align="center" gap="sm" role="status">
          <Loader aria-hidden />
          <Text>Vérification du lien…</Text>
        </Stack>
      </AuthCard>
    );
  }
  if (check.isError) {
    return <LinkProblem code={errorCode(check.error)} message={errorMessage(check.error)} />;
  }
  return <ResetForm token={token} email={check.data.email} />;
}
