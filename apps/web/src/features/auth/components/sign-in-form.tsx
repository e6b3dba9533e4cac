import { useState } from 'react';
import { Alert, Button, Group, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import type { SignIn } from '@affilia/shared/schemas/auth';
import { SIGN_IN_PASSWORD_MAX_LENGTH, SignInSchema } from '@affilia/shared/schemas/auth';
import { AnchorLink } from '../../../components/links';
import { paths } from '../../../config/paths';
import { isApiError } from '../../../lib/api';
import { zodResolver } from '../../../lib/zod-resolver';
import { useSignIn } from '../api/use-sign-in';

const UNEXPECTED = 'La connexion n’a pas pu aboutir. Veuillez réessayer dans quelques instants.';

/** Email + password, validated by the shared `SignInSchema`, then `POST /api/auth/sign-in`. */
export function SignInForm() {
  const navigate = useNavigate();
  const signIn = useSignIn();
  const [serverError, setServerError] = useState<string | null>(null);
  const [passwordVisible, setPasswordVisible] = useState(false);

  const form = useForm<SignIn>({
    mode: 'uncontrolled',
    initialValues: { email: '', password: '' },
    validate: zodResolver(SignInSchema),
    validateInputOnBlur: true,
  });

  const submit = form.onSubmit(
    (values) => {
      const parsed = SignInSchema.safeParse(values);
      if (!parsed.success) return;
      setServerError(null);
      signIn.mutate(parsed.data, {
        onSuccess: () => {
          // The security screen (second factor) comes with the next issue.
          void navigate({ to: paths.home });
        },
        onError: (error) => {
          if (isApiError(error)) {
            if (error.fields) form.setErrors(error.fields);
            setServerError(error.message);
          } else {
            setServerError(UNEXPECTED);
          }
        },
      });
    },
    (errors) => {
      const first = Object.keys(errors)[0] as keyof SignIn | undefined;
      if (first) form.getInputNode(first)?.focus();
    },
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {serverError ? (
          <Alert
            role="alert"
            color="red"
            variant="light"
            icon={<IconAlertCircle aria-hidden />}
            title="Connexion impossible"
          >
            {serverError}
          </Alert>
        ) : null}

        <TextInput
          label="Adresse e-mail"
          type="email"
          autoComplete="username"
          inputMode="email"
          spellCheck={false}
          autoCapitalize="none"
          required
          size="md"
          key={form.key('email')}
          {...form.getInputProps('email')}
        />

        <Stack gap={6}>
          <PasswordInput
            label="Mot de passe"
            autoComplete="current-password"
            required
            size="md"
            maxLength={SIGN_IN_PASSWORD_MAX_LENGTH}
            visible={passwordVisible}
            onVisibilityChange={setPasswordVisible}
            visibilityToggleFocusable
            visibilityToggleButtonProps={{ 'aria-label': 'Afficher le mot de passe' }}
            key={form.key('password')}
            {...form.getInputProps('password')}
          />
          <Group justify="flex-end">
            <AnchorLink to={paths.forgotPassword} size="sm">
              Mot de passe oublié ?
            </AnchorLink>
          </Group>
        </Stack>

        <Button type="submit" size="md" fullWidth loading={signIn.isPending} mt="xs">
          Se connecter
        </Button>
      </Stack>
    </form>
  );
}

/** The link under the card for a first visit. */
export function ActivateSpaceLink() {
  return (
    <AnchorLink to={paths.activate} size="sm">
      Première connexion ? <strong>Activer mon espace</strong>
    </AnchorLink>
  );
}
