import { ActionIcon, Button, Fieldset, Group, Stack, Text, Textarea } from '@mantine/core';
import type { FormErrors } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { RadiationCreateSchema } from '@affilia/shared/schemas/radiations';
import type { RadiationCreated, RadiationDetail, RadiationPrefill } from '../lib/radiations-api';
import { useCreateRadiation, useUpdateRadiation } from '../lib/radiations-api';
import type { RadiationFormValues } from '../lib/radiation-form';
import {
  endBeforeCoverageError,
  evinSentence,
  initialRadiationValues,
  portabilityPreview,
  portabilitySentence,
  toRadiationInput,
  withContractEndDate,
} from '../lib/radiation-form';
import { useAppForm } from '../lib/use-app-form';
import { zodResolver } from '../lib/zod-resolver';
import { DateField } from './date-field';
import { EmailInput } from './email-input';
import { FormButtons, FormProblemAlert, useDialogForm } from './form-parts';
import { CommentField, ContractEndField, MotifFields, RadiationPreview } from './radiation-fields';

/*
 * « Radier » one member (issue 18): from the member's page, or « Corriger et renvoyer » a
 * radiation the insurer returned. Loaded when its dialog opens (it carries zod and the Select).
 */

type Form = ReturnType<typeof useAppForm<RadiationFormValues>>;

/** A group of fields named by its legend, aligned with the fields around it. */
const FIELDSET_STYLES = {
  root: { padding: 0, margin: 0, border: 0 },
  legend: { fontWeight: 600, fontSize: 'var(--mantine-font-size-sm)' },
};

/** The last contract (ending on the end of the contract of employment), then the previous ones. */
function EmploymentPeriodsFields({ form }: { form: Form }) {
  const periods = form.values.employmentPeriods;
  return (
    <Fieldset
      legend="Contrat(s) de travail chez cet employeur"
      variant="unstyled"
      styles={FIELDSET_STYLES}
    >
      <Text size="xs" c="gray.8" mb="xs">
        La durée de la portabilité est celle du dernier contrat, ou des derniers contrats quand ils
        se suivent sans interruption, arrondie au mois supérieur (12 mois au plus).
      </Text>
      <Stack gap="sm">
        {periods.map((_, index) => {
          const last = index === 0;
          const name = last ? 'du dernier contrat' : `du contrat précédent n° ${index}`;
          return (
            <Group key={index} gap="sm" align="flex-end" wrap="wrap">
              <DateField
                label={`Début ${name}`}
                withAsterisk
                {...form.getInputProps(`employmentPeriods.${index}.start`)}
              />
              {last ? (
                <DateField
                  label={`Fin ${name}`}
                  description="La date de fin du contrat de travail"
                  value={form.values.contractEndDate}
                  disabled
                />
              ) : (
                <>
                  <DateField
                    label={`Fin ${name}`}
                    withAsterisk
                    {...form.getInputProps(`employmentPeriods.${index}.end`)}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    mb={4}
                    aria-label={`Retirer le contrat précédent n° ${index}`}
                    onClick={() => form.removeListItem('employmentPeriods', index)}
                  >
                    <IconTrash size={18} aria-hidden />
                  </ActionIcon>
                </>
              )}
            </Group>
          );
        })}
        <Group>
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => form.insertListItem('employmentPeriods', { start: '', end: '' })}
            disabled={periods.length >= 20}
          >
            Ajouter un contrat précédent
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}

/** Where the notice goes: the e-mail (pre-filled), else the postal address (a PDF to print). */
function ContactFields({ form }: { form: Form }) {
  return (
    <Fieldset legend="Remise de la notice au salarié" variant="unstyled" styles={FIELDSET_STYLES}>
      <Stack gap="sm">
        <EmailInput
          label="E-mail du salarié"
          description="La notice de fin de garantie lui est envoyée à cette adresse."
          required={false}
          {...form.getInputProps('contactEmail')}
        />
        <Textarea
          label="Adresse postale du salarié"
          description="Sans e-mail, la notice est un PDF à imprimer et à lui remettre."
          autosize
          minRows={2}
          maxLength={500}
          {...form.getInputProps('contactAddress')}
        />
      </Stack>
    </Fieldset>
  );
}

/** The preview of the values: portability (or why none) and the loi Évin offer. */
function Preview({ values }: { values: RadiationFormValues }) {
  const portability = portabilityPreview(values);
  const evin =
    portability && values.motif && values.unemploymentRights !== null
      ? evinSentence({
          motif: values.motif,
          unemploymentRights: values.unemploymentRights,
          disabilityPension: values.disabilityPension,
          contractEndDate: values.contractEndDate,
          portability,
        })
      : null;
  return (
    <RadiationPreview
      portability={portability ? portabilitySentence(portability) : null}
      evin={evin}
      pendingHint="La portabilité s’affiche ici une fois la date, le motif et le dernier contrat renseignés."
    />
  );
}

/** The form's own checks: the shared schema, and no end before the coverage's date d'effet. */
export function validateRadiation(
  prefill: RadiationPrefill,
  values: RadiationFormValues,
): FormErrors {
  const errors = zodResolver(RadiationCreateSchema)(toRadiationInput(prefill.member.id, values));
  const end = endBeforeCoverageError(values.contractEndDate, prefill.coverageEffectiveDate);
  if (end) errors.contractEndDate ??= end;
  return errors;
}

export function RadiationForm({
  prefill,
  existing,
  initialErrors,
  onDone,
  onCancel,
}: {
  prefill: RadiationPrefill;
  /** A returned radiation to correct and send again (PUT), else a new one. */
  existing?: RadiationDetail | null;
  /** The errors to show at once (a server answer kept across a reload). */
  initialErrors?: FormErrors;
  onDone: (result: RadiationCreated | RadiationDetail) => void;
  onCancel: () => void;
}) {
  const create = useCreateRadiation();
  const update = useUpdateRadiation(existing?.id ?? '');
  const mutation = existing ? update : create;
  const form = useAppForm<RadiationFormValues>({
    initialValues: initialRadiationValues(prefill, existing),
    initialErrors: initialErrors ?? {},
    validate: (values) => validateRadiation(prefill, values),
  });
  const { formProps, problem } = useDialogForm({
    form,
    mutation: mutation as typeof create,
    toInput: (values) => toRadiationInput(prefill.member.id, values),
    onDone: (result) => onDone(result),
  });

  return (
    <form {...formProps}>
      <Stack gap="md">
        <FormProblemAlert problem={problem} />
        <ContractEndField
          form={form}
          minDate={prefill.coverageEffectiveDate ?? undefined}
          onChange={(value) => form.setValues(withContractEndDate(form.values, value))}
        />
        <MotifFields form={form} />
        <EmploymentPeriodsFields form={form} />
        <ContactFields form={form} />
        <CommentField form={form} />
        <Preview values={form.values} />
        <FormButtons
          submitLabel={existing ? 'Renvoyer à l’assureur' : 'Confirmer la radiation'}
          loading={mutation.isPending}
          onCancel={onCancel}
          cancelDisabled={mutation.isPending}
        />
      </Stack>
    </form>
  );
}
