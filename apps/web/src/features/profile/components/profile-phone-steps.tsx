// « Modifier mon numéro » (profile-phone-card.tsx), loaded when the dialog opens.
import type { FormEvent } from 'react';
import { useId, useState } from 'react';
import { Anchor, Stack, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useAppForm } from '../../../lib/use-app-form';
import { z } from 'zod';
import { OneTimeCodeSchema } from '@affilia/shared/schemas/auth';
import { sendPhoneCodeRequestSchema } from '@affilia/shared/schemas/profile';
import { errorMessage, fieldErrors, focusFirstInvalid } from '../../../lib/form-errors';
import { ResendCode, showCodeError, SmsCodeInput, SmsCodeSent } from '../../../components/sms-code';
import { useCountdown } from '../../../lib/use-countdown';
import { afterPhoneCheck, FormMobilePhoneSchema, loadPhoneCheck } from '../../../lib/mobile-phone';
import { zodResolver } from '../../../lib/zod-resolver';
import type { SendPhoneCodeResult } from '../api/use-profile';
import { useSendPhoneCode, useVerifyPhoneCode } from '../api/use-profile';
import { CurrentPasswordInput } from './current-password-input';
import { notifySuccess } from './profile-card';
import { FormAlert, FormButtons } from '../../../components/form-parts';
import { Dialog } from '../../../components/dialog';

const CodeFormSchema = z.object({ code: OneTimeCodeSchema });
// The mobile's check loads when the form is filled (lib/mobile-phone.ts), not with the page.
const SendPhoneCodeRequestSchema = sendPhoneCodeRequestSchema(FormMobilePhoneSchema);

interface PhoneRequest {
  newMobilePhone: string;
  password: string;
}

type Submit = (event?: FormEvent<HTMLFormElement>) => void;

/** Step 1: the new number and the password, « Envoyer le code ». */
function NumberStep({
  formId,
  form,
  problem,
  pending,
  onSubmit,
  onCancel,
}: {
  formId: string;
  form: UseFormReturnType<PhoneRequest>;
  problem: string | null;
  pending: boolean;
  onSubmit: Submit;
  onCancel: () => void;
}) {
  return (
    <form id={formId} onSubmit={onSubmit} onFocus={() => void loadPhoneCheck()} noValidate>
      <Stack gap="md">
        <Text size="sm">
          Nous enverrons un code à 6 chiffres par SMS au nouveau numéro, et un message d’information
          à votre adresse e-mail.
        </Text>
        <FormAlert message={problem} />
        <TextInput
          label="Nouveau numéro de téléphone mobile"
          description="Exemple : 06 12 34 56 78"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          required
          data-autofocus
          {...form.getInputProps('newMobilePhone')}
        />
        <CurrentPasswordInput
          description="Par sécurité, confirmez votre mot de passe."
          {...form.getInputProps('password')}
        />
        <FormButtons submitLabel="Envoyer le code" loading={pending} onCancel={onCancel} />
      </Stack>
    </form>
  );
}

/** Step 2: the code received on the new number, « Renvoyer le code », « Corriger le numéro ». */
function CodeStep({
  sent,
  formId,
  form,
  problem,
  verifying,
  sending,
  resendIn,
  onSubmit,
  onCancel,
  onResend,
  onCorrect,
}: {
  sent: SendPhoneCodeResult;
  formId: string;
  form: UseFormReturnType<{ code: string }>;
  problem: string | null;
  verifying: boolean;
  sending: boolean;
  resendIn: number;
  onSubmit: Submit;
  onCancel: () => void;
  onResend: () => void;
  onCorrect: () => void;
}) {
  return (
    <Stack gap="md">
      <SmsCodeSent maskedPhone={sent.maskedPhone} />
      <FormAlert message={problem} />
      <form id={formId} onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <SmsCodeInput {...form.getInputProps('code')} />
          <FormButtons submitLabel="Valider" loading={verifying} onCancel={onCancel} />
        </Stack>
      </form>
      <ResendCode resendIn={resendIn} sending={sending} onResend={onResend}>
        <Anchor component="button" type="button" size="sm" onClick={onCorrect}>
          Corriger le numéro
        </Anchor>
      </ResendCode>
    </Stack>
  );
}

/**
 * The two steps of « Modifier mon numéro »: the new number and the password, « Envoyer le
 * code »; then the code received on the new number, « Valider » (SPEC §4.2, §4.4).
 */
function PhoneChangeSteps({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const send = useSendPhoneCode();
  const verify = useVerifyPhoneCode();
  const numberFormId = useId();
  const codeFormId = useId();
  const [problem, setProblem] = useState<string | null>(null);
  /** What « Envoyer le code » sent, sent again by « Renvoyer le code ». */
  const [request, setRequest] = useState<PhoneRequest | null>(null);
  const [sent, setSent] = useState<SendPhoneCodeResult | null>(null);
  const resendIn = useCountdown(sent?.resendAvailableAt);

  const numberForm = useAppForm<PhoneRequest>({
    initialValues: { newMobilePhone: '', password: '' },
    validate: zodResolver(SendPhoneCodeRequestSchema),
  });
  const codeForm = useAppForm<{ code: string }>({
    initialValues: { code: '' },
    validate: zodResolver(CodeFormSchema),
  });

  const sendCode = (values: PhoneRequest) => {
    if (send.isPending) return;
    setProblem(null);
    send.mutate(values, {
      onSuccess: (result) => {
        setRequest(values);
        setSent(result);
        codeForm.reset();
      },
      onError: (error) => {
        const fields = fieldErrors(error);
        if (fields.newMobilePhone || fields.password) {
          // Back to the first step, where the fields are.
          setSent(null);
          // A new value clears the field's error: empty the field first.
          if (fields.password) numberForm.setFieldValue('password', '');
          numberForm.setErrors(fields);
          focusFirstInvalid(numberFormId);
          return;
        }
        setProblem(errorMessage(error));
      },
    });
  };

  const submitNumber = afterPhoneCheck(
    numberForm.onSubmit(
      (values) => {
        const parsed = SendPhoneCodeRequestSchema.safeParse(values);
        if (parsed.success) sendCode(values);
      },
      () => focusFirstInvalid(numberFormId),
    ),
  );

  const submitCode = codeForm.onSubmit(
    (values) => {
      if (verify.isPending) return;
      setProblem(null);
      verify.mutate(
        { code: values.code.trim() },
        {
          onSuccess: () => {
            notifySuccess('Votre numéro de téléphone mobile a été modifié.');
            onDone();
          },
          onError: (error) => {
            if (showCodeError(codeForm, codeFormId, error)) return;
            setProblem(errorMessage(error));
          },
        },
      );
    },
    () => focusFirstInvalid(codeFormId),
  );

  if (!sent || !request) {
    return (
      <NumberStep
        formId={numberFormId}
        form={numberForm}
        problem={problem}
        pending={send.isPending}
        onSubmit={submitNumber}
        onCancel={onCancel}
      />
    );
  }

  return (
    <CodeStep
      sent={sent}
      formId={codeFormId}
      form={codeForm}
      problem={problem}
      verifying={verify.isPending}
      sending={send.isPending}
      resendIn={resendIn}
      onSubmit={submitCode}
      onCancel={onCancel}
      onResend={() => sendCode(request)}
      onCorrect={() => {
        setSent(null);
        setProblem(null);
        numberForm.setValues({ newMobilePhone: request.newMobilePhone, password: '' });
      }}
    />
  );
}

/** The dialog: its steps start afresh with each `stepsKey`. */
export function PhoneChangeDialog({
  opened,
  onClose,
  title,
  stepsKey,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  stepsKey: number;
}) {
  return (
    <Dialog opened={opened} onClose={onClose} title={title}>
      <PhoneChangeSteps key={stepsKey} onDone={onClose} onCancel={onClose} />
    </Dialog>
  );
}
