import { useId, useState } from 'react';
import { Box, Button, Stack, Text } from '@mantine/core';
import { useAppForm } from '../../../lib/use-app-form';
import { useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { ResetPasswordRequestSchema } from '@affilia/shared/schemas/auth';
import { ButtonLink } from '../../../components/links';
import { paths } from '../../../config/paths';
import { errorCode, errorMessage, fieldErrors, focusFirstInvalid } from '../../../lib/form-errors';
import { zodResolver } from '../../../lib/zod-resolver';
import { useCheckResetLink, useResetPassword } from '../api/use-links';
import { AuthCard } from '../../../components/auth-card';
import type { NewPasswordValues } from '../../../components/new-password-fields';
import { NewPasswordFields, validateConfirmation } from '../../../components/new-password-fields';
import { LinkChecking, LinkSucceeded, RefusedLink } from '../../../components/link-outcome';
import { BackToSignIn } from '../components/back-to-sign-in';
import { FormProblemAlert } from '../../../components/form-parts';

const PasswordOnlySchema = ResetPasswordRequestSchema.pick({ password: true });

function LinkProblem({ code, message }: { code: string | null; message: string }) {
  return (
    <RefusedLink
      code={code}
      message={message}
      explanations={{
        invalid:
          'Vérifiez que vous avez copié l’adresse du lien en entier depuis l’e-mail reçu, ou demandez un nouveau lien.',
        expired:
          'Par sécurité, le lien pour choisir un nouveau mot de passe n’est valable que 20 minutes. Demandez-en un nouveau.',
        used: 'Ce lien a déjà servi à choisir un nouveau mot de passe. Connectez-vous avec celui-ci, ou demandez un nouveau lien si vous l’avez oublié.',
      }}
      actions={() => (
        <>
          <ButtonLink to={paths.forgotPassword} size="md">
            Demander un nouveau lien
          </ButtonLink>
          <BackToSignIn />
        </>
      )}
    />
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
      <LinkSucceeded
        title="Mot de passe modifié"
        action={
          <ButtonLink to={paths.signIn} size="md">
            Se connecter
          </ButtonLink>
        }
      >
        Votre mot de passe a été modifié. Par sécurité, toutes vos sessions ont été fermées.
      </LinkSucceeded>
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
            <FormProblemAlert problem={problem} />
            <NewPasswordFields form={form} account={email} userInputs={[email]} />
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
  if (check.isPending) return <LinkChecking title="Choisir un nouveau mot de passe" />;
  if (check.isError) {
    return <LinkProblem code={errorCode(check.error)} message={errorMessage(check.error)} />;
  }
  return <ResetForm token={token} email={check.data.email} />;
}
