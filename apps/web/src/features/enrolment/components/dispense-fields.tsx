import { useState } from 'react';
import { Alert, Button, Checkbox, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertCircle, IconSend } from '@tabler/icons-react';
import type { UseFormReturnType } from '@mantine/form';
import {
  OTHER_PLAN_TYPES,
  OTHER_PLAN_TYPE_LABELS,
  swornStatement,
} from '@affilia/shared/domain/dispense';
import type { DispenseCaseOption, DispenseSummary } from '@affilia/shared/schemas/dispenses';
import { formatFrenchDate } from '@affilia/shared/validators/dates';
import { DateField } from '../../../components/date-field';
import { errorCode, errorMessage, fieldErrors } from '../../../lib/form-errors';
import type { DispenseFile } from '../api/use-dispense';
import {
  uploadDispenseProof,
  useDispenseProofsCache,
  useRemoveDispenseProof,
  useSubmitDispense,
} from '../api/use-dispense';
import type { EnrolmentForm } from '../api/use-enrolment';
import type { DispenseValues } from '../dispense-values';
import {
  chosenCase,
  endDateLabel,
  initialDispenseValues,
  toDispenseSubmit,
  validateDispense,
} from '../dispense-values';
import { useAppForm } from '../../../lib/use-app-form';
import { fieldId } from '../form-values';
import { FileUploadField } from './attachments-field';

export type DispenseFormApi = UseFormReturnType<DispenseValues>;

/** What a screen of the dispense (the request, the renewal) gets from the page. */
export interface DispenseScreenProps {
  token: string;
  data: EnrolmentForm;
  onSubmitted: () => void;
  /** The form session ended (401) or the link died (404/410): the page starts over. */
  onAccessLost: (error: unknown) => void;
}

const ALERT_ID = 'erreur-dispense';
const ACCESS_LOST = ['form_session_required', 'form_link_invalid', 'form_link_expired'];

const PLAN_DATA = [
  { value: '', label: 'Choisissez le type de régime…' },
  ...OTHER_PLAN_TYPES.map((type) => ({ value: type, label: OTHER_PLAN_TYPE_LABELS[type] })),
];

/** The proof the case asks for, its text as the field's title. */
function ProofField({
  token,
  proof,
  proofs,
  error,
}: {
  token: string;
  proof: string;
  proofs: DispenseFile[];
  error: string | undefined;
}) {
  const updateCache = useDispenseProofsCache(token);
  const remove = useRemoveDispenseProof(token);
  return (
    <FileUploadField
      id={fieldId('proofs')}
      heading={
        <div>
          <Title order={3} fz="md">
            {proof}
            <Text span c="dimmed" fz="sm" fw={400}>
              {' '}
              (obligatoire)
            </Text>
          </Title>
          <Text size="sm" c="dimmed">
            Une photo lisible ou un scan du document.
          </Text>
        </div>
      }
      addLabel="Joindre mon justificatif"
      files={proofs}
      uploader={{
        upload: (file, onProgress) => uploadDispenseProof(token, file, onProgress),
        onUploaded: (file) => updateCache((list) => [...list, file]),
        remove: (file) => remove.mutateAsync(file.id),
      }}
      serverError={error}
    />
  );
}

/** What the case says of its end and renewal, before the employee commits to it. */
function CaseTerms({
  rule,
  employmentEndDate,
}: {
  rule: DispenseCaseOption;
  employmentEndDate: string | null;
}) {
  const lines: string[] = [];
  if (rule.endRule === 'employment_end' && employmentEndDate)
    lines.push(
      `Votre dispense prendra fin avec votre contrat de travail, le ${formatFrenchDate(employmentEndDate)}.`,
    );
  if (rule.yearlyRenewal)
    lines.push('Cette dispense devra être justifiée de nouveau chaque année.');
  if (!rule.proof) lines.push('Aucun justificatif n’est demandé pour ce cas.');
  if (lines.length === 0) return null;
  return (
    <Stack gap={4}>
      {lines.map((line) => (
        <Text key={line} size="sm">
          {line}
        </Text>
      ))}
    </Stack>
  );
}

/** The sworn statement as it will be signed, and its checkbox. */
function SwornStatementField({
  form,
  fullName,
  rule,
}: {
  form: DispenseFormApi;
  fullName: string;
  rule: DispenseCaseOption;
}) {
  const props = form.getInputProps('sworn', { type: 'checkbox' });
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="sm">
        <Title order={3} fz="md">
          Déclaration sur l’honneur
        </Title>
        <Text size="sm" id="declaration-dispense">
          {swornStatement({ fullName, caseLabel: rule.label })}
        </Text>
        <Checkbox
          {...props}
          id={fieldId('sworn')}
          size="md"
          label="Je certifie sur l’honneur l’exactitude de cette déclaration"
          aria-describedby="declaration-dispense"
        />
      </Stack>
    </Paper>
  );
}

/**
 * The values of a request of dispense (from the case of `current`, the one refused or to renew),
 * the case chosen, and the sending (values checked first): the fields' errors next to them, the
 * others in the alert; the form's access lost on the way goes to the page.
 */
export function useDispenseForm({
  token,
  data,
  current,
  onSent,
  onAccessLost,
}: {
  token: string;
  data: EnrolmentForm;
  current: DispenseSummary | null;
  onSent: () => void;
  onAccessLost: (error: unknown) => void;
}) {
  const form = useAppForm<DispenseValues>({
    mode: 'controlled',
    initialValues: initialDispenseValues(current),
  });
  const rule = chosenCase(data.dispense.cases, form.getValues().caseCode);
  const submit = useSubmitDispense(token);
  const [message, setMessage] = useState<{ text: string; aboutFields: boolean } | null>(null);
  const fail = (text: string, fields: Record<string, string>) => {
    form.setErrors(fields);
    setMessage({ text, aboutFields: Object.keys(fields).length > 0 });
    // The alert says what to do; the fields show their errors (focusing a date field would open
    // its calendar over the next ones).
    window.requestAnimationFrame(() => document.getElementById(ALERT_ID)?.focus());
  };
  const send = async () => {
    if (submit.isPending) return;
    const values = form.getValues();
    const errors = validateDispense(
      values,
      data.dispense.cases,
      data.dispense.pendingProofs.length,
    );
    if (!rule || Object.keys(errors).length > 0) {
      fail('Complétez les champs signalés avant d’envoyer votre demande.', errors);
      return;
    }
    try {
      await submit.mutateAsync(toDispenseSubmit(values, rule));
      onSent();
    } catch (error) {
      if (ACCESS_LOST.includes(errorCode(error) ?? '')) onAccessLost(error);
      else fail(errorMessage(error), fieldErrors(error));
    }
  };
  const sender = {
    send,
    sending: submit.isPending,
    message: message?.text ?? null,
    aboutFields: message?.aboutFields ?? false,
  };
  return { form, rule, sender };
}

/** The fields of the case chosen: the other plan, the end date, the proof, the statement, send. */
export function DispenseCaseFields({
  token,
  data,
  form,
  rule,
  submitLabel,
  sender,
}: {
  token: string;
  data: EnrolmentForm;
  form: DispenseFormApi;
  rule: DispenseCaseOption;
  submitLabel: string;
  sender: ReturnType<typeof useDispenseForm>['sender'];
}) {
  const fullName = `${data.identity.firstName} ${data.identity.lastName}`;
  const proofs = data.dispense.pendingProofs;
  // The alert stays while a field it was about is still wrong (a proof joined since fixes it).
  const stillWrong = Object.entries(form.errors).some(
    ([field, error]) => error && !(field === 'proofs' && proofs.length > 0),
  );
  const showAlert = sender.message && (!sender.aboutFields || stillWrong);
  return (
    <Stack gap="md">
      <CaseTerms rule={rule} employmentEndDate={data.dispense.employmentEndDate} />
      {rule.asksOtherPlan ? (
        <NativeSelect
          label="Type de l’autre régime"
          required
          size="md"
          data={PLAN_DATA}
          {...form.getInputProps('otherPlanType')}
          id={fieldId('otherPlanType')}
        />
      ) : null}
      {rule.endRule === 'justification_end' ? (
        <DateField
          label={endDateLabel(rule.code)}
          required
          size="md"
          {...form.getInputProps('justificationEndDate')}
          id={fieldId('justificationEndDate')}
        />
      ) : null}
      {rule.proof ? (
        <ProofField
          token={token}
          proof={rule.proof}
          proofs={proofs}
          error={form.errors.proofs as string | undefined}
        />
      ) : null}
      <SwornStatementField form={form} fullName={fullName} rule={rule} />
      {showAlert ? (
        <Alert
          id={ALERT_ID}
          tabIndex={-1}
          color="red"
          variant="light"
          icon={<IconAlertCircle aria-hidden />}
          title="Votre demande n’est pas envoyée"
          role="alert"
        >
          {sender.message}
        </Alert>
      ) : null}
      <Button
        size="md"
        h="auto"
        mih={48}
        py={6}
        styles={{ label: { whiteSpace: 'normal', textAlign: 'center', lineHeight: 1.25 } }}
        leftSection={<IconSend size={18} aria-hidden />}
        onClick={() => void sender.send()}
        loading={sender.sending}
      >
        {submitLabel}
      </Button>
    </Stack>
  );
}
