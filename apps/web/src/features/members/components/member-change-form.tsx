import type { ReactNode } from 'react';
import { FileInput, Radio, Stack, Text, TextInput, Textarea } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconPaperclip } from '@tabler/icons-react';
import {
  BENEFICIARY_TYPE_LABELS,
  PROFESSIONAL_STATUSES,
  PROFESSIONAL_STATUS_LABELS,
} from '@affilia/shared/domain/enums';
import {
  BENEFICIARY_ACTIONS,
  BENEFICIARY_ACTION_LABELS,
  BENEFICIARY_ADD_EVENTS,
  BENEFICIARY_ADD_EVENT_RULES,
  BENEFICIARY_REMOVE_REASONS,
  BENEFICIARY_REMOVE_REASON_LABELS,
  MEMBER_CHANGE_KINDS,
  MEMBER_CHANGE_KIND_LABELS,
  type BeneficiaryAddEvent,
} from '@affilia/shared/domain/member-change';
import type { MemberChangeView } from '@affilia/shared/schemas/member-changes';
import { MemberChangeCreateSchema } from '@affilia/shared/schemas/member-changes';
import { todayIsoDate } from '@affilia/shared/validators/dates';
import { DateField } from '../../../components/date-field';
import { DeferredSelect } from '../../../components/deferred-select';
import { FormButtons, FormProblemAlert, useDialogForm } from '../../../components/form-parts';
import { useAppForm } from '../../../lib/use-app-form';
import { zodResolver } from '../../../lib/zod-resolver';
import type { MemberChangeUpload } from '../api/use-member-changes';
import { useDeclareMemberChange } from '../api/use-member-changes';
import type { MemberDetail } from '../api/use-members';
import { useMemberFilterOptions } from '../api/use-members';

/*
 * « Déclarer un changement » (issue 20): the kind, then its fields; the shared schema checks them
 * as the server will, and the server's refusals (a date d’effet, a status already held…) come
 * back next to their fields. Loaded when the dialog opens.
 */

export interface MemberChangeValues {
  kind: string;
  effectiveDate: string;
  professionalStatus: string;
  establishmentId: string;
  optionCode: string;
  change: {
    action: string;
    event: string;
    eventDate: string;
    lastName: string;
    firstName: string;
    birthDate: string;
    nir: string;
    beneficiaryId: string;
    reason: string;
  };
  comment: string;
  proof: File | null;
}
type Form = UseFormReturnType<MemberChangeValues>;

const ACCEPT = 'application/pdf,image/jpeg,image/png';
/** Mantine's grey placeholder reads at 3.3:1: darker, as the other inputs' hints. */
const PLACEHOLDER = { placeholder: { color: 'var(--mantine-color-gray-7)' } };
const STATUS_OPTIONS = PROFESSIONAL_STATUSES.map((s) => ({
  value: s,
  label: PROFESSIONAL_STATUS_LABELS[s],
}));
const EVENT_OPTIONS = BENEFICIARY_ADD_EVENTS.map((e) => ({
  value: e,
  label: BENEFICIARY_ADD_EVENT_RULES[e].label,
}));
const REASON_OPTIONS = BENEFICIARY_REMOVE_REASONS.map((r) => ({
  value: r,
  label: BENEFICIARY_REMOVE_REASON_LABELS[r],
}));

const ruleOf = (event: string) =>
  (BENEFICIARY_ADD_EVENTS as readonly string[]).includes(event)
    ? BENEFICIARY_ADD_EVENT_RULES[event as BeneficiaryAddEvent]
    : null;

/** The beneficiary change the values say, as the API reads it. */
function beneficiaryChange({ change: c }: MemberChangeValues) {
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

/** The body of POST /api/members/:memberId/changes, from the kind's fields only. */
export function toChange(values: MemberChangeValues): Record<string, unknown> {
  const comment = values.comment.trim() || undefined;
  const { kind, effectiveDate } = values;
  switch (kind) {
    case 'professional_status':
      return { kind, effectiveDate, professionalStatus: values.professionalStatus, comment };
    case 'establishment':
      return { kind, effectiveDate, establishmentId: values.establishmentId, comment };
    case 'option':
      return { kind, effectiveDate, optionCode: values.optionCode.trim(), comment };
    default:
      return { kind, change: beneficiaryChange(values), comment };
  }
}

const withProof = (values: MemberChangeValues) =>
  values.kind === 'beneficiary' && values.change.action === 'add';

export function validateMemberChange(values: MemberChangeValues) {
  if (!values.kind) return { kind: 'Choisissez le changement à déclarer' };
  const errors = zodResolver(MemberChangeCreateSchema)(toChange(values));
  if (values.kind === 'beneficiary' && !values.change.action) {
    return { 'change.action': 'Choisissez ce que vous déclarez' };
  }
  const rule = ruleOf(values.change.event);
  if (withProof(values) && !values.proof) {
    errors.proof = rule ? `Joignez : ${rule.proof}` : 'Joignez le justificatif';
  }
  return errors;
}

function toInput(values: MemberChangeValues): MemberChangeUpload | null {
  const parsed = MemberChangeCreateSchema.safeParse(toChange(values));
  if (!parsed.success) return null;
  return {
    change: toChange(values) as MemberChangeUpload['change'],
    proof: withProof(values) ? values.proof : null,
  };
}

/** A group of radio buttons on the form's field `path`. */
function Choice({
  form,
  path,
  label,
  options,
  disabled = () => false,
  autoFocus = false,
}: {
  form: Form;
  path: 'kind' | 'change.action';
  label: string;
  options: readonly { value: string; label: string }[];
  disabled?: (value: string) => boolean;
  /** The dialog opens on its first choice. */
  autoFocus?: boolean;
}) {
  const props = form.getInputProps(path);
  return (
    <Radio.Group
      label={label}
      withAsterisk
      error={props.error as ReactNode}
      value={props.value as string}
      onChange={(value) => form.setFieldValue(path, value)}
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

/** The new statut, establishment or option, and from when. */
function MemberFields({ form, member }: { form: Form; member: MemberDetail }) {
  const filters = useMemberFilterOptions();
  const kind = form.values.kind;
  const establishments = (filters.data?.establishments ?? [])
    .filter((e) => e.companyId === member.company.id && e.id !== member.establishment.id)
    .map((e) => ({ value: e.id, label: e.name }));
  const current = member.coverages.find((c) => c.kind === 'employee' && c.status !== 'ended');
  return (
    <>
      {kind === 'professional_status' ? (
        <DeferredSelect
          label="Nouveau statut professionnel"
          description={`Aujourd’hui : ${PROFESSIONAL_STATUS_LABELS[member.professionalStatus]}. Le salarié passe au contrat de ce collège.`}
          withAsterisk
          data={STATUS_OPTIONS.filter((o) => o.value !== member.professionalStatus)}
          {...form.getInputProps('professionalStatus')}
        />
      ) : null}
      {kind === 'establishment' ? (
        <DeferredSelect
          label="Nouvel établissement"
          description={`Aujourd’hui : ${member.establishment.name}. Pour une autre société, radiez le salarié puis affiliez-le dans la nouvelle.`}
          withAsterisk
          data={establishments}
          nothingFoundMessage="Aucun autre établissement de cette société"
          {...form.getInputProps('establishmentId')}
        />
      ) : null}
      {kind === 'option' ? (
        <DeferredSelect
          label="Nouvelle option"
          description={current ? `Option actuelle : ${current.optionLabel}` : undefined}
          withAsterisk
          data={(current?.contract.options ?? [])
            .filter((o) => o.code !== current?.optionCode)
            .map((o) => ({ value: o.code, label: o.label }))}
          nothingFoundMessage="Le contrat ne propose pas d’autre option"
          {...form.getInputProps('optionCode')}
        />
      ) : null}
      <DateField
        label="Date d’effet"
        description={kind === 'option' ? 'Le 1er d’un mois' : undefined}
        withAsterisk
        {...form.getInputProps('effectiveDate')}
      />
    </>
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

/** Add, remove or correct a beneficiary. */
function BeneficiaryFields({ form, member }: { form: Form; member: MemberDetail }) {
  const { action, event } = form.values.change;
  const rule = ruleOf(event);
  const beneficiaries = member.beneficiaries.map((b) => ({
    value: b.id,
    label: `${b.lastName} ${b.firstName} (${BENEFICIARY_TYPE_LABELS[b.type]})`,
  }));
  const pick = (id: string | null) => {
    const b = member.beneficiaries.find((x) => x.id === id);
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
        options={BENEFICIARY_ACTIONS.map((a) => ({
          value: a,
          label: BENEFICIARY_ACTION_LABELS[a],
        }))}
        disabled={(a) => a !== 'add' && beneficiaries.length === 0}
      />
      {action === 'remove' || action === 'correct' ? (
        <DeferredSelect
          label="Bénéficiaire"
          withAsterisk
          data={beneficiaries}
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
            description="S’il a son propre numéro de sécurité sociale"
            maxLength={21}
            {...form.getInputProps('change.nir')}
          />
          <FileInput
            label={rule ? rule.proof : 'Justificatif'}
            description="PDF, JPEG ou PNG, 5 Mo au plus"
            withAsterisk
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

export const EMPTY_CHANGE: MemberChangeValues = {
  kind: '',
  effectiveDate: '',
  professionalStatus: '',
  establishmentId: '',
  optionCode: '',
  change: {
    action: '',
    event: '',
    eventDate: '',
    lastName: '',
    firstName: '',
    birthDate: '',
    nir: '',
    beneficiaryId: '',
    reason: '',
  },
  comment: '',
  proof: null,
};

/** The dialog's form: the kind, its fields, a comment for the insurer. */
export function MemberChangeForm({
  member,
  onDone,
  onCancel,
}: {
  member: MemberDetail;
  onDone: (change: MemberChangeView) => void;
  onCancel: () => void;
}) {
  const declare = useDeclareMemberChange(member.id);
  const form = useAppForm<MemberChangeValues>({
    initialValues: EMPTY_CHANGE,
    validate: validateMemberChange,
  });
  const { formProps, problem } = useDialogForm({ form, mutation: declare, toInput, onDone });
  const kind = form.values.kind;
  return (
    <form {...formProps}>
      <Stack gap="md">
        <FormProblemAlert problem={problem} />
        <Text size="sm" c="gray.8">
          L’assureur vérifie le changement avant de l’appliquer. Les champs marqués d’un astérisque
          sont obligatoires.
        </Text>
        <Choice
          form={form}
          path="kind"
          label="Changement"
          autoFocus
          options={MEMBER_CHANGE_KINDS.map((k) => ({
            value: k,
            label: MEMBER_CHANGE_KIND_LABELS[k],
          }))}
        />
        {kind && kind !== 'beneficiary' ? <MemberFields form={form} member={member} /> : null}
        {kind === 'beneficiary' ? <BeneficiaryFields form={form} member={member} /> : null}
        {kind ? (
          <Textarea
            label="Commentaire pour l’assureur (facultatif)"
            autosize
            minRows={2}
            maxLength={1000}
            {...form.getInputProps('comment')}
          />
        ) : null}
        <FormButtons
          submitLabel="Envoyer à l’assureur"
          loading={declare.isPending}
          onCancel={onCancel}
          cancelDisabled={declare.isPending}
        />
      </Stack>
    </form>
  );
}
