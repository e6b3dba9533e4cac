import { Stack, Text } from '@mantine/core';
import { MEMBER_CHANGE_KIND_LABELS } from '@affilia/shared/domain/member-change';
import { MemberChangeReturnSchema } from '@affilia/shared/schemas/member-changes';
import { Dialog } from '../../../components/dialog';
import { FormButtons, FormProblemAlert, useDialogForm } from '../../../components/form-parts';
import { memberChangeSummary } from '../../../components/member-change-summary';
import { useAppForm } from '../../../lib/use-app-form';
import type { MemberChangeView } from '../api/use-backoffice-member-changes';
import {
  useReturnMemberChange,
  useValidateMemberChange,
} from '../api/use-backoffice-member-changes';
import { ReasonDialog } from './reason-dialog';

/*
 * The back office's decisions on a member's change, each in its dialog: loaded when one opens
 * (zod and the shared schema stay off the page's first load).
 */

interface DialogProps {
  change: MemberChangeView;
  onClose: () => void;
  onDone: () => void;
}

/** « Valider »: what it applies to the member, then done. */
function ValidateDialog({ change, onClose, onDone }: DialogProps) {
  const validate = useValidateMemberChange(change.id);
  const { formProps, problem } = useDialogForm({
    form: useAppForm<Record<string, never>>({ initialValues: {} }),
    mutation: validate,
    toInput: () => undefined,
    onDone,
  });
  return (
    <Dialog
      opened
      onClose={() => !validate.isPending && onClose()}
      title={`Valider : ${MEMBER_CHANGE_KIND_LABELS[change.kind].toLowerCase()}`}
    >
      <form {...formProps}>
        <Stack gap="md">
          <FormProblemAlert problem={problem} />
          <Text size="sm">
            {`${memberChangeSummary(change)} — le changement est appliqué à ${change.member.firstName} ${change.member.lastName} (un changement de contrat ou d’option clôt la couverture la veille et ouvre la suivante), et l’employeur en est informé.`}
          </Text>
          <FormButtons
            submitLabel="Confirmer la validation"
            loading={validate.isPending}
            onCancel={onClose}
            cancelDisabled={validate.isPending}
          />
        </Stack>
      </form>
    </Dialog>
  );
}

/** « Retourner à l’employeur »: the reason is required and sent to the employer. */
function ReturnDialog({ change, onClose, onDone }: DialogProps) {
  return (
    <ReasonDialog
      title="Retourner à l’employeur"
      intro="L’employeur sera informé du retour et de son motif ; il pourra le corriger et le renvoyer, ou l’annuler."
      label="Motif du retour"
      submitLabel="Retourner à l’employeur"
      schema={MemberChangeReturnSchema}
      mutation={useReturnMemberChange(change.id)}
      onClose={onClose}
      onDone={onDone}
    />
  );
}

export type MemberChangeDialogKind = 'validate' | 'return';

/** The dialog of `kind`, open. */
export function MemberChangeDecisionDialog({
  kind,
  ...props
}: DialogProps & { kind: MemberChangeDialogKind }) {
  return kind === 'validate' ? <ValidateDialog {...props} /> : <ReturnDialog {...props} />;
}
