import { useId, useState } from 'react';
import { Alert, Box, Button, Stack, Text } from '@mantine/core';
import { useAppForm } from '../../../lib/use-app-form';
import { IconMailCheck } from '@tabler/icons-react';
import { z } from 'zod';
import { CaptchaPayloadSchema } from '@affilia/shared/schemas/auth';
import { EmailSchema } from '@affilia/shared/validators/zod';
import { DeferredCaptcha } from '../../../components/deferred-captcha';
import { errorMessage, fieldErrors, focusFirstInvalid } from '../../../lib/form-errors';
import { zodResolver } from '../../../lib/zod-resolver';
import { useForgotPassword } from '../api/use-links';
import { AuthCard } from '../../../components/auth-card';
import type { AuthSpace } from '../space';
import { SPACE_PAGES } from '../space';
import { BackToSignIn } from '../components/back-to-sign-in';
import { FormProblemAlert } from '../../../components/form-parts';
import { EmailInput } from '../../../components/email-input';

/** The form's part of `ForgotPasswordRequestSchema` (the page adds the space). */
const ForgotFormSchema = z.object({ email: EmailSchema, captcha: CaptchaPayloadSchema });

interface ForgotValues {
  email: string;
  captcha: string | null;
}

function ForgotPasswordScreen({ space }: { space: AuthSpace }) {
  const forgot = useForgotPassword();
  const formId = useId();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [problem, setProblem] = useState<{ id: number; message: string } | null>(null);
  const pages = SPACE_PAGES[space];

  const form = useAppForm<ForgotValues>({
    initialValues: { email: '', captcha: null },
    validate: zodResolver(ForgotFormSchema),
  });

  const submit = form.onSubmit(
    (values) => {
      const parsed = ForgotFormSchema.safeParse(values);
      if (!parsed.success || forgot.isPending) return;
      setProblem(null);
      forgot.mutate(
        { ...parsed.data, space },
        {
          onSuccess: () => setSentTo(parsed.data.email),
          onError: (error) => {
            // A captcha answer is accepted once: a new one is needed whatever went wrong.
            form.setFieldValue('captcha', null);
            form.setErrors(fieldErrors(error));
            setProblem((p) => ({ id: (p?.id ?? 0) + 1, message: errorMessage(error) }));
            focusFirstInvalid(formId);
          },
        },
      );
    },
    () => focusFirstInvalid(formId),
  );

  return (
    <Box py={{ base: 0, md: 'xl' }}>
      <AuthCard
        title="Mot de passe oublié"
        eyebrow={space === 'backoffice' ? 'Espace assureur' : undefined}
        description={
          sentTo
            ? undefined
            : 'Indiquez l’adresse e-mail de votre compte : nous vous enverrons un lien pour choisir un nouveau mot de passe.'
        }
      >
        {sentTo ? (
          <Alert
            role="status"
            color="teal"
            variant="light"
            icon={<IconMailCheck aria-hidden />}
            title="Consultez votre boîte e-mail"
          >
            <Stack gap="xs">
              <Text size="sm">
                Si un compte correspond à l’adresse {sentTo}, vous recevrez un e-mail avec un lien
                pour choisir un nouveau mot de passe. Ce lien est valable 20 minutes.
              </Text>
              <Text size="sm">
                Rien reçu après quelques minutes ? Vérifiez vos courriers indésirables, puis
                recommencez.
              </Text>
            </Stack>
          </Alert>
        ) : (
          <form id={formId} onSubmit={submit} noValidate>
            <Stack gap="md">
              <FormProblemAlert problem={problem} />
              <EmailInput
                autoComplete="username"
                size="md"
                key={form.key('email')}
                {...form.getInputProps('email')}
              />
              <DeferredCaptcha
                value={form.values.captcha}
                onChange={(payload) => form.setFieldValue('captcha', payload)}
                error={typeof form.errors.captcha === 'string' ? form.errors.captcha : undefined}
              />
              <Button type="submit" size="md" fullWidth loading={forgot.isPending}>
                Recevoir le lien
              </Button>
            </Stack>
          </form>
        )}
        <BackToSignIn to={pages.signIn} />
      </AuthCard>
    </Box>
  );
}

/** `/mot-de-passe-oublie`: « Mot de passe oublié » (SPEC §4.2). */
export function ForgotPasswordPage() {
  return <ForgotPasswordScreen space="employer" />;
}

/** `/back-office/mot-de-passe-oublie`. */
export function BackOfficeForgotPasswordPage() {
  return <ForgotPasswordScreen space="backoffice" />;
}
