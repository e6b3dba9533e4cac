import { LoadError } from '../../../components/load-error';
import { useEffect, useRef, useState } from 'react';
import { Alert, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useDispensePreAffiliation, type DispensePreAffiliation } from '../../../lib/dispenses-api';
import { validatePreAffiliationSearch } from '../affiliations-search';
import { ofName } from '@affilia/shared/domain/person-name';
import { AnchorLink } from '../../../components/links';
import { PreAffiliateByFileLink } from '../../../components/pre-affiliate-link';
import { formatIsoDate } from '../../../lib/member-format';
import { Page } from '../../../components/page';
import { paths } from '../../../config/paths';
import type { AffiliationDetail } from '../api/use-affiliations';
import { useAffiliationOptions } from '../api/use-affiliations';
import { EmployeeStep } from '../components/employee-step';
import type { StepIndex } from '../components/pre-affiliation-steps';
import { PRE_AFFILIATION_STEPS, PreAffiliationSteps } from '../components/pre-affiliation-steps';
import { ResultStep } from '../components/result-step';
import { SetupStep } from '../components/setup-step';
import type { EmployeeValues, SetupValues } from '../pre-affiliation-form';
import { EMPTY_EMPLOYEE, EMPTY_SETUP, prefillFromDispense } from '../pre-affiliation-form';

/**
 * « Affilier » from an expired dispense (`?dispense=`, issue 19): its request's values, given to
 * `apply` once loaded; `waiting` until then.
 */
function useDispensePrefill(apply: (values: ReturnType<typeof prefillFromDispense>) => void) {
  const { dispense } = validatePreAffiliationSearch(useSearch({ strict: false }));
  const query = useDispensePreAffiliation(dispense);
  const [appliedFrom, setAppliedFrom] = useState<string>();
  if (query.data && dispense && appliedFrom !== dispense) {
    setAppliedFrom(dispense);
    apply(prefillFromDispense(query.data));
  }
  const applied = dispense && appliedFrom === dispense ? query.data : undefined;
  return { query, waiting: dispense !== undefined && appliedFrom !== dispense, applied };
}

function PrefillNotice({ values }: { values: DispensePreAffiliation }) {
  return (
    <Alert color="blue" variant="light" icon={<IconAlertCircle aria-hidden />}>
      La dispense {ofName(`${values.firstName} ${values.lastName}`)} a expiré : le formulaire
      reprend ses informations, affiliation au {formatIsoDate(values.affiliationDate)}. Vérifiez-les
      avant de valider.
    </Alert>
  );
}

/** The page's links: « Suivi des demandes » and « Pré-affilier par fichier ». */
function PageActions() {
  return (
    <Group gap="md">
      <AnchorLink to={paths.affiliations}>Suivi des demandes d’affiliation</AnchorLink>
      <PreAffiliateByFileLink />
    </Group>
  );
}

/**
 * `/pre-affiliation`: « Pré-affiliation » (SPEC §5.3), the guide's three stages. Step 1 chooses
 * the establishment and the collège (hence the contract), step 2 the employee's data, step 3 says
 * how the employee completes the affiliation (email sent, or the BIA to print).
 */
export function PreAffiliationPage() {
  const navigate = useNavigate();
  const options = useAffiliationOptions();
  const [step, setStep] = useState<StepIndex>(0);
  const [setup, setSetup] = useState<SetupValues>(EMPTY_SETUP);
  const [employee, setEmployee] = useState<EmployeeValues>(EMPTY_EMPLOYEE);
  const [result, setResult] = useState<AffiliationDetail | null>(null);
  const stepTitle = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  const prefill = useDispensePrefill((values) => {
    setSetup(values.setup);
    setEmployee(values.employee);
  });

  // After a move between steps, the focus goes to the new step's title (announced).
  useEffect(() => {
    if (!moved.current) return;
    stepTitle.current?.focus();
  }, [step]);

  const goTo = (next: StepIndex) => {
    moved.current = true;
    setStep(next);
    window.scrollTo({ top: 0 });
  };

  const restart = () => {
    setSetup(EMPTY_SETUP);
    setEmployee(EMPTY_EMPLOYEE);
    setResult(null);
    goTo(0);
  };

  const establishment = options.data?.establishments.find((e) => e.id === setup.establishmentId);

  let content;
  if (prefill.query.isError) {
    content = (
      <LoadError error={prefill.query.error} onRetry={() => void prefill.query.refetch()} compact />
    );
  } else if (options.isPending || prefill.waiting) {
    content = (
      <Paper withBorder radius="md" p="xl">
        <Stack align="center" gap="sm" role="status">
          <Loader size="sm" aria-hidden />
          <Text size="sm">Chargement des établissements…</Text>
        </Stack>
      </Paper>
    );
  } else if (options.isError) {
    content = <LoadError error={options.error} onRetry={() => void options.refetch()} compact />;
  } else if (options.data.establishments.length === 0) {
    content = (
      <Alert color="orange" variant="light" role="alert" icon={<IconAlertCircle aria-hidden />}>
        Aucun établissement dans votre périmètre : la pré-affiliation n’est pas possible. Contactez
        l’administrateur de votre espace.
      </Alert>
    );
  } else if (step === 0 || !establishment) {
    content = (
      <SetupStep
        options={options.data}
        initial={setup}
        onCancel={() => void navigate({ to: paths.home })}
        onValidate={(values) => {
          setSetup(values);
          goTo(1);
        }}
      />
    );
  } else if (step === 1 || !result) {
    content = (
      <EmployeeStep
        setup={setup}
        initial={employee}
        establishment={establishment}
        allowTemporaryNir={options.data.allowTemporaryNir}
        onBack={(values) => {
          setEmployee(values);
          goTo(0);
        }}
        onCreated={(created) => {
          setResult(created);
          setEmployee(EMPTY_EMPLOYEE);
          goTo(2);
        }}
      />
    );
  } else {
    content = <ResultStep result={result} onAnother={restart} />;
  }

  const shown: StepIndex = step === 0 || !establishment ? 0 : step === 1 || !result ? 1 : 2;

  return (
    <Page
      title="Pré-affiliation"
      description="Suivez et validez les étapes pour pré-affilier votre salarié."
      actions={<PageActions />}
    >
      {prefill.applied && shown < 2 ? <PrefillNotice values={prefill.applied} /> : null}
      <PreAffiliationSteps current={shown} />
      <Title
        order={2}
        id="pre-affiliation-step-title"
        ref={stepTitle}
        tabIndex={-1}
        fz={{ base: 20, sm: 24 }}
        style={{ outline: 'none' }}
      >
        {PRE_AFFILIATION_STEPS[shown]}
      </Title>
      {content}
    </Page>
  );
}
