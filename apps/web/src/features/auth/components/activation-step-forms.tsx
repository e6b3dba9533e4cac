import type { FormEvent, ReactNode } from 'react';
import { FormProblemAlert } from '../../../components/form-parts';
import {
  Box,
  Button,
  Divider,
  Group,
  Stack,
  Text,
  TextInput,
  ThemeIcon,
  Title,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconBuilding, IconMailCheck } from '@tabler/icons-react';
import { ActivationIdentifyRequestSchema } from '@affilia/shared/schemas/activation-steps';
import { AuthCard } from '../../../components/auth-card';
import { loadPhoneCheck } from '../../../lib/mobile-phone';
import { DeferredCaptcha } from '../../../components/deferred-captcha';
import { ButtonLink } from '../../../components/links';
import type { NewPasswordValues } from '../../../components/new-password-fields';
import { NewPasswordFields } from '../../../components/new-password-fields';
import { paths } from '../../../config/paths';
import type { ActivationIdentifyResult, useCurrentTerms } from '../api/use-activation';
import { useResendConfirmation } from '../api/use-sign-in';
import { TermsAcceptance } from './terms-box';
import { EmailInput } from '../../../components/email-input';

export type Step = 0 | 1 | 2;

const STEP_TITLES: Record<Step, string> = {
  0: 'Identification de mon établissement',
  1: 'Mes informations',
  2: 'Mot de passe',
};

export interface IdentifyValues {
  siret: string;
  companyIdentifier: string;
  captcha: string | null;
}

export interface AccountValues {
  lastName: string;
  firstName: string;
  email: string;
  mobilePhone: string;
}

export interface PasswordValues extends NewPasswordValues {
  acceptTerms: boolean;
}

/** What step 1 proved, and for which numbers. */
export interface Identified extends ActivationIdentifyResult {
  siret: string;
  companyIdentifier: string;
}

export interface Problem {
  id: number;
  title?: string;
  message: string;
}

/** The numbers of step 1 as the API reads them (to know whether they changed since). */
function normalizedIdentity(values: IdentifyValues): { siret: string; companyIdentifier: string } {
  const parsed = ActivationIdentifyRequestSchema.pick({
    siret: true,
    companyIdentifier: true,
  }).safeParse(values);
  return parsed.success ? parsed.data : { siret: values.siret, companyIdentifier: '' };
}

export function sameIdentity(values: IdentifyValues, identified: Identified | null): boolean {
  if (!identified) return false;
  const current = normalizedIdentity(values);
  return (
    current.siret === identified.siret && current.companyIdentifier === identified.companyIdentifier
  );
}

/** The id of the current step's heading, which takes the focus when the step changes. */
export const STEP_HEADING_ID = 'etape-en-cours';

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

export function EmailSent({ email }: { email: string }) {
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

type Submit = (event?: FormEvent<HTMLFormElement>) => void;

/** Step 1: the SIRET and the company identifier, with the captcha until they are recognised. */
export function IdentifyStep({
  formId,
  form,
  identified,
  problem,
  pending,
  onSubmit,
}: {
  formId: string;
  form: UseFormReturnType<IdentifyValues>;
  identified: Identified | null;
  problem: Problem | null;
  pending: boolean;
  onSubmit: Submit;
}) {
  return (
    <form id={formId} onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <StepHeading step={0}>
          <Text size="sm" c="gray.8">
            Les champs marqués d’un astérisque (*) sont obligatoires.
          </Text>
        </StepHeading>
        <FormProblemAlert problem={problem} />
        <TextInput
          label="Numéro de SIRET de mon établissement"
          description="14 chiffres, par exemple 732 829 320 00074"
          inputMode="numeric"
          autoComplete="off"
          required
          size="md"
          maxLength={20}
          {...form.getInputProps('siret')}
        />
        <TextInput
          label="Identifiant entreprise"
          description={
            <>
              Retrouvez votre identifiant entreprise via le « Numéro entreprise » figurant sur les
              courriers envoyés par votre assureur. Si vous n’êtes pas en possession de cette
              donnée, veuillez vous rapprocher de l’assureur du contrat.
            </>
          }
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="characters"
          required
          size="md"
          maxLength={40}
          {...form.getInputProps('companyIdentifier')}
        />
        {identified && sameIdentity(form.values, identified) ? (
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
          <DeferredCaptcha
            value={form.values.captcha}
            onChange={(payload) => form.setFieldValue('captcha', payload)}
            error={typeof form.errors.captcha === 'string' ? form.errors.captcha : undefined}
          />
        )}
        <Group justify="flex-end">
          <Button type="submit" size="md" loading={pending}>
            Valider
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Step 2: who I am; the address becomes the sign-in, the mobile the second factor. */
export function AccountStep({
  formId,
  form,
  identified,
  problem,
  onSubmit,
  onBack,
}: {
  formId: string;
  form: UseFormReturnType<AccountValues>;
  identified: Identified;
  problem: Problem | null;
  onSubmit: Submit;
  onBack: () => void;
}) {
  return (
    <form id={formId} onSubmit={onSubmit} onFocus={() => void loadPhoneCheck()} noValidate>
      <Stack gap="md">
        <StepHeading step={1}>
          <Text size="sm" c="gray.8">
            Vos informations personnelles. L’adresse e-mail saisie ci-dessous sera utilisée pour
            vous connecter à votre espace.
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
        <FormProblemAlert problem={problem} />
        <TextInput
          label="Mon Nom"
          autoComplete="family-name"
          required
          size="md"
          key={form.key('lastName')}
          {...form.getInputProps('lastName')}
        />
        <TextInput
          label="Mon Prénom"
          autoComplete="given-name"
          required
          size="md"
          key={form.key('firstName')}
          {...form.getInputProps('firstName')}
        />
        <EmailInput
          label="Mon adresse E-mail"
          description="Exemple : sophie@mandarine.fr — elle deviendra votre identifiant de connexion."
          autoComplete="email"
          size="md"
          key={form.key('email')}
          {...form.getInputProps('email')}
        />
        <TextInput
          label="Mon numéro de Téléphone mobile"
          description="Il servira à recevoir par SMS le code de sécurité de la double authentification. Exemple : 06 12 34 56 78"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          required
          size="md"
          key={form.key('mobilePhone')}
          {...form.getInputProps('mobilePhone')}
        />
        <Group justify="space-between">
          <Button variant="default" size="md" onClick={onBack}>
            Retour
          </Button>
          <Button type="submit" size="md">
            Valider
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Step 3: the password and the terms of use. */
export function PasswordStep({
  formId,
  form,
  account,
  terms,
  problem,
  pending,
  onSubmit,
  onBack,
}: {
  formId: string;
  form: UseFormReturnType<PasswordValues>;
  account: AccountValues;
  terms: ReturnType<typeof useCurrentTerms>;
  problem: Problem | null;
  pending: boolean;
  onSubmit: Submit;
  onBack: () => void;
}) {
  return (
    <form id={formId} onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <StepHeading step={2}>
          <Text size="sm" c="gray.8">
            Choisissez un mot de passe sécurisé, puis acceptez les conditions générales
            d’utilisation.
          </Text>
        </StepHeading>
        <FormProblemAlert problem={problem} />
        <NewPasswordFields
          form={form}
          account={account.email}
          userInputs={[account.firstName, account.lastName, account.email]}
        />
        <TermsAcceptance query={terms} form={form} />
        <Group justify="space-between">
          <Button variant="default" size="md" onClick={onBack}>
            Retour
          </Button>
          <Button type="submit" size="md" loading={pending}>
            Activer mon espace
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
