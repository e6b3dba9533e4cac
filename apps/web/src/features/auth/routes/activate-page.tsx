import type { ReactNode } from 'react';
import { useEffect, useId, useRef, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Checkbox,
  Divider,
  Group,
  Stack,
  Text,
  TextInput,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { useAppForm } from '../../../lib/use-app-form';
import { IconAlertCircle, IconBuilding, IconMailCheck } from '@tabler/icons-react';
import {
  ActivationAccountSchema,
  ActivationCompleteRequestSchema,
  ActivationIdentifyRequestSchema,
} from '@affilia/shared/schemas/activation';
import { CaptchaField } from '../../../components/captcha-field';
import { AnchorLink, ButtonLink } from '../../../components/links';
import { paths } from '../../../config/paths';
import { errorCode, errorMessage, fieldErrors, focusFirstInvalid } from '../../../lib/form-errors';
import { zodResolver } from '../../../lib/zod-resolver';
import type { ActivationIdentifyResult } from '../api/use-activation';
import {
  useCompleteActivation,
  useCurrentTerms,
  useIdentifyEstablishment,
} from '../api/use-activation';
import { useResendConfirmation } from '../api/use-sign-in';
import { ActivationSteps } from '../components/activation-steps';
import { AuthCard } from '../../../components/auth-card';
import type { NewPasswordValues } from '../../../components/new-password-fields';
import { NewPasswordFields, validateConfirmation } from '../../../components/new-password-fields';
import { TermsBox } from '../components/terms-box';

type Step = 0 | 1 | 2;

const STEP_TITLES: Record<Step, string> = {
  0: 'Identification de mon établissement',
  1: 'Mes informations',
  2: 'Mot de passe',
};

interface IdentifyValues {
  siret: string;
  companyIdentifier: string;
  captcha: string | null;
}

interface AccountValues {
  lastName: string;
  firstName: string;
  email: string;
  mobilePhone: string;
}

interface PasswordValues extends NewPasswordValues {
  acceptTerms: boolean;
}

/** What step 1 proved, and for which numbers. */
interface Identified extends ActivationIdentifyResult {
  siret: string;
  companyIdentifier: string;
}

interface Problem {
  id: number;
  title?: string;
  message: string;
}

const PasswordStepSchema = ActivationCompleteRequestSchema.pick({
  password: true,
  acceptTerms: true,
});

const ACCOUNT_FIELDS = new Set(['lastName', 'firstName', 'email', 'mobilePhone']);

/** The numbers of step 1 as the API reads them (to know whether they changed since). */
function normalizedIdentity(values: IdentifyValues): { siret: string; companyIdentifier: string } {
  const parsed = ActivationIdentifyRequestSchema.pick({
    siret: true,
    companyIdentifier: true,
  }).safeParse(values);
  return parsed.success ? parsed.data : { siret: values.siret, companyIdentifier: '' };
}

function sameIdentity(values: IdentifyValues, identified: Identified | null): boolean {
  if (!identified) return false;
  const current = normalizedIdentity(values);
  return (
    current.siret === identified.siret && current.companyIdentifier === identified.companyIdentifier
  );
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
      title={problem.title}
    >
      {problem.message}
    </Alert>
  );
}

/** The id of the current step's heading, which takes the focus when the step changes. */
const STEP_HEADING_ID = 'etape-en-cours';

function StepHeading({ step, children }: { step: Step; children?: ReactNode }) {
  return (
    <Stack gap={4}>
      <Title order={2} fz="lg" id={STEP_HEADING_ID} tabIndex={-1} style={{ outline: 'none' }}>
        <Text span size="sm" c="gray.7" fw={600} display="block">
          Étape {step + 1} sur 3
        </Text>
        {STEP_TITLES[step]}
      </Title>
      {children}
    </Stack>
  );
}

function EmailSent({ email }: { email: string }) {
  const resend = useResendConfirmation();
  return (
    <Box py={{ base: 0, md: 'xl' }}>
      <AuthCard title="Vérifiez votre boîte e-mail">
        <Stack gap="md">
          <Group gap="md" wrap="nowrap" align="flex-start">
            <ThemeIcon size={48} radius="xl" variant="light" color="teal" aria-hidden>
              <IconMailCheck size={28} />
            </ThemeIcon>
            <Stack gap="xs" style={{ flex: 1 }}>
              <Text>
                Votre compte est créé. Nous venons d’envoyer un lien de confirmation à{' '}
                <Text span fw={700}>
                  {email}
                </Text>
                .
              </Text>
              <Text>
                Cliquez sur ce lien pour confirmer votre adresse : vous pourrez ensuite vous
                connecter à votre espace avec cette adresse et votre mot de passe.
              </Text>
              <Text size="sm" c="gray.8">
                Le lien est valable 48 heures. Rien reçu après quelques minutes ? Vérifiez vos
                courriers indésirables.
              </Text>
            </Stack>
          </Group>
          {resend.isSuccess ? (
            <Text size="sm" role="status">
              Un nouvel e-mail de confirmation vient d’être envoyé à {email}.
            </Text>
          ) : (
            <Button
              variant="default"
              loading={resend.isPending}
              onClick={() => {
                if (!resend.isPending) resend.mutate({ email });
              }}
            >
              Renvoyer l’e-mail de confirmation
            </Button>
          )}
          <Divider />
          <ButtonLink to={paths.signIn} variant="light">
            Aller à la page de connexion
          </ButtonLink>
        </Stack>
      </AuthCard>
    </Box>
  );
}

/** `/activer-mon-espace`: « Créer mon compte » in three steps (SPEC §4.1). */
export function ActivatePage() {
  const [step, setStep] = useState<Step>(0);
  const [identified, setIdentified] = useState<Identified | null>(null);
  const [doneEmail, setDoneEmail] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const identifyId = useId();
  const accountId = useId();
  const passwordId = useId();
  const identify = useIdentifyEstablishment();
  const complete = useCompleteActivation();
  const terms = useCurrentTerms();

  // A new step takes the focus, so that screen readers announce it and the keyboard starts there.
  const shownStep = useRef(step);
  useEffect(() => {
    if (shownStep.current === step) return;
    shownStep.current = step;
    document.getElementById(STEP_HEADING_ID)?.focus();
  }, [step]);

  const showProblem = (message: string, title?: string) =>
    setProblem((p) => ({ id: (p?.id ?? 0) + 1, message, ...(title ? { title } : {}) }));

  const identifyForm = useAppForm<IdentifyValues>({
    initialValues: { siret: '', companyIdentifier: '', captcha: null },
    validate: (values) => {
      const errors = zodResolver(ActivationIdentifyRequestSchema)(values);
      // Coming back with the same numbers: the establishment is already identified.
      if (sameIdentity(values, identified)) delete errors.captcha;
      return errors;
    },
  });

  const accountForm = useAppForm<AccountValues>({
    mode: 'uncontrolled',
    initialValues: { lastName: '', firstName: '', email: '', mobilePhone: '' },
    validate: zodResolver(ActivationAccountSchema),
    validateInputOnBlur: true,
  });

  const passwordForm = useAppForm<PasswordValues>({
    initialValues: { password: '', confirmPassword: '', acceptTerms: false },
    validate: (values) => ({
      ...validateConfirmation(values),
      ...zodResolver(PasswordStepSchema)(values),
    }),
  });

  const goTo = (next: Step) => {
    setProblem(null);
    setStep(next);
  };

  if (doneEmail) return <EmailSent email={doneEmail} />;

  // --- Step 1 ---------------------------------------------------------------------------------
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

  // --- Step 2 ---------------------------------------------------------------------------------
  const submitAccount = accountForm.onSubmit(
    () => goTo(2),
    () => focusFirstInvalid(accountId),
  );

  // --- Step 3 ---------------------------------------------------------------------------------
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

  const identifiedNow = sameIdentity(identifyForm.values, identified);
  const account = accountForm.getValues();

  return (
    <Box py={{ base: 0, md: 'md' }}>
      <AuthCard title="Créer mon compte" size="md">
        <ActivationSteps current={step} />
        <Divider />

        {step === 0 ? (
          <form id={identifyId} onSubmit={submitIdentify} noValidate>
            <Stack gap="md">
              <StepHeading step={0}>
                <Text size="sm" c="gray.8">
                  Les champs marqués d’un astérisque (*) sont obligatoires.
                </Text>
              </StepHeading>
              <ProblemAlert problem={problem} />
              <TextInput
                label="Numéro de SIRET de mon établissement"
                description="14 chiffres, par exemple 732 829 320 00074"
                inputMode="numeric"
                autoComplete="off"
                required
                size="md"
                maxLength={20}
                {...identifyForm.getInputProps('siret')}
              />
              <TextInput
                label="Identifiant entreprise"
                description={
                  <>
                    Retrouvez votre identifiant entreprise via le « Numéro entreprise » figurant sur
                    les courriers envoyés par votre assureur. Si vous n’êtes pas en possession de
                    cette donnée, veuillez vous rapprocher de l’assureur du contrat.
                  </>
                }
                autoComplete="off"
                spellCheck={false}
                autoCapitalize="characters"
                required
                size="md"
                maxLength={40}
                {...identifyForm.getInputProps('companyIdentifier')}
              />
              {identifiedNow && identified ? (
                <Group gap="xs" wrap="nowrap" role="status">
                  <IconBuilding size={20} aria-hidden />
                  <Text size="sm">
                    Établissement identifié :{' '}
                    <Text span fw={700}>
                      {identified.establishmentName}
                    </Text>
                  </Text>
                </Group>
              ) : (
                <CaptchaField
                  value={identifyForm.values.captcha}
                  onChange={(payload) => identifyForm.setFieldValue('captcha', payload)}
                  error={
                    typeof identifyForm.errors.captcha === 'string'
                      ? identifyForm.errors.captcha
                      : undefined
                  }
                />
              )}
              <Group justify="flex-end">
                <Button type="submit" size="md" loading={identify.isPending}>
                  Valider
                </Button>
              </Group>
            </Stack>
          </form>
        ) : null}

        {step === 1 && identified ? (
          <form id={accountId} onSubmit={submitAccount} noValidate>
            <Stack gap="md">
              <StepHeading step={1}>
                <Text size="sm" c="gray.8">
                  Vos informations personnelles. L’adresse e-mail saisie ci-dessous sera utilisée
                  pour vous connecter à votre espace.
                </Text>
              </StepHeading>
              <Group gap="xs" wrap="nowrap">
                <IconBuilding size={20} aria-hidden />
                <Text>
                  Mon établissement :{' '}
                  <Text span fw={700}>
                    {identified.establishmentName}
                  </Text>
                </Text>
              </Group>
              <ProblemAlert problem={problem} />
              <TextInput
                label="Mon Nom"
                autoComplete="family-name"
                required
                size="md"
                key={accountForm.key('lastName')}
                {...accountForm.getInputProps('lastName')}
              />
              <TextInput
                label="Mon Prénom"
                autoComplete="given-name"
                required
                size="md"
                key={accountForm.key('firstName')}
                {...accountForm.getInputProps('firstName')}
              />
              <TextInput
                label="Mon adresse E-mail"
                description="Exemple : sophie@mandarine.fr — elle deviendra votre identifiant de connexion."
                type="email"
                inputMode="email"
                autoComplete="email"
                spellCheck={false}
                autoCapitalize="none"
                required
                size="md"
                key={accountForm.key('email')}
                {...accountForm.getInputProps('email')}
              />
              <TextInput
                label="Mon numéro de Téléphone mobile"
                description="Il servira à recevoir par SMS le code de sécurité de la double authentification. Exemple : 06 12 34 56 78"
                type="tel"
                inputMode="tel"
                autoComplete="tel"
                required
                size="md"
                key={accountForm.key('mobilePhone')}
                {...accountForm.getInputProps('mobilePhone')}
              />
              <Group justify="space-between">
                <Button variant="default" size="md" onClick={() => goTo(0)}>
                  Retour
                </Button>
                <Button type="submit" size="md">
                  Valider
                </Button>
              </Group>
            </Stack>
          </form>
        ) : null}

        {step === 2 && identified ? (
          <form id={passwordId} onSubmit={submitPassword} noValidate>
            <Stack gap="md">
              <StepHeading step={2}>
                <Text size="sm" c="gray.8">
                  Choisissez un mot de passe sécurisé, puis acceptez les conditions générales
                  d’utilisation.
                </Text>
              </StepHeading>
              <ProblemAlert problem={problem} />
              {/* Lets password managers file the new password under the right account. */}
              <input
                type="email"
                name="username"
                autoComplete="username"
                value={account.email}
                readOnly
                hidden
              />
              <NewPasswordFields
                form={passwordForm}
                userInputs={[account.firstName, account.lastName, account.email]}
              />
              <Stack gap="xs">
                <Text fw={700}>
                  Conditions générales d’utilisation
                  {terms.data ? ` (version ${terms.data.version})` : ''}
                </Text>
                <TermsBox query={terms} />
                <Checkbox
                  size="md"
                  label={`J’ai lu et j’accepte les conditions générales d’utilisation${
                    terms.data ? ` (version ${terms.data.version})` : ''
                  }`}
                  disabled={!terms.data}
                  {...passwordForm.getInputProps('acceptTerms', { type: 'checkbox' })}
                />
              </Stack>
              <Group justify="space-between">
                <Button variant="default" size="md" onClick={() => goTo(1)}>
                  Retour
                </Button>
                <Button type="submit" size="md" loading={complete.isPending}>
                  Activer mon espace
                </Button>
              </Group>
            </Stack>
          </form>
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
