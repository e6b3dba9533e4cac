import { useId, useState, type FormEvent } from 'react';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { RevealablePasswordInput } from '../../../components/revealable-password-input';
import type { UseFormReturnType } from '@mantine/form';
import { useAppForm } from '../../../lib/use-app-form';
import { IconAlertCircle, IconCircleCheck } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import type { SignIn } from '@affilia/shared/schemas/auth';
import type * as SignInValidationModule from './sign-in-validation';
import { SIGN_IN_PASSWORD_MAX_LENGTH } from '@affilia/shared/domain/password-policy';
import { AnchorLink } from '../../../components/links';
import { paths } from '../../../config/paths';
import { errorCode, errorMessage, fieldErrors, focusFirstInvalid } from '../../../lib/form-errors';
import { NETWORK_MESSAGE } from '../../../lib/api';
import { fromSignInResult, setPendingSecondFactor } from '../api/second-factor-state';
import { useResendConfirmation, useSignIn } from '../api/use-sign-in';
import type { AuthSpace } from '../space';
import { SPACE_PAGES } from '../space';
import { useAfterSignIn } from '../use-after-sign-in';
import { EmailInput } from '../../../components/email-input';
import { DeferredCaptcha } from '../../../components/deferred-captcha';

interface Failure {
  /** Remounts the alert so that the same message is announced again. */
  id: number;
  code: string | null;
  message: string;
  email: string;
}

/** « Renvoyer l'e-mail de confirmation » inside the alert of an unconfirmed address. */
function ResendConfirmation({ email }: { email: string }) {
  const resend = useResendConfirmation();
  if (resend.isSuccess) {
    return (
      <Group gap={6} wrap="nowrap" align="flex-start" mt="xs" role="status">
        <IconCircleCheck size={18} aria-hidden style={{ flex: 'none', marginTop: 2 }} />
        <Text size="sm">
          Si un compte en attente de confirmation correspond à {email}, un nouvel e-mail vient de
          lui être envoyé. Le lien est valable 48 heures.
        </Text>
      </Group>
    );
  }
  return (
    <Stack gap={4} mt="xs" align="flex-start">
      <Button
        variant="white"
        size="sm"
        loading={resend.isPending}
        onClick={() => {
          if (!resend.isPending) resend.mutate({ email });
        }}
      >
        Renvoyer l’e-mail de confirmation
      </Button>
      {resend.isError ? (
        <Text size="sm" role="alert">
          {errorMessage(resend.error)}
        </Text>
      ) : null}
    </Stack>
  );
}

type SignInValidation = typeof SignInValidationModule;
/** The form's validation once loaded (sign-in-validation.ts), for every form of the page. */
let validation: SignInValidation | undefined;
let validationLoad: Promise<SignInValidation> | undefined;

/**
 * Loads the form's validation — the shared `SignInSchema`, with zod — once: the form asks for it
 * when it is first focused (a field, or the button), which comes before any blur or submit, and a
 * submit waits for it (a failed load is tried again on the next submit). The page paints without
 * it: about 25 KB compressed off the first load of the sign-in page.
 */
function loadSignInValidation(): Promise<SignInValidation> {
  validationLoad ??= import('./sign-in-validation').then(
    (module) => (validation = module),
    (error: unknown) => {
      validationLoad = undefined;
      throw error;
    },
  );
  return validationLoad;
}

/** Asked for at the form's first focus. */
const preloadSignInValidation = () => void loadSignInValidation().catch(() => undefined);

/** The form's submit, once its validation is loaded; `failed` when it cannot be. */
function submitWhenValidated(submit: () => void, failed: () => void) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    loadSignInValidation().then(submit, failed);
  };
}

const CAPTCHA_CODES = new Set(['captcha_required', 'captcha_invalid']);
const CAPTCHA_MISSING = 'Cochez « Je ne suis pas un robot »';

/** « Connexion impossible », with « Renvoyer l’e-mail » for an address not confirmed yet. */
function FailureAlert({ failure }: { failure: Failure | null }) {
  if (!failure) return null;
  return (
    <Alert
      key={failure.id}
      role="alert"
      color="red"
      variant="light"
      icon={<IconAlertCircle aria-hidden />}
      title="Connexion impossible"
    >
      {failure.message}
      {failure.code === 'email_not_confirmed' ? <ResendConfirmation email={failure.email} /> : null}
    </Alert>
  );
}

/** The password with its « Afficher » toggle, and « Mot de passe oublié ? ». */
function PasswordWithForgotLink({
  form,
  forgotPassword,
}: {
  form: UseFormReturnType<SignIn>;
  forgotPassword: (typeof SPACE_PAGES)[AuthSpace]['forgotPassword'];
}) {
  return (
    <Stack gap={6}>
      <RevealablePasswordInput
        label="Mot de passe"
        toggleLabel="le mot de passe"
        autoComplete="current-password"
        required
        size="md"
        maxLength={SIGN_IN_PASSWORD_MAX_LENGTH}
        key={form.key('password')}
        {...form.getInputProps('password')}
      />
      <Group justify="flex-end">
        <AnchorLink to={forgotPassword} size="sm">
          Mot de passe oublié ?
        </AnchorLink>
      </Group>
    </Stack>
  );
}

/**
 * Email + password, validated by the shared `SignInSchema`, then `POST /api/auth/sign-in`:
 * either the session opens, or the security screen asks for the second factor. Once the server
 * answers `captcha_required` (too many failures for the account, modules/auth/throttle.ts), the
 * form shows « Je ne suis pas un robot » and sends its payload with the password; a payload is
 * single-use, so the box is unchecked after every answer.
 */
export function SignInForm({
  space = 'employer',
  redirectTo,
}: {
  space?: AuthSpace;
  redirectTo?: string | undefined;
}) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const signIn = useSignIn();
  const afterSignIn = useAfterSignIn(space, redirectTo);
  const formId = useId();
  const [failure, setFailure] = useState<Failure | null>(null);
  const pages = SPACE_PAGES[space];
  const [captchaAsked, setCaptchaAsked] = useState(false);
  const [captcha, setCaptcha] = useState<string | null>(null);
  const [captchaError, setCaptchaError] = useState<string | undefined>(undefined);

  const form = useAppForm<SignIn>({
    mode: 'uncontrolled',
    initialValues: { email: '', password: '' },
    // Loaded at the form's first focus (below): a blur comes after typing, by when it is there;
    // a submit waits for it.
    validate: (values) => validation?.validateSignIn(values) ?? {},
    validateInputOnBlur: true,
  });
  const submit = form.onSubmit(
    (values) => {
      const parsed = validation?.SignInSchema.safeParse(values);
      if (!parsed?.success || signIn.isPending) return;
      if (captchaAsked && !captcha) {
        setCaptchaError(CAPTCHA_MISSING);
        // The widget marks its checkbox aria-invalid once the error shows.
        focusFirstInvalid(formId);
        return;
      }
      setFailure(null);
      signIn.mutate(
        { ...parsed.data, space, ...(captchaAsked ? { captcha } : {}) },
        {
          onSuccess: (result) => {
            if (result.status === 'signed_in') {
              void afterSignIn(result.user);
              return;
            }
            setPendingSecondFactor(queryClient, space, fromSignInResult(result));
            void navigate({
              to: pages.verification,
              search: redirectTo ? { redirect: redirectTo } : {},
            });
          },
          onError: (error) => {
            const { captcha: captchaField, ...fields } = fieldErrors(error);
            const code = errorCode(error);
            if (captchaAsked || (code && CAPTCHA_CODES.has(code))) {
              // Asked from now on; a payload is accepted once, so a new tick is needed.
              setCaptchaAsked(true);
              setCaptcha(null);
              setCaptchaError(captchaField);
            }
            if (Object.keys(fields).length > 0) {
              form.setErrors(fields);
              focusFirstInvalid(formId);
            }
            setFailure((previous) => ({
              id: (previous?.id ?? 0) + 1,
              code,
              message: errorMessage(error),
              email: parsed.data.email,
            }));
          },
        },
      );
    },
    () => focusFirstInvalid(formId),
  );

  const onSubmit = submitWhenValidated(
    () => submit(),
    () =>
      setFailure((p) => ({
        id: (p?.id ?? 0) + 1,
        code: null,
        message: NETWORK_MESSAGE,
        email: '',
      })),
  );

  return (
    <form id={formId} onSubmit={onSubmit} onFocus={preloadSignInValidation} noValidate>
      <Stack gap="md">
        <FailureAlert failure={failure} />

        <EmailInput
          autoComplete="username"
          size="md"
          key={form.key('email')}
          {...form.getInputProps('email')}
        />

        <PasswordWithForgotLink form={form} forgotPassword={pages.forgotPassword} />

        {captchaAsked ? (
          <DeferredCaptcha
            value={captcha}
            onChange={(payload) => {
              setCaptcha(payload);
              if (payload) setCaptchaError(undefined);
            }}
            error={captchaError}
          />
        ) : null}

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
