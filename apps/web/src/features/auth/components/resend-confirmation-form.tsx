import { useId, useState } from 'react';
import { Alert, Button, Stack, Text } from '@mantine/core';
import { useAppForm } from '../../../lib/use-app-form';
import { IconMailCheck } from '@tabler/icons-react';
import { EmailOnlyRequestSchema } from '@affilia/shared/schemas/auth';
import { errorMessage, fieldErrors, focusFirstInvalid } from '../../../lib/form-errors';
import { zodResolver } from '../../../lib/zod-resolver';
import { useResendConfirmation } from '../api/use-sign-in';
import { EmailInput } from '../../../components/email-input';

/** « Recevoir un nouveau lien » by email address (`POST /api/auth/email/resend-confirmation`). */
export function ResendConfirmationForm() {
  const resend = useResendConfirmation();
  const formId = useId();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useAppForm<{ email: string }>({
    mode: 'uncontrolled',
    initialValues: { email: '' },
    validate: zodResolver(EmailOnlyRequestSchema),
  });

  if (sentTo) {
    return (
      <Alert role="status" color="teal" variant="light" icon={<IconMailCheck aria-hidden />}>
        Si un compte en attente de confirmation correspond à {sentTo}, un nouvel e-mail vient de lui
        être envoyé. Le lien est valable 48 heures.
      </Alert>
    );
  }

  const submit = form.onSubmit(
    (values) => {
      const parsed = EmailOnlyRequestSchema.safeParse(values);
      if (!parsed.success || resend.isPending) return;
      resend.mutate(parsed.data, {
        onSuccess: () => setSentTo(parsed.data.email),
        onError: (error) => {
          form.setErrors({ email: errorMessage(error), ...fieldErrors(error) });
          focusFirstInvalid(formId);
        },
      });
    },
    () => focusFirstInvalid(formId),
  );

  return (
    <form id={formId} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">Indiquez votre adresse e-mail : nous vous enverrons un nouveau lien.</Text>
        <EmailInput
          autoComplete="email"
          size="md"
          key={form.key('email')}
          {...form.getInputProps('email')}
        />
        <Button type="submit" size="md" loading={resend.isPending}>
          Recevoir un nouveau lien
        </Button>
      </Stack>
    </form>
  );
}
