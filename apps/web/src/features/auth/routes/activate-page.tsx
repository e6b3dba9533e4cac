import { useEffect, useId, useRef, useState } from 'react';
import { Box, Divider, Stack } from '@mantine/core';
import {
  activationAccountSchemas,
  ActivationIdentifyRequestSchema,
} from '@affilia/shared/schemas/activation-steps';
import { AuthCard } from '../../../components/auth-card';
import { AnchorLink } from '../../../components/links';
import { validateConfirmation } from '../../../components/new-password-fields';
import { paths } from '../../../config/paths';
import { errorCode, errorMessage, fieldErrors, focusFirstInvalid } from '../../../lib/form-errors';
import { useAppForm } from '../../../lib/use-app-form';
import { afterPhoneCheck, FormMobilePhoneSchema } from '../../../lib/mobile-phone';
import { zodResolver } from '../../../lib/zod-resolver';
import {
  useCompleteActivation,
  useCurrentTerms,
  useIdentifyEstablishment,
} from '../api/use-activation';
import type {
  AccountValues,
  Identified,
  IdentifyValues,
  PasswordValues,
  Problem,
  Step,
} from '../components/activation-step-forms';
import {
  AccountStep,
  EmailSent,
  IdentifyStep,
  PasswordStep,
  STEP_HEADING_ID,
  sameIdentity,
} from '../components/activation-step-forms';
import { ActivationSteps } from '../components/activation-steps';

// The mobile's check loads when the account step is filled (lib/mobile-phone.ts).
const { ActivationAccountSchema, ActivationCompleteRequestSchema } =
  activationAccountSchemas(FormMobilePhoneSchema);
const PasswordStepSchema = ActivationCompleteRequestSchema.pick({
  password: true,
  acceptTerms: true,
});

const ACCOUNT_FIELDS = new Set(['lastName', 'firstName', 'email', 'mobilePhone']);

/** Where the person is in the three steps, what step 1 proved, the problem shown. */
function useActivationState() {
  const [step, setStep] = useState<Step>(0);
  const [identified, setIdentified] = useState<Identified | null>(null);
  const [doneEmail, setDoneEmail] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  // A new step takes the focus, so that screen readers announce it and the keyboard starts there.
  const shownStep = useRef(step);
  useEffect(() => {
    if (shownStep.current === step) return;
    shownStep.current = step;
    document.getElementById(STEP_HEADING_ID)?.focus();
  }, [step]);

  const showProblem = (message: string, title?: string) =>
    setProblem((p) => ({ id: (p?.id ?? 0) + 1, message, ...(title ? { title } : {}) }));

  const goTo = (next: Step) => {
    setProblem(null);
    setStep(next);
  };

  return {
    step,
    goTo,
    identified,
    setIdentified,
    doneEmail,
    setDoneEmail,
    problem,
    setProblem,
    showProblem,
  };
}

type ActivationState = ReturnType<typeof useActivationState>;

/** Step 1: the numbers checked by the API (with the captcha), once per pair of numbers. */
function useIdentifyStep({
  identified,
  setIdentified,
  goTo,
  setProblem,
  showProblem,
}: ActivationState) {
  const identifyId = useId();
  const identify = useIdentifyEstablishment();
  const identifyForm = useAppForm<IdentifyValues>({
    initialValues: { siret: '', companyIdentifier: '', captcha: null },
    validate: (values) => {
      const errors = zodResolver(ActivationIdentifyRequestSchema)(values);
      // Coming back with the same numbers: the establishment is already identified.
      if (sameIdentity(values, identified)) delete errors.captcha;
      return errors;
    },
  });
  const submitIdentify = identifyForm.onSubmit(
    (values) => {
      if (identify.isPending) return;
      if (sameIdentity(values, identified)) {
        goTo(1);
        return;
      }
      const parsed = ActivationIdentifyRequestSchema.safeParse(values);
      if (!parsed.success) return;
      setProblem(null);
      identify.mutate(parsed.data, {
        onSuccess: (result) => {
          setIdentified({
            ...result,
            siret: parsed.data.siret,
            companyIdentifier: parsed.data.companyIdentifier,
          });
          identifyForm.setFieldValue('captcha', null);
          goTo(1);
        },
        onError: (error) => {
          // A captcha answer is accepted once: whatever went wrong, a new one is needed.
          identifyForm.setFieldValue('captcha', null);
          setIdentified(null);
          const code = errorCode(error);
          if (code === 'activation_admin_exists') {
            showProblem(errorMessage(error), 'Cet espace est déjà activé');
            return;
          }
          if (code === 'activation_mismatch') {
            showProblem(errorMessage(error), 'Établissement non reconnu');
            return;
          }
          identifyForm.setErrors(fieldErrors(error));
          showProblem(errorMessage(error));
          focusFirstInvalid(identifyId);
        },
      });
    },
    () => focusFirstInvalid(identifyId),
  );
  return {
    formId: identifyId,
    form: identifyForm,
    pending: identify.isPending,
    onSubmit: submitIdentify,
  };
}

/** Step 3: the account created with step 2's values; an error sends back to its step. */
function usePasswordStep(
  { identified, setIdentified, goTo, setProblem, showProblem, setDoneEmail }: ActivationState,
  accountForm: ReturnType<typeof useAppForm<AccountValues>>,
  accountId: string,
) {
  const passwordId = useId();
  const complete = useCompleteActivation();
  const terms = useCurrentTerms();
  const passwordForm = useAppForm<PasswordValues>({
    initialValues: { password: '', confirmPassword: '', acceptTerms: false },
    validate: (values) => ({
      ...validateConfirmation(values),
      ...zodResolver(PasswordStepSchema)(values),
    }),
  });
  const submitPassword = passwordForm.onSubmit(
    (values) => {
      if (complete.isPending || !identified) return;
      if (!terms.data) {
        showProblem('Les conditions générales n’ont pas pu être chargées. Réessayez.');
        return;
      }
      const parsed = ActivationCompleteRequestSchema.safeParse({
        ...accountForm.getValues(),
        ticket: identified.ticket,
        password: values.password,
        termsVersionId: terms.data.id,
        acceptTerms: values.acceptTerms,
      });
      if (!parsed.success) {
        // Step 2's values were checked there; anything left is on this step.
        passwordForm.validate();
        return;
      }
      setProblem(null);
      complete.mutate(parsed.data, {
        onSuccess: (result) => setDoneEmail(result.email),
        onError: (error) => {
          const code = errorCode(error);
          const fields = fieldErrors(error);
          if (code === 'activation_ticket_invalid') {
            setIdentified(null);
            goTo(0);
            showProblem(errorMessage(error));
            return;
          }
          if (code === 'terms_outdated') {
            passwordForm.setFieldValue('acceptTerms', false);
            void terms.refetch();
            showProblem(errorMessage(error));
            return;
          }
          const accountErrors = Object.fromEntries(
            Object.entries(fields).filter(([field]) => ACCOUNT_FIELDS.has(field)),
          );
          if (Object.keys(accountErrors).length > 0) {
            goTo(1);
            accountForm.setErrors(accountErrors);
            showProblem(errorMessage(error));
            focusFirstInvalid(accountId);
            return;
          }
          passwordForm.setErrors(fields);
          showProblem(
            errorMessage(error),
            code === 'activation_admin_exists' ? 'Cet espace est déjà activé' : undefined,
          );
          focusFirstInvalid(passwordId);
        },
      });
    },
    () => focusFirstInvalid(passwordId),
  );
  return {
    formId: passwordId,
    form: passwordForm,
    terms,
    pending: complete.isPending,
    onSubmit: submitPassword,
  };
}

/** `/activer-mon-espace`: « Créer mon compte » in three steps (SPEC §4.1). */
export function ActivatePage() {
  const state = useActivationState();
  const { step, identified, problem, goTo } = state;
  const accountId = useId();
  const accountForm = useAppForm<AccountValues>({
    mode: 'uncontrolled',
    initialValues: { lastName: '', firstName: '', email: '', mobilePhone: '' },
    validate: zodResolver(ActivationAccountSchema),
    validateInputOnBlur: true,
  });
  const identifyStep = useIdentifyStep(state);
  const passwordStep = usePasswordStep(state, accountForm, accountId);

  if (state.doneEmail) return <EmailSent email={state.doneEmail} />;

  const submitAccount = afterPhoneCheck(
    accountForm.onSubmit(
      () => goTo(2),
      () => focusFirstInvalid(accountId),
    ),
  );

  return (
    <Box py={{ base: 0, md: 'md' }}>
      <AuthCard title="Créer mon compte" size="md">
        <ActivationSteps current={step} />
        <Divider />
        {step === 0 ? (
          <IdentifyStep {...identifyStep} identified={identified} problem={problem} />
        ) : null}
        {step === 1 && identified ? (
          <AccountStep
            formId={accountId}
            form={accountForm}
            identified={identified}
            problem={problem}
            onSubmit={submitAccount}
            onBack={() => goTo(0)}
          />
        ) : null}
        {step === 2 && identified ? (
          <PasswordStep
            {...passwordStep}
            account={accountForm.getValues()}
            problem={problem}
            onBack={() => goTo(1)}
          />
        ) : null}
        <Divider />
        <Stack align="center">
          <AnchorLink to={paths.signIn} size="sm">
            J’ai déjà un compte : revenir à la connexion
          </AnchorLink>
        </Stack>
      </AuthCard>
    </Box>
  );
}
