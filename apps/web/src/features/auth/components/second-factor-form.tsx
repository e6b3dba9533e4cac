import { useId, useState } from 'react';
import { Alert, Anchor, Button, List, Stack, Text, TextInput } from '@mantine/core';
import { useAppForm } from '../../../lib/use-app-form';
import { IconAlertCircle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { z } from 'zod';
import { OneTimeCodeSchema, VerifyCodeRequestSchema } from '@affilia/shared/schemas/auth';
import { MobilePhoneSchema } from '@affilia/shared/validators/zod-phone';
import { errorCode, errorMessage, fieldErrors, focusFirstInvalid } from '../../../lib/form-errors';
import { formatDelay } from '../../../lib/format-date';
import { useCountdown } from '../../../lib/use-countdown';
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

const PhoneFormSchema = z.object({ mobilePhone: MobilePhoneSchema });
const SmsCodeSchema = z.object({ code: OneTimeCodeSchema });
const RecoveryCodeSchema = VerifyCodeRequestSchema;

/** Errors shown on the code field rather than in the alert. */
const CODE_ERRORS = new Set(['code_invalid', 'code_expired']);

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

function ProblemAlert({ problem }: { problem: Problem | null }) {
  if (!problem) return null;
  return (
    <Alert
      key={problem.id}
      role="alert"
      color="red"
      variant="light"
      icon={<IconAlertCircle aria-hidden />}
    >
      {problem.message}
    </Alert>
  );
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
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const afterSignIn = useAfterSignIn(space, redirectTo);
  const send = useSendSignInCode();
  const verify = useVerifySignInCode();
  const { problem, show, clear } = useProblem();
  const codeFormId = useId();
  const phoneFormId = useId();

  const method = pending?.method ?? 'sms';
  const sent = pending?.sent ?? null;
  /** The number typed on this screen, sent again with « Renvoyer le code ». */
  const [typedPhone, setTypedPhone] = useState<string | undefined>(undefined);
  const [recovery, setRecovery] = useState(false);
  const resendIn = useCountdown(sent?.resendAvailableAt);

  const update = (next: Partial<PendingSecondFactor>) =>
    setPendingSecondFactor(queryClient, space, {
      method,
      maskedPhone: pending?.maskedPhone ?? null,
      reasons: pending?.reasons ?? [],
      sent,
      ...next,
    });

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

  const submitPhone = phoneForm.onSubmit(
    (values) => {
      const parsed = PhoneFormSchema.safeParse(values);
      if (parsed.success) sendCode(parsed.data.mobilePhone);
    },
    () => focusFirstInvalid(phoneFormId),
  );

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
            const code = errorCode(error);
            if (code && CODE_ERRORS.has(code)) {
              codeForm.setErrors({ code: errorMessage(error) });
              if (code === 'code_expired') codeForm.setFieldValue('code', '');
              focusFirstInvalid(codeFormId);
              return;
            }
            show(errorMessage(error));
          },
        },
      );
    },
    () => focusFirstInvalid(codeFormId),
  );

  const reasons = <Reasons reasons={pending?.reasons ?? []} />;

  // --- Authenticator app ---------------------------------------------------------------------
  if (method === 'totp') {
    return (
      <Stack gap="md">
        {reasons}
        <ProblemAlert problem={problem} />
        <form id={codeFormId} onSubmit={submitCode} noValidate>
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
                key={codeForm.key('code') + '-recovery'}
                {...codeForm.getInputProps('code')}
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
                key={codeForm.key('code') + '-app'}
                {...codeForm.getInputProps('code')}
              />
            )}
            <Button type="submit" size="md" fullWidth loading={verify.isPending}>
              Continuer
            </Button>
          </Stack>
        </form>
        <Anchor
          component="button"
          type="button"
          size="sm"
          ta="left"
          onClick={() => {
            setRecovery((r) => !r);
            codeForm.setFieldValue('code', '');
            codeForm.clearErrors();
          }}
        >
          {recovery ? 'Utiliser le code de mon application' : 'Utiliser un code de secours'}
        </Anchor>
      </Stack>
    );
  }

  // --- SMS code: « Envoyer le code » ---------------------------------------------------------
  if (!sent) {
    const askPhone = pending !== null && pending.maskedPhone === null;
    return (
      <Stack gap="md">
        {reasons}
        <ProblemAlert problem={problem} />
        {askPhone ? (
          <form id={phoneFormId} onSubmit={submitPhone} noValidate>
            <Stack gap="md">
              <TextInput
                label="Indiquez votre numéro de téléphone mobile"
                description="Nous vous enverrons un code à 6 chiffres par SMS. Exemple : 06 12 34 56 78"
                type="tel"
                inputMode="tel"
                autoComplete="tel"
                required
                size="md"
                key={phoneForm.key('mobilePhone')}
                {...phoneForm.getInputProps('mobilePhone')}
              />
              <Button type="submit" size="md" fullWidth loading={send.isPending}>
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
            <Button
              size="md"
              fullWidth
              loading={send.isPending}
              onClick={() => sendCode(undefined)}
            >
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

  // --- SMS code: « Continuer » ---------------------------------------------------------------
  return (
    <Stack gap="md">
      {reasons}
      <Text role="status">
        Un code à 6 chiffres vient d’être envoyé par SMS au{' '}
        <Text span fw={700} style={{ whiteSpace: 'nowrap' }}>
          {sent.maskedPhone}
        </Text>
        .
      </Text>
      <ProblemAlert problem={problem} />
      <form id={codeFormId} onSubmit={submitCode} noValidate>
        <Stack gap="md">
          <TextInput
            autoFocus
            label="Code reçu par SMS"
            description="Le code est valable 5 minutes."
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            required
            size="md"
            key={codeForm.key('code')}
            {...codeForm.getInputProps('code')}
          />
          <Button type="submit" size="md" fullWidth loading={verify.isPending}>
            Continuer
          </Button>
        </Stack>
      </form>
      <Stack gap={2} align="flex-start">
        <Text size="sm" c="gray.8">
          Vous n’avez rien reçu ?
        </Text>
        <Button
          variant="subtle"
          size="compact-sm"
          px={0}
          disabled={resendIn > 0}
          loading={send.isPending}
          onClick={() => sendCode(typedPhone)}
        >
          {resendIn > 0 ? `Renvoyer le code (dans ${formatDelay(resendIn)})` : 'Renvoyer le code'}
        </Button>
      </Stack>
    </Stack>
  );
}
