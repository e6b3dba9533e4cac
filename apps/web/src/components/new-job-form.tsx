import { Stack, Text } from '@mantine/core';
import { NewJobSchema } from '@affilia/shared/schemas/radiations';
import { formatIsoDate } from '../lib/member-format';
import type { RadiationDetail } from '../lib/radiations-api';
import { useReportNewJob } from '../lib/radiations-api';
import { useAppForm } from '../lib/use-app-form';
import { zodResolver } from '../lib/zod-resolver';
import { DateField } from './date-field';
import { FormButtons, FormProblemAlert, useDialogForm } from './form-parts';

/** No new job before the portability started. */
export function newJobDateError(date: string, portabilityStart: string): string | null {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && date < portabilityStart
    ? `La reprise d’emploi ne peut pas précéder le début de la portabilité (${formatIsoDate(portabilityStart)})`
    : null;
}

type NewJobMutation = ReturnType<typeof useReportNewJob>;

/**
 * « Déclarer une reprise d’emploi » (issue 18): the former employee found a new job, the
 * portability ends the day before. Loaded when its dialog opens (zod and the shared schema).
 * The employer's by default; the back office gives its own `report` (its API) and `description`.
 */
export function NewJobForm({
  radiationId,
  portabilityStart,
  report: given,
  description = 'La portabilité prend fin à la reprise d’un emploi : l’assureur en est informé et la couverture gratuite s’arrête à cette date.',
  onDone,
  onCancel,
}: {
  radiationId: string;
  portabilityStart: string;
  report?: NewJobMutation;
  description?: string;
  onDone: (detail: RadiationDetail) => void;
  onCancel: () => void;
}) {
  const employer = useReportNewJob(radiationId);
  const report = given ?? employer;
  const form = useAppForm<{ date: string }>({
    initialValues: { date: '' },
    validate: (values) => {
      const errors = zodResolver(NewJobSchema)(values);
      const before = newJobDateError(values.date, portabilityStart);
      if (before) errors.date ??= before;
      return errors;
    },
  });
  const { formProps, problem } = useDialogForm({
    form,
    mutation: report,
    toInput: (values) => ({ date: values.date }),
    onDone,
  });
  return (
    <form {...formProps}>
      <Stack gap="md">
        <FormProblemAlert problem={problem} />
        <Text size="sm">{description}</Text>
        <DateField
          label="Date de reprise d’emploi"
          withAsterisk
          minDate={portabilityStart}
          {...form.getInputProps('date')}
        />
        <FormButtons
          submitLabel="Déclarer la reprise d’emploi"
          loading={report.isPending}
          onCancel={onCancel}
          cancelDisabled={report.isPending}
        />
      </Stack>
    </form>
  );
}
