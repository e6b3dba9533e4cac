import { List, Stack } from '@mantine/core';
import { RadiationReturnSchema } from '@affilia/shared/schemas/radiations';
import { formatFrenchDate } from '@affilia/shared/validators/dates';
import { Dialog } from '../../../components/dialog';
import { FormButtons, FormProblemAlert, useDialogForm } from '../../../components/form-parts';
import { NewJobForm } from '../../../components/new-job-form';
import { useAppForm } from '../../../lib/use-app-form';
import type { RadiationDetail } from '../api/use-backoffice-radiations';
import {
  useProcessRadiation,
  useReportNewJob,
  useReturnRadiation,
} from '../api/use-backoffice-radiations';
import { processConsequences } from '../radiation-format';
import { ReasonDialog } from './reason-dialog';

/*
 * The back office's decisions on a radiation, each in its dialog: loaded when one opens (zod, the
 * shared schemas and the form code stay off the page's first load).
 */

interface DialogProps {
  detail: RadiationDetail;
  opened: boolean;
  onClose: () => void;
  onDone: (detail: RadiationDetail) => void;
}

/** « Traiter la radiation »: what it does (end of coverage, portability until…), then done. */
export function ProcessRadiationDialog({ detail, opened, onClose, onDone }: DialogProps) {
  const process = useProcessRadiation(detail.id);
  const { formProps, problem } = useDialogForm({
    form: useAppForm<Record<string, never>>({ initialValues: {} }),
    mutation: process,
    toInput: () => undefined,
    onDone,
  });
  return (
    <Dialog
      opened={opened}
      onClose={() => !process.isPending && onClose()}
      title="Traiter la radiation"
    >
      <form {...formProps}>
        <Stack gap="md">
          <FormProblemAlert problem={problem} />
          <List size="sm" spacing="xs">
            {processConsequences(detail).map((line) => (
              <List.Item key={line}>{line}</List.Item>
            ))}
          </List>
          <FormButtons
            submitLabel="Confirmer le traitement"
            loading={process.isPending}
            onCancel={onClose}
            cancelDisabled={process.isPending}
          />
        </Stack>
      </form>
    </Dialog>
  );
}

/** « Retourner à l’employeur »: the reason is required and sent to the employer. */
export function ReturnRadiationDialog({ detail, onClose, onDone }: DialogProps) {
  return (
    <ReasonDialog
      title="Retourner à l’employeur"
      intro="L’employeur sera informé du retour et de son motif ; il pourra corriger la radiation et l’envoyer à nouveau, ou l’annuler."
      label="Motif du retour"
      submitLabel="Retourner à l’employeur"
      schema={RadiationReturnSchema}
      mutation={useReturnRadiation(detail.id)}
      onClose={onClose}
      onDone={onDone}
    />
  );
}

/** « Fin de portabilité (reprise d’emploi) »: the employer's form, through the back office's API. */
export function NewJobDialog({ detail, opened, onClose, onDone }: DialogProps) {
  const report = useReportNewJob(detail.id);
  const p = detail.portability;
  return (
    <Dialog
      opened={opened}
      onClose={() => !report.isPending && onClose()}
      title="Fin de portabilité (reprise d’emploi)"
    >
      <NewJobForm
        radiationId={detail.id}
        portabilityStart={p.eligible ? p.start : detail.contractEndDate}
        report={report}
        description={`${p.eligible ? `La portabilité court jusqu’au ${formatFrenchDate(p.end)}. ` : ''}Indiquez la date à laquelle l’ancien salarié a repris un emploi : la portabilité prend fin la veille, et l’employeur en est informé.`}
        onDone={onDone}
        onCancel={onClose}
      />
    </Dialog>
  );
}

export type RadiationDialogKind = 'process' | 'return' | 'new-job';

/** The dialog of `kind`, open. */
export function RadiationDialog({
  kind,
  ...props
}: Omit<DialogProps, 'opened'> & { kind: RadiationDialogKind }) {
  if (kind === 'process') return <ProcessRadiationDialog opened {...props} />;
  if (kind === 'return') return <ReturnRadiationDialog opened {...props} />;
  return <NewJobDialog opened {...props} />;
}
