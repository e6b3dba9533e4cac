import { FileInput, Stack, Text } from '@mantine/core';
import { DeferredSelect } from './deferred-select';
import { IconPaperclip } from '@tabler/icons-react';
import {
  DISPENSE_CASES,
  DISPENSE_CASE_SHORT_LABELS,
  OTHER_PLAN_TYPES,
  OTHER_PLAN_TYPE_LABELS,
  dispenseCase,
  type DispenseCaseCode,
} from '@affilia/shared/domain/dispense';
import { isOneOf } from '@affilia/shared/domain/enums';
import { PaperDispenseSchema } from '@affilia/shared/schemas/dispenses';
import { todayIsoDate } from '@affilia/shared/validators/dates';
import { usePaperDispense, type PaperDispenseUpload } from '../lib/dispenses-api';
import { useAppForm } from '../lib/use-app-form';
import { zodResolver } from '../lib/zod-resolver';
import { DateField } from './date-field';
import { FormButtons, FormProblemAlert, useDialogForm } from './form-parts';

interface Values {
  caseCode: string;
  otherPlanType: string;
  justificationEndDate: string;
  signedOn: string;
  signedRequest: File | null;
  proofs: File[];
}

const ACCEPT = 'application/pdf,image/jpeg,image/png';
/** Mantine's grey placeholder reads at 3.3:1: darker, as the other inputs' hints. */
const PLACEHOLDER = { placeholder: { color: 'var(--mantine-color-gray-7)' } };
const CASE_OPTIONS = DISPENSE_CASES.map((c) => ({
  value: c.code,
  label: `${DISPENSE_CASE_SHORT_LABELS[c.code]} (${c.legalSource})`,
}));
const PLAN_OPTIONS = OTHER_PLAN_TYPES.map((p) => ({ value: p, label: OTHER_PLAN_TYPE_LABELS[p] }));

const ruleOf = (code: string) =>
  isOneOf(
    DISPENSE_CASES.map((c) => c.code),
    code,
  )
    ? dispenseCase(code)
    : null;

function validate(values: Values) {
  const rule = ruleOf(values.caseCode);
  const errors = zodResolver(PaperDispenseSchema)({
    caseCode: values.caseCode || undefined,
    otherPlanType: rule?.asksOtherPlan ? values.otherPlanType || undefined : undefined,
    justificationEndDate:
      rule?.endRule === 'justification_end' ? values.justificationEndDate || undefined : undefined,
    signedOn: values.signedOn,
  });
  if (values.signedOn && values.signedOn > todayIsoDate())
    errors.signedOn ??= 'La date de signature ne peut pas être dans le futur';
  if (!values.signedRequest) errors.signedRequest = 'Joignez la demande signée';
  if (rule?.proof && values.proofs.length === 0) errors.proofs = 'Joignez le justificatif demandé';
  return errors;
}

function toInput(values: Values): PaperDispenseUpload | null {
  const rule = ruleOf(values.caseCode);
  if (!rule || !values.signedRequest) return null;
  return {
    fields: {
      caseCode: rule.code as DispenseCaseCode,
      otherPlanType: rule.asksOtherPlan
        ? (values.otherPlanType as (typeof OTHER_PLAN_TYPES)[number])
        : null,
      justificationEndDate:
        rule.endRule === 'justification_end' ? values.justificationEndDate : null,
      signedOn: values.signedOn,
    },
    signedRequest: values.signedRequest,
    proofs: values.proofs,
  };
}

/**
 * The paper dispense's form: the case (with its legal source), the other plan or the end of the
 * justification when the case asks for them, the date on the signed form, the signed request
 * (required) and the proofs. The server checks the case against the contract and the employment.
 */
export function PaperDispenseForm({
  requestId,
  onDone,
  onCancel,
}: {
  requestId: string;
  onDone: () => void;
  onCancel: () => void;
}) {
  const record = usePaperDispense(requestId);
  const form = useAppForm<Values>({
    initialValues: {
      caseCode: '',
      otherPlanType: '',
      justificationEndDate: '',
      signedOn: '',
      signedRequest: null,
      proofs: [],
    },
    validate,
  });
  const { formProps, problem } = useDialogForm({ form, mutation: record, toInput, onDone });
  const rule = ruleOf(form.values.caseCode);
  const proofError = form.errors.proofs ?? form.errors.proof;
  return (
    <form {...formProps}>
      <Stack gap="md">
        <FormProblemAlert problem={problem} />
        <Text size="sm">
          Le salarié a signé une demande de dispense d’adhésion sur papier : joignez-la avec ses
          justificatifs. L’assureur vérifiera la dispense avant de la valider.
        </Text>
        <DeferredSelect
          label="Cas de dispense"
          withAsterisk
          data={CASE_OPTIONS}
          data-autofocus
          description={rule ? rule.label : undefined}
          {...form.getInputProps('caseCode')}
        />
        {rule?.asksOtherPlan ? (
          <DeferredSelect
            label="Type de l’autre régime"
            withAsterisk
            data={PLAN_OPTIONS}
            {...form.getInputProps('otherPlanType')}
          />
        ) : null}
        {rule?.endRule === 'justification_end' ? (
          <DateField
            label="Fin de la couverture actuelle"
            description="L’échéance du contrat individuel ou la fin des droits"
            withAsterisk
            {...form.getInputProps('justificationEndDate')}
          />
        ) : null}
        <DateField
          label="Signée le"
          withAsterisk
          maxDate={todayIsoDate()}
          {...form.getInputProps('signedOn')}
        />
        <FileInput
          label="Demande de dispense signée"
          description="PDF, JPEG ou PNG, 5 Mo au plus"
          withAsterisk
          accept={ACCEPT}
          clearable
          leftSection={<IconPaperclip size={16} aria-hidden />}
          placeholder="Choisir un fichier"
          clearButtonProps={{ 'aria-label': 'Retirer la demande signée' }}
          styles={PLACEHOLDER}
          {...form.getInputProps('signedRequest')}
        />
        <FileInput
          label="Justificatifs"
          description={
            rule
              ? (rule.proof ?? 'Aucun justificatif n’est demandé pour ce cas')
              : 'Selon le cas de dispense choisi'
          }
          withAsterisk={Boolean(rule?.proof)}
          accept={ACCEPT}
          multiple
          clearable
          leftSection={<IconPaperclip size={16} aria-hidden />}
          placeholder="Choisir un ou plusieurs fichiers"
          clearButtonProps={{ 'aria-label': 'Retirer les justificatifs' }}
          styles={PLACEHOLDER}
          value={form.values.proofs}
          onChange={(files) => form.setFieldValue('proofs', files)}
          error={proofError}
        />
        <FormButtons
          submitLabel="Enregistrer la dispense"
          loading={record.isPending}
          onCancel={onCancel}
          cancelDisabled={record.isPending}
        />
      </Stack>
    </form>
  );
}
