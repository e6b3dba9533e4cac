import type { ReactNode } from 'react';
import { FileInput, Radio, Stack, TextInput } from '@mantine/core';
import type { FormErrors, UseFormReturnType } from '@mantine/form';
import { IconPaperclip } from '@tabler/icons-react';
import { BENEFICIARY_TYPE_LABELS } from '@affilia/shared/domain/enums';
import {
  BENEFICIARY_ACTIONS,
  BENEFICIARY_ACTION_LABELS,
  BENEFICIARY_ADD_EVENTS,
  BENEFICIARY_ADD_EVENT_RULES,
  BENEFICIARY_REMOVE_REASONS,
  BENEFICIARY_REMOVE_REASON_LABELS,
  type BeneficiaryAddEvent,
} from '@affilia/shared/domain/member-change';
import type { MemberBeneficiary } from '@affilia/shared/schemas/member-changes';
import { MemberChangeCreateSchema } from '@affilia/shared/schemas/member-changes';
import { todayIsoDate } from '@affilia/shared/validators/dates';
import { zodResolver } from '../lib/zod-resolver';
import { DateField } from './date-field';
import { DeferredSelect } from './deferred-select';

/*
 * A beneficiary added, removed or corrected (issue 20): the fields of « Déclarer un changement »
 * on the member's page (features/members) and of the employee's beneficiaries link
 * (features/member-link), checked by the same shared schema as the server's.
 */

export interface BeneficiaryChangeValues {
  action: string;
  event: string;
  eventDate: string;
  lastName: string;
  firstName: string;
  birthDate: string;
  nir: string;
  beneficiaryId: string;
  reason: string;
}
/** A form holding a beneficiary change and its proof. */
export interface BeneficiaryFormValues {
  change: BeneficiaryChangeValues;
  proof: File | null;
}
type Form = UseFormReturnType<BeneficiaryFormValues>;

export const EMPTY_BENEFICIARY_CHANGE: BeneficiaryChangeValues = {
  action: '',
  event: '',
  eventDate: '',
  lastName: '',
  firstName: '',
  birthDate: '',
  nir: '',
  beneficiaryId: '',
  reason: '',
};

const ACCEPT = 'application/pdf,image/jpeg,image/png';
/** Mantine's grey placeholder reads at 3.3:1: darker, as the other inputs' hints. */
const PLACEHOLDER = { placeholder: { color: 'var(--mantine-color-gray-7)' } };
const EVENT_OPTIONS = BENEFICIARY_ADD_EVENTS.map((e) => ({
  value: e,
  label: BENEFICIARY_ADD_EVENT_RULES[e].label,
}));
const REASON_OPTIONS = BENEFICIARY_REMOVE_REASONS.map((r) => ({
  value: r,
  label: BENEFICIARY_REMOVE_REASON_LABELS[r],
}));

export const ruleOf = (event: string) =>
  (BENEFICIARY_ADD_EVENTS as readonly string[]).includes(event)
    ? BENEFICIARY_ADD_EVENT_RULES[event as BeneficiaryAddEvent]
    : null;

/** The beneficiary change the values say, as the API reads it. */
export function beneficiaryChange(c: BeneficiaryChangeValues) {
  if (c.action === 'add') {
    const { action, event, eventDate, lastName, firstName, birthDate } = c;
    return { action, event, eventDate, lastName, firstName, birthDate, nir: c.nir.trim() || null };
  }
  if (c.action === 'remove') {
    return {
      action: c.action,
      beneficiaryId: c.beneficiaryId,
      reason: c.reason,
      eventDate: c.eventDate,
    };
  }
  const { action, beneficiaryId, lastName, firstName, birthDate } = c;
  return { action, beneficiaryId, lastName, firstName, birthDate };
}

/**
 * The errors of a beneficiary change: what it declares first, then the shared schema's
 * messages, and the proof a beneficiary added needs (unless one is already on file: a returned
 * change corrected).
 */
export function validateBeneficiaryChange(
  values: BeneficiaryFormValues,
  proofOnFile = false,
): FormErrors {
  if (!values.change.action) return { 'change.action': 'Choisissez ce que vous déclarez' };
  const errors = zodResolver(MemberChangeCreateSchema)({
    kind: 'beneficiary',
    change: beneficiaryChange(values.change),
  });
  if (values.change.action === 'add' && !values.proof && !proofOnFile) {
    const rule = ruleOf(values.change.event);
    errors.proof = rule ? `Joignez : ${rule.proof}` : 'Joignez le justificatif';
  }
  return errors;
}

/** A group of radio buttons on the form's field `path`. */
export function Choice<V>({
  form,
  path,
  label,
  options,
  disabled = () => false,
  autoFocus = false,
}: {
  form: UseFormReturnType<V>;
  path: string;
  label: string;
  options: readonly { value: string; label: string }[];
  disabled?: (value: string) => boolean;
  /** The dialog or the screen opens on its first choice. */
  autoFocus?: boolean;
}) {
  const props = form.getInputProps(path);
  return (
    <Radio.Group
      label={label}
      withAsterisk
      error={props.error as ReactNode}
      value={props.value as string}
      onChange={(value) => form.setFieldValue(path, value as never)}
    >
      <Stack gap={8} mt={6}>
        {options.map((o, i) => (
          <Radio
            key={o.value}
            value={o.value}
            label={o.label}
            disabled={disabled(o.value)}
            data-autofocus={(autoFocus && i === 0) || undefined}
          />
        ))}
      </Stack>
    </Radio.Group>
  );
}

/** The beneficiary's names and birth date, added or corrected. */
function PersonFields({ form }: { form: Form }) {
  return (
    <>
      <TextInput
        label="Nom"
        withAsterisk
        maxLength={80}
        {...form.getInputProps('change.lastName')}
      />
      <TextInput
        label="Prénom"
        withAsterisk
        maxLength={80}
        {...form.getInputProps('change.firstName')}
      />
      <DateField
        label="Date de naissance"
        withAsterisk
        calendar={false}
        {...form.getInputProps('change.birthDate')}
      />
    </>
  );
}

/** Add, remove or correct a beneficiary of `beneficiaries` (those covered today or later). */
export function BeneficiaryFields({
  form,
  beneficiaries,
  autoFocus = false,
  kept,
}: {
  form: Form;
  beneficiaries: readonly MemberBeneficiary[];
  autoFocus?: boolean;
  /** A returned change corrected: the proofs already sent and whether a NIR was given. */
  kept?: { proofs: readonly string[]; hasNir: boolean };
}) {
  const proofKept = (kept?.proofs.length ?? 0) > 0;
  const { action, event } = form.values.change;
  const rule = ruleOf(event);
  const options = beneficiaries.map((b) => ({
    value: b.id,
    label: `${b.lastName} ${b.firstName} (${BENEFICIARY_TYPE_LABELS[b.type]})`,
  }));
  const pick = (id: string | null) => {
    const b = beneficiaries.find((x) => x.id === id);
    form.setFieldValue('change.beneficiaryId', id ?? '');
    if (b && action === 'correct') {
      form.setFieldValue('change.lastName', b.lastName);
      form.setFieldValue('change.firstName', b.firstName);
      form.setFieldValue('change.birthDate', b.birthDate);
    }
  };
  return (
    <>
      <Choice
        form={form}
        path="change.action"
        label="Que déclarez-vous ?"
        autoFocus={autoFocus}
        options={BENEFICIARY_ACTIONS.map((a) => ({
          value: a,
          label: BENEFICIARY_ACTION_LABELS[a],
        }))}
        disabled={(a) => a !== 'add' && options.length === 0}
      />
      {action === 'remove' || action === 'correct' ? (
        <DeferredSelect
          label="Bénéficiaire"
          withAsterisk
          data={options}
          {...form.getInputProps('change.beneficiaryId')}
          onChange={pick}
        />
      ) : null}
      {action === 'add' ? (
        <DeferredSelect
          label="Événement"
          withAsterisk
          data={EVENT_OPTIONS}
          description={
            rule
              ? `Bénéficiaire : ${BENEFICIARY_TYPE_LABELS[rule.beneficiary].toLowerCase()}`
              : undefined
          }
          {...form.getInputProps('change.event')}
        />
      ) : null}
      {action === 'remove' ? (
        <DeferredSelect
          label="Motif"
          withAsterisk
          data={REASON_OPTIONS}
          {...form.getInputProps('change.reason')}
        />
      ) : null}
      {action === 'add' || action === 'remove' ? (
        <DateField
          label="Date de l’événement"
          withAsterisk
          maxDate={todayIsoDate()}
          {...form.getInputProps('change.eventDate')}
        />
      ) : null}
      {action === 'add' || action === 'correct' ? <PersonFields form={form} /> : null}
      {action === 'add' ? (
        <>
          <TextInput
            label="NIR du bénéficiaire (facultatif)"
            description={
              kept?.hasNir
                ? 'Déjà indiqué : laissez vide pour le garder, ou saisissez-le à nouveau pour le corriger'
                : 'S’il a son propre numéro de sécurité sociale'
            }
            maxLength={21}
            {...form.getInputProps('change.nir')}
          />
          <FileInput
            label={rule ? rule.proof : 'Justificatif'}
            description={
              proofKept
                ? `Déjà joint : ${kept?.proofs.join(', ')}. Joignez un autre fichier si l’assureur le demande (PDF, JPEG ou PNG, 5 Mo au plus).`
                : 'PDF, JPEG ou PNG, 5 Mo au plus'
            }
            withAsterisk={!proofKept}
            accept={ACCEPT}
            clearable
            leftSection={<IconPaperclip size={16} aria-hidden />}
            placeholder="Choisir un fichier"
            clearButtonProps={{ 'aria-label': 'Retirer le justificatif' }}
            styles={PLACEHOLDER}
            {...form.getInputProps('proof')}
          />
        </>
      ) : null}
    </>
  );
}
