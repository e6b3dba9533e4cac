import type { FormEvent, ReactNode } from 'react';
import { FormProblemAlert } from '../../../components/form-parts';
import { useId, useState } from 'react';
import { Anchor, Button, List, Stack, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useAppForm } from '../../../lib/use-app-form';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { z } from 'zod';
import { OneTimeCodeSchema, VerifyCodeRequestSchema } from '@affilia/shared/schemas/auth';
import { errorCode, errorMessage, fieldErrors, focusFirstInvalid } from '../../../lib/form-errors';
import { ResendCode, showCodeError, SmsCodeInput, SmsCodeSent } from '../../../components/sms-code';
import { useCountdown } from '../../../lib/use-countdown';
import { afterPhoneCheck, FormMobilePhoneSchema, loadPhoneCheck } from '../../../lib/mobile-phone';
import { zodResolver } from '../../../lib/zod-resolver';
import type { PendingSecondFactor } from '../api/second-factor-state';
import { setPendingSecondFactor } from '../api/second-factor-state';
import { useSendSignInCode, useVerifySignInCode } from '../api/use-sign-in';
import type { AuthSpace } from '../space';
import { SPACE_PAGES } from '../space';
import { useAfterSignIn } from '../use-after-sign-in';

const REASON_TEXT: Record<PendingSecondFactor['reasons'][number], string> = {
  new_device: 'une connexion depuis un nouveau navigateur',
  new_ip: 'une nouvelle adresse IP (changement de box ou de réseau wifi)',
  stale: 'plus de 3 mois sans connexion',
};

const PhoneFormSchema = z.object({ mobilePhone: FormMobilePhoneSchema });
const SmsCodeSchema = z.object({ code: OneTimeCodeSchema });
const RecoveryCodeSchema = VerifyCodeRequestSchema;

interface Problem {
  id: number;
  message: string;
}

function useProblem() {
  const [problem, setProblem] = useState<Problem | null>(null);
  return {
    problem,
    show: (message: string) => setProblem((p) => ({ id: (p?.id ?? 0) + 1, message })),
    clear: () => setProblem(null),
  };
}

/** Why the screen appears (SPEC §4.2), in the user's words. */
function Reasons({ reasons }: { reasons: PendingSecondFactor['reasons'] }) {
  return (
    <Stack gap={6}>
      <Text>
        Pour protéger les données de votre entreprise, nous vérifions qu’il s’agit bien de vous.
      </Text>
      {reasons.length > 0 ? (
        <>
          <Text size="sm" c="gray.8">
            Cette vérification est demandée car nous constatons :
          </Text>
          <List size="sm" c="gray.8" spacing={2}>
            {reasons.map((reason) => (
              <List.Item key={reason}>{REASON_TEXT[reason]}</List.Item>
            ))}
          </List>
        </>
      ) : null}
    </Stack>
  );
}

type Submit = (event?: FormEvent<HTMLFormElement>) => void;
type CodeForm = UseFormReturnType<{ code: string }>;

/** The authenticator app's code, or a recovery code. */
function TotpCodeScreen({
  reasons,
  problem,
  formId,
  form,
  onSubmit,
  verifying,
  recovery,
  onToggleRecovery,
}: {
  reasons: ReactNode;
  problem: Problem | null;
  formId: string;
  form: CodeForm;
  onSubmit: Submit;
  verifying: boolean;
  recovery: boolean;
  onToggleRecovery: () => void;
}) {
  return (
    <Stack gap="md">
      {reasons}
      <FormProblemAlert problem={problem} />
      <form id={formId} onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {recovery ? (
            <TextInput
              // The field appears after a click (« Envoyer le code », « Utiliser un code de
              // secours »), or is the only field of the screen: it takes the focus.
              autoFocus
              label="Code de secours"
              description="L’un des 10 codes de secours que vous avez conservés, par exemple 4f2a9-c81d0. Chaque code ne sert qu’une fois."
              autoComplete="off"
              spellCheck={false}
              autoCapitalize="none"
              maxLength={20}
              required
              size="md"
              key={form.key('code') + '-recovery'}
              {...form.getInputProps('code')}
            />
          ) : (
            <TextInput
              autoFocus
              label="Code de votre application d’authentification"
              description="Les 6 chiffres affichés par votre application pour ce site."
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              required
              size="md"
              key={form.key('code') + '-app'}
              {...form.getInputProps('code')}
            />
          )}
          <Button type="submit" size="md" fullWidth loading={verifying}>
            Continuer
          </Button>
        </Stack>
      </form>
      <Anchor component="button" type="button" size="sm" ta="left" onClick={onToggleRecovery}>
        {recovery ? 'Utiliser le code de mon application' : 'Utiliser un code de secours'}
      </Anchor>
    </Stack>
  );
}

/** « Envoyer le code »: to the account's number, or to the number typed here. */
function SendCodeScreen({
  reasons,
  problem,
  pending,
  formId,
  form,
  onSubmit,
  sending,
  onSend,
}: {
  reasons: ReactNode;
  problem: Problem | null;
  pending: PendingSecondFactor | null;
  formId: string;
  form: UseFormReturnType<{ mobilePhone: string }>;
  onSubmit: Submit;
  sending: boolean;
  onSend: () => void;
}) {
  const askPhone = pending !== null && pending.maskedPhone === null;
  return (
    <Stack gap="md">
      {reasons}
      <FormProblemAlert problem={problem} />
      {askPhone ? (
        <form id={formId} onSubmit={onSubmit} onFocus={() => void loadPhoneCheck()} noValidate>
          <Stack gap="md">
            <TextInput
              label="Indiquez votre numéro de téléphone mobile"
              description="Nous vous enverrons un code à 6 chiffres par SMS. Exemple : 06 12 34 56 78"
              type="tel"
              inputMode="tel"
              autoComplete="tel"
              required
              size="md"
              key={form.key('mobilePhone')}
              {...form.getInputProps('mobilePhone')}
            />
            <Button type="submit" size="md" fullWidth loading={sending}>
              Envoyer le code
            </Button>
          </Stack>
        </form>
      ) : (
        <Stack gap="md">
          {pending?.maskedPhone ? (
            <Stack gap={4}>
              <Text>
                Confirmez votre numéro :{' '}
                <Text span fw={700} style={{ whiteSpace: 'nowrap' }}>
                  {pending.maskedPhone}
                </Text>
              </Text>
              <Text size="sm" c="gray.8">
                Nous allons vous envoyer un code à 6 chiffres par SMS à ce numéro.
              </Text>
            </Stack>
          ) : (
            <Text>
              Nous allons envoyer un code à 6 chiffres par SMS au numéro de téléphone mobile de
              votre compte.
            </Text>
          )}
          <Button size="md" fullWidth loading={sending} onClick={onSend}>
            Envoyer le code
          </Button>
          {pending?.maskedPhone ? (
            <Text size="xs" c="dimmed">
              Ce n’est plus votre numéro ? Contactez l’administrateur de votre espace ou nos
              conseillers : pour votre sécurité, il ne peut pas être changé ici.
            </Text>
          ) : null}
        </Stack>
      )}
    </Stack>
  );
}

/** The code received by SMS, and « Renvoyer le code » once the delay is over. */
function SmsCodeScreen({
  reasons,
  problem,
  sent,
  formId,
  form,
  onSubmit,
  verifying,
  resendIn,
  sending,
  onResend,
}: {
  reasons: ReactNode;
  problem: Problem | null;
  sent: NonNullable<PendingSecondFactor['sent']>;
  formId: string;
  form: CodeForm;
  onSubmit: Submit;
  verifying: boolean;
  resendIn: number;
  sending: boolean;
  onResend: () => void;
}) {
  return (
    <Stack gap="md">
      {reasons}
      <SmsCodeSent maskedPhone={sent.maskedPhone} />
      <FormProblemAlert problem={problem} />
      <form id={formId} onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <SmsCodeInput size="md" key={form.key('code')} {...form.getInputProps('code')} />
          <Button type="submit" size="md" fullWidth loading={verifying}>
            Continuer
          </Button>
        </Stack>
      </form>
      <ResendCode resendIn={resendIn} sending={sending} onResend={onResend} />
    </Stack>
  );
}

/** « Continuer »: the code checked; a wrong or expired code is said on its field. */
function useVerifyCode(
  space: AuthSpace,
  redirectTo: string | undefined,
  codeForm: CodeForm,
  codeFormId: string,
  handleCommonError: (error: unknown) => boolean,
  { show, clear }: { show: (message: string) => void; clear: () => void },
) {
  const afterSignIn = useAfterSignIn(space, redirectTo);
  const verify = useVerifySignInCode();
  const submitCode = codeForm.onSubmit(
    (values) => {
      if (verify.isPending) return;
      clear();
      verify.mutate(
        { code: values.code.trim() },
        {
          onSuccess: (result) => {
            if (result.status === 'signed_in') void afterSignIn(result.user);
          },
          onError: (error) => {
            if (handleCommonError(error)) return;
            if (showCodeError(codeForm, codeFormId, error)) return;
            show(errorMessage(error));
          },
        },
      );
    },
    () => focusFirstInvalid(codeFormId),
  );
  return { submitCode, verifying: verify.isPending };
}

/**
 * The attempt this tab knows (method, number, code sent), updated as the server answers, and
 * the answers every call may give: the attempt expired (back to sign-in), the account uses an app.
 */
function usePendingAttempt(
  space: AuthSpace,
  pending: PendingSecondFactor | null,
  redirectTo: string | undefined,
  show: (message: string) => void,
) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const method = pending?.method ?? 'sms';
  const sent = pending?.sent ?? null;

  const update = (next: Partial<PendingSecondFactor>) =>
    setPendingSecondFactor(queryClient, space, {
      method,
      maskedPhone: pending?.maskedPhone ?? null,
      reasons: pending?.reasons ?? [],
      sent,
      ...next,
    });

  /** Errors every call may answer. True when handled. */
  const handleCommonError = (error: unknown): boolean => {
    const code = errorCode(error);
    if (code === 'second_factor_pending') {
      setPendingSecondFactor(queryClient, space, null);
      void navigate({
        to: SPACE_PAGES[space].signIn,
        search: { notice: 'attempt_expired', ...(redirectTo ? { redirect: redirectTo } : {}) },
      });
      return true;
    }
    if (code === 'totp_enabled') {
      update({ method: 'totp', sent: null });
      show(errorMessage(error));
      return true;
    }
    return false;
  };

  return { update, handleCommonError };
}

/**
 * What the screen does with the server: send a code (to a typed number too), check a code, and
 * the answers every call may give (the attempt expired, the account uses an app).
 */
function useSecondFactor(
  space: AuthSpace,
  pending: PendingSecondFactor | null,
  redirectTo: string | undefined,
) {
  const send = useSendSignInCode();
  const { problem, show, clear } = useProblem();
  const codeFormId = useId();
  const phoneFormId = useId();

  const method = pending?.method ?? 'sms';
  const sent = pending?.sent ?? null;
  /** The number typed on this screen, sent again with « Renvoyer le code ». */
  const [typedPhone, setTypedPhone] = useState<string | undefined>(undefined);
  const [recovery, setRecovery] = useState(false);

  const { update, handleCommonError } = usePendingAttempt(space, pending, redirectTo, show);

  const phoneForm = useAppForm<{ mobilePhone: string }>({
    mode: 'uncontrolled',
    initialValues: { mobilePhone: '' },
    validate: zodResolver(PhoneFormSchema),
    validateInputOnBlur: true,
  });

  const codeForm = useAppForm<{ code: string }>({
    mode: 'uncontrolled',
    initialValues: { code: '' },
    validate: (values) =>
      zodResolver(method === 'totp' && recovery ? RecoveryCodeSchema : SmsCodeSchema)(values),
  });

  const sendCode = (mobilePhone: string | undefined) => {
    if (send.isPending) return;
    clear();
    send.mutate(mobilePhone ? { mobilePhone } : {}, {
      onSuccess: (result) => {
        if (mobilePhone) setTypedPhone(mobilePhone);
        codeForm.setFieldValue('code', '');
        codeForm.clearErrors();
        update({ sent: result, maskedPhone: pending?.maskedPhone ?? null });
      },
      onError: (error) => {
        if (handleCommonError(error)) return;
        const code = errorCode(error);
        if (code === 'phone_required') {
          update({ maskedPhone: null, sent: null });
          phoneForm.setErrors(fieldErrors(error));
          focusFirstInvalid(phoneFormId);
          return;
        }
        const fields = fieldErrors(error);
        if (fields.mobilePhone) {
          phoneForm.setErrors(fields);
          focusFirstInvalid(phoneFormId);
        }
        show(errorMessage(error));
      },
    });
  };

  const submitPhone = afterPhoneCheck(
    phoneForm.onSubmit(
      (values) => {
        const parsed = PhoneFormSchema.safeParse(values);
        if (parsed.success) sendCode(parsed.data.mobilePhone);
      },
      () => focusFirstInvalid(phoneFormId),
    ),
  );

  const { submitCode, verifying } = useVerifyCode(
    space,
    redirectTo,
    codeForm,
    codeFormId,
    handleCommonError,
    { show, clear },
  );

  const toggleRecovery = () => {
    setRecovery((r) => !r);
    codeForm.setFieldValue('code', '');
    codeForm.clearErrors();
  };

  return {
    method,
    sent,
    problem,
    recovery,
    toggleRecovery,
    sendCode,
    resend: () => sendCode(typedPhone),
    sending: send.isPending,
    verifying,
    phone: { formId: phoneFormId, form: phoneForm, onSubmit: submitPhone },
    code: { formId: codeFormId, form: codeForm, onSubmit: submitCode },
  };
}

/**
 * The security screen (« Double authentification », SPEC §4.2): confirm or give the mobile
 * number, « Envoyer le code », then the 6-digit code and « Continuer »; or the authenticator
 * app's code (or a recovery code) when the account uses one.
 */
export function SecondFactorForm({
  space,
  pending,
  redirectTo,
}: {
  space: AuthSpace;
  /** What the sign-in answered; null when this tab does not know (the server will tell). */
  pending: PendingSecondFactor | null;
  redirectTo: string | undefined;
}) {
  const screen = useSecondFactor(space, pending, redirectTo);
  const resendIn = useCountdown(screen.sent?.resendAvailableAt);
  const reasons = <Reasons reasons={pending?.reasons ?? []} />;

  if (screen.method === 'totp') {
    return (
      <TotpCodeScreen
        reasons={reasons}
        problem={screen.problem}
        {...screen.code}
        verifying={screen.verifying}
        recovery={screen.recovery}
        onToggleRecovery={screen.toggleRecovery}
      />
    );
  }
  if (!screen.sent) {
    return (
      <SendCodeScreen
        reasons={reasons}
        problem={screen.problem}
        pending={pending}
        {...screen.phone}
        sending={screen.sending}
        onSend={() => screen.sendCode(undefined)}
      />
    );
  }
  return (
    <SmsCodeScreen
      reasons={reasons}
      problem={screen.problem}
      sent={screen.sent}
      {...screen.code}
      verifying={screen.verifying}
      resendIn={resendIn}
      sending={screen.sending}
      onResend={screen.resend}
    />
  );
}
