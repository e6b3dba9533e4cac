import { Alert, Stack, Text, Textarea } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { PROFESSIONAL_STATUSES, PROFESSIONAL_STATUS_LABELS } from '@affilia/shared/domain/enums';
import {
  MEMBER_CHANGE_KINDS,
  MEMBER_CHANGE_KIND_LABELS,
} from '@affilia/shared/domain/member-change';
import type { MemberChangeView } from '@affilia/shared/schemas/member-changes';
import { MemberChangeCreateSchema } from '@affilia/shared/schemas/member-changes';
import {
  BeneficiaryFields,
  Choice,
  EMPTY_BENEFICIARY_CHANGE,
  beneficiaryChange,
  validateBeneficiaryChange,
  type BeneficiaryChangeValues,
} from '../../../components/beneficiary-change-fields';
import { DateField } from '../../../components/date-field';
import { DeferredSelect } from '../../../components/deferred-select';
import { FormButtons, FormProblemAlert, useDialogForm } from '../../../components/form-parts';
import { useAppForm } from '../../../lib/use-app-form';
import { zodResolver } from '../../../lib/zod-resolver';
import type { MemberChangeUpload } from '../api/use-member-changes';
import { useDeclareMemberChange, useResendMemberChange } from '../api/use-member-changes';
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
  change: BeneficiaryChangeValues;
  comment: string;
  proof: File | null;
}
type Form = UseFormReturnType<MemberChangeValues>;

const STATUS_OPTIONS = PROFESSIONAL_STATUSES.map((s) => ({
  value: s,
  label: PROFESSIONAL_STATUS_LABELS[s],
}));
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
      return { kind, change: beneficiaryChange(values.change), comment };
  }
}

const withProof = (values: MemberChangeValues) =>
  values.kind === 'beneficiary' && values.change.action === 'add';

export function validateMemberChange(values: MemberChangeValues, proofOnFile = false) {
  if (!values.kind) return { kind: 'Choisissez le changement à déclarer' };
  if (values.kind === 'beneficiary') return validateBeneficiaryChange(values, proofOnFile);
  return zodResolver(MemberChangeCreateSchema)(toChange(values));
}

function toInput(values: MemberChangeValues): MemberChangeUpload | null {
  const parsed = MemberChangeCreateSchema.safeParse(toChange(values));
  if (!parsed.success) return null;
  return {
    change: toChange(values) as MemberChangeUpload['change'],
    proof: withProof(values) ? values.proof : null,
  };
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

export const EMPTY_CHANGE: MemberChangeValues = {
  kind: '',
  effectiveDate: '',
  professionalStatus: '',
  establishmentId: '',
  optionCode: '',
  change: EMPTY_BENEFICIARY_CHANGE,
  comment: '',
  proof: null,
};

/**
 * A returned change as the form's values, to correct and send again: what it said, its kind
 * fixed. A beneficiary's NIR is never sent back by the API: left empty, the server keeps it.
 */
export function valuesOfChange(change: MemberChangeView): MemberChangeValues {
  const values: MemberChangeValues = {
    ...EMPTY_CHANGE,
    kind: change.kind,
    effectiveDate: change.effectiveDate,
    comment: change.comment ?? '',
  };
  const d = change.details;
  switch (d.kind) {
    case 'professional_status':
      return { ...values, professionalStatus: d.to };
    case 'establishment':
      return { ...values, establishmentId: d.toEstablishmentId };
    case 'option':
      return { ...values, optionCode: d.to };
    case 'beneficiary':
      return {
        ...values,
        effectiveDate: '',
        change: {
          ...EMPTY_BENEFICIARY_CHANGE,
          action: d.action,
          event: d.event ?? '',
          eventDate: d.eventDate ?? '',
          reason: d.reason ?? '',
          beneficiaryId: d.beneficiaryId ?? '',
          ...(d.action === 'remove'
            ? {}
            : { lastName: d.lastName, firstName: d.firstName, birthDate: d.birthDate }),
        },
      };
  }
}

/**
 * The dialog's form: the kind, its fields, a comment for the insurer. With `returned`, the
 * change the insurer returned, pre-filled to correct and send again (its kind fixed).
 */
export function MemberChangeForm({
  member,
  returned,
  onDone,
  onCancel,
}: {
  member: MemberDetail;
  returned?: MemberChangeView | undefined;
  onDone: (change: MemberChangeView) => void;
  onCancel: () => void;
}) {
  const declare = useDeclareMemberChange(member.id);
  const resend = useResendMemberChange(member.id, returned?.id ?? '');
  const proofs = returned?.proofs.map((p) => p.fileName) ?? [];
  const form = useAppForm<MemberChangeValues>({
    initialValues: returned ? valuesOfChange(returned) : EMPTY_CHANGE,
    validate: (values) => validateMemberChange(values, proofs.length > 0),
  });
  const mutation = returned ? resend : declare;
  const { formProps, problem } = useDialogForm({ form, mutation, toInput, onDone });
  const kind = form.values.kind;
  const details = returned?.details;
  return (
    <form {...formProps}>
      <Stack gap="md">
        <FormProblemAlert problem={problem} />
        {returned?.returnReason ? (
          <Alert color="grape" variant="light" title="Motif du retour">
            {returned.returnReason}
          </Alert>
        ) : null}
        <Text size="sm" c="gray.8">
          L’assureur vérifie le changement avant de l’appliquer. Les champs marqués d’un astérisque
          sont obligatoires.
        </Text>
        {returned ? null : (
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
        )}
        {kind && kind !== 'beneficiary' ? <MemberFields form={form} member={member} /> : null}
        {kind === 'beneficiary' ? (
          <BeneficiaryFields
            form={form}
            beneficiaries={member.beneficiaries}
            autoFocus={returned !== undefined}
            {...(returned
              ? {
                  kept: {
                    proofs,
                    hasNir: details?.kind === 'beneficiary' && details.hasNir,
                  },
                }
              : {})}
          />
        ) : null}
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
          submitLabel={returned ? 'Renvoyer à l’assureur' : 'Envoyer à l’assureur'}
          loading={mutation.isPending}
          onCancel={onCancel}
          cancelDisabled={mutation.isPending}
        />
      </Stack>
    </form>
  );
}
