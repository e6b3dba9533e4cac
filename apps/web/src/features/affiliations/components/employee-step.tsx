import type { RefObject } from 'react';
import { useEffect, useRef, useState } from 'react';
import {
  Alert,
  Button,
  Group,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { DeferredSelect } from '../../../components/deferred-select';
import type { UseFormReturnType } from '@mantine/form';
import { useAppForm } from '../../../lib/use-app-form';
import { IconAlertCircle, IconAlertTriangle } from '@tabler/icons-react';
import {
  EMPLOYMENT_CONTRACT_TYPES,
  EMPLOYMENT_CONTRACT_TYPE_LABELS,
  PROFESSIONAL_STATUS_LABELS,
} from '@affilia/shared/domain/enums';
import { isIsoDate, todayIsoDate } from '@affilia/shared/validators/dates';
import { AnchorLink } from '../../../components/links';
import { DateField } from '../../../components/date-field';
import { paths } from '../../../config/paths';
import { errorCode, errorMessage, fieldErrors, focusFirstInvalid } from '../../../lib/form-errors';
import type { AffiliationDetail } from '../api/use-affiliations';
import { useCreateAffiliation } from '../api/use-affiliations';
import { formatDate } from '../format';
import type { EmployeeValues, Establishment, SetupValues } from '../pre-affiliation-form';
import {
  contractFor,
  employeeErrors,
  needsEndDate,
  parsePreAffiliation,
} from '../pre-affiliation-form';

const CONTRACT_TYPE_OPTIONS = EMPLOYMENT_CONTRACT_TYPES.map((type) => ({
  value: type,
  label: EMPLOYMENT_CONTRACT_TYPE_LABELS[type],
}));

const NIR_ID = 'pre-affiliation-nir';
const FORM_ID = 'pre-affiliation-employee';

/** Errors that belong to no field of this step: shown above the buttons. */
const GENERAL_CODES = new Set(['no_contract', 'already_covered', 'request_pending']);

/** The employee's identity, dates and job (« Informations du salarié »). */
function EmployeeFields({
  form,
  allowTemporaryNir,
}: {
  form: UseFormReturnType<EmployeeValues>;
  allowTemporaryNir: boolean;
}) {
  const date = (field: keyof EmployeeValues, label: string, required = true) => (
    <DateField
      label={label}
      withAsterisk={required}
      autoComplete={field === 'birthDate' ? 'bday' : 'off'}
      {...form.getInputProps(field)}
    />
  );

  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="md">
      <TextInput
        label="Nom"
        withAsterisk
        autoComplete="family-name"
        maxLength={100}
        {...form.getInputProps('lastName')}
      />
      <TextInput
        label="Prénom"
        withAsterisk
        autoComplete="given-name"
        maxLength={100}
        {...form.getInputProps('firstName')}
      />
      <TextInput
        label="E-mail"
        type="email"
        autoComplete="email"
        description="Facultatif : sans e-mail, le bulletin sera à imprimer et remettre au salarié (mode Courrier)."
        {...form.getInputProps('email')}
      />
      <TextInput
        label="Numéro de Sécurité Sociale"
        withAsterisk
        autoComplete="off"
        inputMode="text"
        maxLength={21}
        description={
          allowTemporaryNir
            ? 'Les 13 premiers caractères, ou les 15 avec la clé ; espaces acceptés. Un numéro provisoire est accepté.'
            : 'Les 13 premiers caractères, ou les 15 avec la clé ; espaces acceptés.'
        }
        id={NIR_ID}
        {...form.getInputProps('nir')}
      />
      {date('birthDate', 'Date de naissance')}
      {date('hireDate', 'Date d’entrée dans l’entreprise')}
      {date('affiliationDate', 'Date d’affiliation au contrat Frais de Santé')}
      <DeferredSelect
        label="Type de contrat de travail"
        placeholder="Choisir un élément"
        withAsterisk
        data={CONTRACT_TYPE_OPTIONS}
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
        {...form.getInputProps('employmentContractType')}
      />
      {date('employmentStartDate', 'Date de début du contrat de travail')}
      {needsEndDate(form.values.employmentContractType)
        ? date('employmentEndDate', 'Date de fin du contrat de travail')
        : null}
      <TextInput
        label="Statut au sein de l’entreprise"
        description="Facultatif (par exemple : technicien, agent de maîtrise…)"
        maxLength={100}
        {...form.getInputProps('positionInCompany')}
      />
    </SimpleGrid>
  );
}

/** The NIR does not match the birth date: confirm it, or correct it. */
function NirWarning({
  warning,
  confirmRef,
  pending,
  onConfirm,
  onCorrect,
}: {
  warning: string;
  confirmRef: RefObject<HTMLButtonElement | null>;
  pending: boolean;
  onConfirm: () => void;
  onCorrect: () => void;
}) {
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconAlertTriangle aria-hidden />}
      title="Vérifiez le numéro de Sécurité Sociale"
    >
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{warning}</Text>
        <Group gap="sm">
          <Button ref={confirmRef} size="sm" color="orange" loading={pending} onClick={onConfirm}>
            Confirmer et valider
          </Button>
          <Button size="sm" variant="default" onClick={onCorrect}>
            Corriger
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

/** An error that belongs to no field, with « Suivre mes demandes » for a request pending. */
function GeneralProblem({ general }: { general: { code: string | null; message: string } | null }) {
  if (!general) return null;
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />}>
      <Stack gap={4} align="flex-start">
        <Text size="sm">{general.message}</Text>
        {general.code === 'request_pending' ? (
          <AnchorLink to={paths.affiliations} size="sm">
            Suivre mes demandes
          </AnchorLink>
        ) : null}
      </Stack>
    </Alert>
  );
}

/**
 * `POST /api/affiliations` once the shared checks pass; the NIR / birth date warning to
 * confirm, the server's field errors on their fields, the others above the buttons.
 */
function useCreateRequest({
  setup,
  rules,
  form,
  warning,
  setWarning,
  onCreated,
}: {
  setup: SetupValues;
  rules: Parameters<typeof parsePreAffiliation>[3];
  form: UseFormReturnType<EmployeeValues>;
  warning: string | null;
  setWarning: (warning: string | null) => void;
  onCreated: (result: AffiliationDetail) => void;
}) {
  const create = useCreateAffiliation();
  const [general, setGeneral] = useState<{ code: string | null; message: string } | null>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  // The warning appears: the focus goes to its « Confirmer et valider ».
  useEffect(() => {
    if (warning) confirmButton.current?.focus();
  }, [warning]);

  const send = (values: EmployeeValues, confirm: boolean) => {
    const parsed = parsePreAffiliation(setup, values, confirm, rules);
    if (!parsed.ok) {
      form.setErrors(employeeErrors(parsed.errors));
      focusFirstInvalid(FORM_ID);
      return;
    }
    // The NIR / birth date warning, without asking the server (which would answer the same).
    if (parsed.warning && !confirm) {
      setGeneral(null);
      setWarning(parsed.warning);
      return;
    }
    setGeneral(null);
    create.mutate(parsed.value, {
      onSuccess: (result) => {
        setWarning(null);
        onCreated(result);
      },
      onError: (error) => {
        const code = errorCode(error);
        if (code === 'nir_birth_date_warning') {
          setWarning(errorMessage(error));
          return;
        }
        setWarning(null);
        const fields = employeeErrors(fieldErrors(error));
        if (Object.keys(fields).length > 0) {
          form.setErrors(fields);
          focusFirstInvalid(FORM_ID);
        }
        if (Object.keys(fields).length === 0 || (code && GENERAL_CODES.has(code))) {
          setGeneral({ code, message: errorMessage(error) });
        }
      },
    });
  };
  return { send, general, pending: create.isPending, confirmButton };
}

/** The establishment, the professional status, and the contract the request will fall under. */
function StepContext({
  setup,
  establishment,
  affiliationDate: typedDate,
}: {
  setup: SetupValues;
  establishment: Establishment;
  affiliationDate: string;
}) {
  // The contract of the affiliation date once it is typed, as the server will pick it.
  const affiliationDate = isIsoDate(typedDate) ? typedDate : null;
  const contract = contractFor(
    establishment,
    setup.professionalStatus,
    affiliationDate ?? todayIsoDate(),
  );
  return (
    <Text size="sm" c="gray.8">
      {`${establishment.name} — Statut professionnel : ${setup.professionalStatus ? PROFESSIONAL_STATUS_LABELS[setup.professionalStatus] : ''}`}
      {contract
        ? ` — Contrat${affiliationDate ? ` au ${formatDate(affiliationDate)}` : ''} : ${contract.label} (n° ${contract.number})`
        : ''}
    </Text>
  );
}

/**
 * Step 2 « Pré-affiliation du salarié »: « Le salarié a-t-il déjà fait l'objet d'une affiliation… »,
 * then the employee's data, checked by the shared schema before `POST /api/affiliations`. The
 * server's field errors land on the same fields; its NIR / birth date warning is confirmed here.
 */
export function EmployeeStep({
  setup,
  initial,
  establishment,
  allowTemporaryNir,
  onBack,
  onCreated,
}: {
  setup: SetupValues;
  initial: EmployeeValues;
  establishment: Establishment;
  allowTemporaryNir: boolean;
  onBack: (values: EmployeeValues) => void;
  onCreated: (result: AffiliationDetail) => void;
}) {
  // The server's checks, run here first (issue 14 #26).
  const rules = { allowTemporaryNir, establishment };
  const [warning, setWarning] = useState<string | null>(null);
  const form = useAppForm<EmployeeValues>({
    initialValues: initial,
    validate: (values) => {
      const result = parsePreAffiliation(setup, values, false, rules);
      return result.ok ? {} : employeeErrors(result.errors);
    },
    validateInputOnBlur: true,
    onValuesChange: (values, previous) => {
      if (values.nir !== previous.nir || values.birthDate !== previous.birthDate) setWarning(null);
    },
  });
  const { send, general, pending, confirmButton } = useCreateRequest({
    setup,
    rules,
    form,
    warning,
    setWarning,
    onCreated,
  });

  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }}>
      <form
        id={FORM_ID}
        noValidate

        onSubmit={form.onSubmit(
          (values) => send(values, false),
          () => focusFirstInvalid(FORM_ID),
        )}
      >
        <Stack gap="lg">
          <StepContext
            setup={setup}
            establishment={establishment}
            affiliationDate={form.values.affiliationDate}
          />

          <Radio.Group
            label="Le salarié a-t-il déjà fait l’objet d’une affiliation au sein de votre entreprise ?"
            withAsterisk
            {...form.getInputProps('alreadyAffiliated')}
          >
            <Group gap="xl" mt="xs">
              <Radio
                value="no"
                label="Non"
                data-focus-on-error={form.errors.alreadyAffiliated ? 'true' : undefined}
              />
              <Radio value="yes" label="Oui" />
            </Group>
          </Radio.Group>
          {form.values.alreadyAffiliated === 'yes' ? (
            <Text size="sm" c="gray.8">
              La demande sera rattachée au salarié déjà connu, retrouvé par son numéro de Sécurité
              Sociale.
            </Text>
          ) : null}

          <Title order={3} fz="lg">
            Informations du salarié
          </Title>
          <EmployeeFields form={form} allowTemporaryNir={allowTemporaryNir} />

          <div aria-live="polite">
            {warning ? (
              <NirWarning
                warning={warning}
                confirmRef={confirmButton}
                pending={pending}
                onConfirm={() => send(form.getValues(), true)}
                onCorrect={() => {
                  setWarning(null);
                  document.getElementById(NIR_ID)?.focus();
                }}
              />
            ) : null}
          </div>
          <div role="alert">
            <GeneralProblem general={general} />
          </div>

          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => onBack(form.getValues())} disabled={pending}>
              Retour à l’étape 1
            </Button>
            <Button type="submit" loading={pending} disabled={Boolean(warning)}>
              Valider
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
