import type { ReactNode } from 'react';
import { Button, Stack, Text, TextInput } from '@mantine/core';
import type { TextInputProps } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { errorCode, errorMessage, focusFirstInvalid } from '../lib/form-errors';
import { formatDelay } from '../lib/format-date';

/* A code sent by SMS and typed back: the second factor of a sign-in, a new number in « Mon profil ». */

/** Errors of a wrong or expired code: said on the code's field rather than in the alert. */
const CODE_ERRORS = new Set(['code_invalid', 'code_expired']);

/**
 * A wrong or expired code's error on the code's field (an expired code emptied first), then the
 * focus on it; false when the error is another one.
 */
export function showCodeError(
  form: UseFormReturnType<{ code: string }>,
  formId: string,
  error: unknown,
): boolean {
  const code = errorCode(error);
  if (!code || !CODE_ERRORS.has(code)) return false;
  if (code === 'code_expired') form.setFieldValue('code', '');
  form.setErrors({ code: errorMessage(error) });
  focusFirstInvalid(formId);
  return true;
}

/** « Un code à 6 chiffres vient d’être envoyé par SMS au 06 •• •• •• 78. » */
export function SmsCodeSent({ maskedPhone }: { maskedPhone: string }) {
  return (
    <Text role="status">
      Un code à 6 chiffres vient d’être envoyé par SMS au{' '}
      <Text span fw={700} style={{ whiteSpace: 'nowrap' }}>
        {maskedPhone}
      </Text>
      .
    </Text>
  );
}

/** « Code reçu par SMS »: it appears after a click (« Envoyer le code »), so it takes the focus. */
export function SmsCodeInput(props: TextInputProps) {
  return (
    <TextInput
      autoFocus
      label="Code reçu par SMS"
      description="Le code est valable 5 minutes."
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={6}
      required
      {...props}
    />
  );
}

/** « Vous n’avez rien reçu ? Renvoyer le code », waiting `resendIn` seconds first; `children` below. */
export function ResendCode({
  resendIn,
  sending,
  onResend,
  children,
}: {
  resendIn: number;
  sending: boolean;
  onResend: () => void;
  children?: ReactNode;
}) {
  return (
    <Stack gap={2} align="flex-start">
      <Text size="sm" c="gray.8">
        Vous n’avez rien reçu ?
      </Text>
      <Button
        variant="subtle"
        size="compact-sm"
        px={0}
        disabled={resendIn > 0}
        loading={sending}
        onClick={onResend}
      >
        {resendIn > 0 ? `Renvoyer le code (dans ${formatDelay(resendIn)})` : 'Renvoyer le code'}
      </Button>
      {children}
    </Stack>
  );
}
