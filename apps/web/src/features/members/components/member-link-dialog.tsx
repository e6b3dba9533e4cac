import { Stack, Text } from '@mantine/core';
import { MemberLinkSendSchema } from '@affilia/shared/schemas/member-links';
import { EmailInput } from '../../../components/email-input';
import { FormButtons, FormProblemAlert, useDialogForm } from '../../../components/form-parts';
import { UserModal } from '../../../components/user-modal';
import { useAppForm } from '../../../lib/use-app-form';
import { zodResolver } from '../../../lib/zod-resolver';
import { useSendMemberLink, type MemberLinkView } from '../api/use-member-link';
import type { MemberDetail } from '../api/use-members';

/*
 * « Envoyer un lien au salarié » (issue 20): the employee's address (the member's, when known),
 * then an email with their personal link to declare their beneficiaries. Loaded when the dialog
 * opens (LazyDialog on the member's page).
 */

function MemberLinkForm({
  member,
  resend,
  onDone,
  onCancel,
}: {
  member: MemberDetail;
  resend: boolean;
  onDone: (link: MemberLinkView) => void;
  onCancel: () => void;
}) {
  const send = useSendMemberLink(member.id);
  const form = useAppForm<{ email: string }>({
    initialValues: { email: member.email ?? '' },
    validate: zodResolver(MemberLinkSendSchema),
  });
  const { formProps, problem } = useDialogForm({
    form,
    mutation: send,
    toInput: (values) => {
      const parsed = MemberLinkSendSchema.safeParse(values);
      return parsed.success ? parsed.data : null;
    },
    onDone,
  });
  return (
    <form {...formProps}>
      <Stack gap="md">
        <FormProblemAlert problem={problem} />
        <Text size="sm" c="gray.8">
          Le salarié reçoit un lien personnel pour déclarer lui-même une naissance, un mariage ou un
          PACS, un nouveau concubin, ou retirer ou corriger un bénéficiaire, avec le justificatif
          demandé. Sa date de naissance lui est demandée pour l’ouvrir. Ses déclarations
          apparaissent dans « Changements déclarés ».
        </Text>
        {resend ? (
          <Text size="sm" c="gray.8">
            Le lien envoyé précédemment ne fonctionnera plus.
          </Text>
        ) : null}
        <EmailInput
          label="Adresse e-mail du salarié"
          data-autofocus
          {...form.getInputProps('email')}
        />
        <FormButtons
          submitLabel="Envoyer le lien"
          loading={send.isPending}
          onCancel={onCancel}
          cancelDisabled={send.isPending}
        />
      </Stack>
    </form>
  );
}

/** The dialog: on a computer a dialog, full screen on a phone. */
export function MemberLinkDialog({
  opened,
  member,
  resend,
  onDone,
  onClose,
}: {
  opened: boolean;
  member: MemberDetail;
  /** A link was already sent: the new one replaces it. */
  resend: boolean;
  onDone: (link: MemberLinkView) => void;
  onClose: () => void;
}) {
  return (
    <UserModal
      opened={opened}
      onClose={onClose}
      title={`Envoyer un lien à ${member.firstName} ${member.lastName}`}
      size="md"
    >
      <MemberLinkForm member={member} resend={resend} onDone={onDone} onCancel={onClose} />
    </UserModal>
  );
}
